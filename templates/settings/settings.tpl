{{%AUTOESCAPE context="HTML"}}<div class="readers-page settings">
  <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/account">Account</a></li><li aria-current="page">Settings</li></ol></nav>
  <h1>Account settings</h1>
  <nav class="settings__toc" aria-label="Settings sections">
    <ul class="chip-list">
      <li><a class="chip" href="#profile">Profile</a></li>
      <li><a class="chip" href="/account#email-choices">Email preferences</a></li>
      <li><a class="chip" href="#password">Password</a></li>
      <li><a class="chip" href="#email">Email address</a></li>
      <li><a class="chip" href="/account/addresses">Addresses</a></li>
      <li><a class="chip" href="#close">Close account</a></li>
    </ul>
  </nav>

  <section class="card form-card" id="profile" aria-labelledby="profile-heading">
    <h2 id="profile-heading">Profile</h2>
    {{#PROFILE_ERRORS}}{{>FORM_ERRORS}}{{/PROFILE_ERRORS}}
    <form action="/account/settings/profile" method="post">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>NAME_FIELD}}
      <button type="submit" class="button">Save name</button>
    </form>
  </section>

  <section class="card form-card" aria-labelledby="prefs-heading">
    <h2 id="prefs-heading">Email preferences</h2>
    <p>Newsletters, author digests and other messages we may send: choose them on your account page.</p>
    <p><a class="button button--quiet" href="/account#email-choices">Email preferences</a></p>
  </section>

  <section class="card form-card" id="password" aria-labelledby="password-heading">
    <h2 id="password-heading">Change your password</h2>
    <p class="muted">You stay logged in here; every other device is logged out.</p>
    {{#PASSWORD_ERRORS}}{{>FORM_ERRORS}}{{/PASSWORD_ERRORS}}
    <form action="/account/settings/password" method="post">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>CURRENT_PASSWORD_FIELD}}
      {{>NEW_PASSWORD_FIELD}}
      <button type="submit" class="button">Change password</button>
    </form>
  </section>

  <section class="card form-card" id="email" aria-labelledby="email-heading">
    <h2 id="email-heading">Change your email address</h2>
    <p>Your address is <strong>{{EMAIL}}</strong>.</p>
    {{#HAS_PENDING_EMAIL}}<p class="notice" role="status">Waiting for you to open the link we sent to <strong>{{PENDING_EMAIL}}</strong>. Asking again sends a new link.</p>{{/HAS_PENDING_EMAIL}}
    {{#EMAIL_ERRORS}}{{>FORM_ERRORS}}{{/EMAIL_ERRORS}}
    <form action="/account/settings/email" method="post">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>NEW_EMAIL_FIELD}}
      {{>EMAIL_PASSWORD_FIELD}}
      <button type="submit" class="button">Send confirmation link</button>
    </form>
  </section>

  <section class="card form-card settings__danger" id="close" aria-labelledby="close-heading">
    <h2 id="close-heading">Close your account</h2>
    {{#CAN_CLOSE}}
    <p>Closing removes your name, email, addresses, wishlists and votes. Your orders stay in our books without your
      name, street or phone; your reviews stay, signed “Former reader”. This cannot be undone.</p>
    {{#CLOSE_ERRORS}}{{>FORM_ERRORS}}{{/CLOSE_ERRORS}}
    <form action="/account/settings/close" method="post">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>CLOSE_PASSWORD_FIELD}}
      <div class="field{{#HAS_CONFIRM_ERROR}} field--error{{/HAS_CONFIRM_ERROR}}">
        <label class="checkbox"><input type="checkbox" name="confirm" value="close"{{#HAS_CONFIRM_ERROR}} aria-invalid="true" aria-describedby="field-confirm-error"{{/HAS_CONFIRM_ERROR}}> I understand: close my account for good</label>
        {{#HAS_CONFIRM_ERROR}}<p class="field-error" id="field-confirm-error">{{CONFIRM_ERROR}}</p>{{/HAS_CONFIRM_ERROR}}
      </div>
      <button type="submit" class="button button--danger">Close my account</button>
    </form>
    {{/CAN_CLOSE}}
    {{#CANNOT_CLOSE}}<p>Author and administrator accounts carry books and records, so we close them for you: please write to us.</p>{{/CANNOT_CLOSE}}
  </section>
</div>

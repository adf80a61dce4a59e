{{%AUTOESCAPE context="HTML"}}<section class="card">
  <h1>Hello, {{NAME}}</h1>
  {{#UNVERIFIED}}
  <div class="notice" role="status">
    <p>Please confirm your email address: we sent a link to <strong>{{EMAIL}}</strong>.</p>
    <form action="/account/verification" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      <button type="submit" class="button button--small button--quiet">Send the link again</button>
    </form>
  </div>
  {{/UNVERIFIED}}
  <dl class="details">
    <dt>Email</dt><dd>{{EMAIL}} {{#VERIFIED}}<span class="badge badge--ok">confirmed</span>{{/VERIFIED}}{{#UNVERIFIED}}<span class="badge">not confirmed yet</span>{{/UNVERIFIED}}</dd>
    <dt>Account type</dt><dd>{{ROLE}}</dd>
    <dt>Member since</dt><dd>{{MEMBER_SINCE}}</dd>
  </dl>
  <form action="/account/emails" method="post">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <fieldset class="field choice">
      <legend>Emails from Bookfair</legend>
      <label><input type="checkbox" name="newsletter" value="1"{{#NEWSLETTER_ON}} checked{{/NEWSLETTER_ON}}> New books, once a day when there are any</label>
      {{#IS_AUTHOR}}<label><input type="checkbox" name="author_digests" value="1"{{#AUTHOR_DIGESTS_ON}} checked{{/AUTHOR_DIGESTS_ON}}> My sales: a daily summary and a monthly revenue report</label>{{/IS_AUTHOR}}
    </fieldset>
    <button type="submit" class="button button--small">Save email choices</button>
  </form>
  <ul class="link-list">
    <li><a href="/orders">Your orders</a></li>
    <li><a href="/wishlists">Your wishlists</a></li>
    <li><a href="/account/addresses">Your addresses</a></li>
    <li><a href="/account/settings">Account settings</a> (name, password, email, closing the account)</li>
    {{#IS_AUTHOR}}<li><a href="/dashboard">Your author dashboard</a></li>{{/IS_AUTHOR}}
    {{#IS_ADMIN}}<li><a href="/admin">Admin console</a></li>{{/IS_ADMIN}}
  </ul>
</section>

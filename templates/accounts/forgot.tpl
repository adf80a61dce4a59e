{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Reset your password</h1>
  <p class="lead">Enter the email you registered with and we will send you a link to choose a new password.</p>
  {{>FORM_ERRORS}}
  <form action="/password/forgot" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{>EMAIL_FIELD}}
    <button type="submit" class="button">Send the link</button>
  </form>
  <p class="form-footer">Remembered it? <a href="/login">Log in</a></p>
</section>

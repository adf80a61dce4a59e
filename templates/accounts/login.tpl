{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Log in</h1>
  {{>FORM_ERRORS}}
  {{#HAS_LOGIN_ERROR}}<div class="form-errors" role="alert"><p>{{LOGIN_ERROR}}</p></div>{{/HAS_LOGIN_ERROR}}
  <form action="/login" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    {{#CHALLENGE}}<input type="hidden" name="challenge" value="{{TOKEN}}">
    <p class="notice login-wait" data-wait-seconds="{{SECONDS}}" role="status">For your account's safety, wait {{WAIT}} before you press Log in.</p>{{/CHALLENGE}}
    {{>EMAIL_FIELD}}
    {{>PASSWORD_FIELD}}
    <button type="submit" class="button">Log in</button>
  </form>
  <p class="form-footer"><a href="/password/forgot">Forgot your password?</a> · New here? <a href="{{REGISTER_URL}}">Create an account</a></p>
</section>

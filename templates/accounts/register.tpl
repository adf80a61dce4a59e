{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Create your account</h1>
  <p class="lead">Buy books straight from their authors, or publish your own.</p>
  {{>FORM_ERRORS}}
  <form action="/register" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{#HAS_NEXT}}<input type="hidden" name="next" value="{{NEXT}}">{{/HAS_NEXT}}
    {{>EMAIL_FIELD}}
    {{>NAME_FIELD}}
    {{>PASSWORD_FIELD}}
    <fieldset class="field choice{{#HAS_ROLE_ERROR}} field--error{{/HAS_ROLE_ERROR}}">
      <legend>I am joining as</legend>
      <label><input type="radio" name="role" value="customer"{{#ROLE_CUSTOMER}} checked{{/ROLE_CUSTOMER}}> a reader</label>
      <label><input type="radio" name="role" value="author"{{#ROLE_AUTHOR}} checked{{/ROLE_AUTHOR}}> an author who sells books</label>
      {{#HAS_ROLE_ERROR}}<p class="field-error">{{ROLE_ERROR}}</p>{{/HAS_ROLE_ERROR}}
    </fieldset>
    <div class="field">
      <label class="checkbox"><input type="checkbox" name="newsletter" value="1"{{#NEWSLETTER_CHECKED}} checked{{/NEWSLETTER_CHECKED}}> Email me about new books (the newsletter; you can stop it any time in Settings)</label>
    </div>
    <button type="submit" class="button">Create account</button>
  </form>
  <p class="form-footer">Already have an account? <a href="/login">Log in</a></p>
</section>

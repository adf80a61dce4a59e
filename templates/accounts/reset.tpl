{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Choose a new password</h1>
  {{>FORM_ERRORS}}
  <form action="/password/reset/{{TOKEN}}" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{>PASSWORD_FIELD}}
    <button type="submit" class="button">Save the new password</button>
  </form>
</section>

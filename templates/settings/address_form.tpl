{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/account">Account</a></li><li><a href="/account/addresses">Addresses</a></li><li aria-current="page">{{HEADING}}</li></ol></nav>
  <h1>{{HEADING}}</h1>
  {{>FORM_ERRORS}}
  {{#HAS_BOOK_ERROR}}<p class="field-error" role="alert">{{BOOK_ERROR}}</p>{{/HAS_BOOK_ERROR}}
  <form action="{{ACTION}}" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{>ADDRESS_FIELDS}}
    {{#IS_NEW}}<label class="checkbox"><input type="checkbox" name="make_default" value="1"{{#DEFAULT_CHECKED}} checked{{/DEFAULT_CHECKED}}> Ship here by default</label>{{/IS_NEW}}
    <div class="form-actions">
      <button type="submit" class="button">Save address</button>
      <a href="/account/addresses">Cancel</a>
    </div>
  </form>
</section>

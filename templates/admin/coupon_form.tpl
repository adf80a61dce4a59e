{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>{{HEADING}}</h1>
  {{>ADMIN_NAV}}
  <p class="muted"><a href="/admin/coupons">All coupons</a></p>
  <div class="admin-columns">
    <section class="card coupon-form">
      {{>FORM_ERRORS}}
      <form action="{{ACTION}}" method="post" novalidate>
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        <fieldset class="form-section">
          <legend>Code and discount</legend>
          {{>CODE_FIELD}}
          {{>KIND_FIELD}}
          <div class="form-row">{{>PERCENT_FIELD}}{{>MAX_DISCOUNT_FIELD}}</div>
          <p class="hint">Percent coupons use the two fields above; amount coupons the one below. Free shipping needs neither.</p>
          <div class="form-row">{{>AMOUNT_FIELD}}{{>MIN_ORDER_FIELD}}</div>
        </fieldset>
        <fieldset class="form-section">
          <legend>Which books</legend>
          {{>SCOPE_FIELD}}
          {{>BOOKS_FIELD}}
          <fieldset class="field category-choices{{#HAS_CATEGORIES_ERROR}} field--error{{/HAS_CATEGORIES_ERROR}}"{{#HAS_CATEGORIES_ERROR}} aria-describedby="field-categories-error"{{/HAS_CATEGORIES_ERROR}}>
            <legend>Categories</legend>
            <p class="hint">Each covers its subcategories too.</p>
            <div class="choice-list">
              {{#CATEGORY_OPTION}}<label class="checkbox"><input type="checkbox" name="category" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}{{#INACTIVE}} <span class="badge">hidden</span>{{/INACTIVE}}</label>
              {{/CATEGORY_OPTION}}
            </div>
            {{#HAS_CATEGORIES_ERROR}}<p class="field-error" id="field-categories-error">{{CATEGORIES_ERROR}}</p>{{/HAS_CATEGORIES_ERROR}}
          </fieldset>
        </fieldset>
        <fieldset class="form-section">
          <legend>Limits and dates</legend>
          <div class="form-row">{{>USAGE_LIMIT_FIELD}}{{>PER_CUSTOMER_FIELD}}</div>
          <div class="form-row">{{>STARTS_FIELD}}{{>ENDS_FIELD}}</div>
        </fieldset>
        <p class="actions"><button type="submit" class="button">{{SUBMIT}}</button> <a class="button button--quiet" href="/admin/coupons">Cancel</a></p>
      </form>
    </section>
    {{#EDITING}}
    <aside class="card admin-action" aria-labelledby="usage-heading">
      <h2 id="usage-heading">Use so far</h2>
      <p><span class="badge badge--{{STATE_CLASS}}">{{STATE}}</span> Used {{USED}} times.</p>
      <form action="/admin/coupons/{{ID}}/active" method="post">
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="back" value="edit">
        {{#ACTIVE}}<input type="hidden" name="active" value="0"><button type="submit" class="button button--quiet">Deactivate</button>{{/ACTIVE}}
        {{#INACTIVE}}<input type="hidden" name="active" value="1"><button type="submit" class="button">Activate</button>{{/INACTIVE}}
      </form>
    </aside>
    {{/EDITING}}
  </div>
  {{#EDITING}}
  <section aria-labelledby="audit-heading">
    <h2 id="audit-heading">Changes to this coupon</h2>
    {{#EMPTY_AUDIT}}<p class="empty">None yet.</p>{{/EMPTY_AUDIT}}
    {{>AUDIT_TABLE}}
  </section>
  {{/EDITING}}
</div>

{{%AUTOESCAPE context="HTML"}}<div class="{{#IS_ADMIN_PAGE}}admin{{/IS_ADMIN_PAGE}}">
{{>ADMIN_NAV}}
<section class="card form-card confirm-card" aria-labelledby="confirm-heading">
  <h1 id="confirm-heading">Cancel the flash sale of “{{TITLE}}”?</h1>
  <p>The sale ends now and cannot be started again. The {{UNITS_LEFT}} of {{QUANTITY}} copies not yet sold go back to the book's stock; copies already bought or held for payment stay with their orders.</p>
  <form action="{{MANAGE_URL}}/{{ID}}" method="post" class="form-actions">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="action" value="cancel">
    <input type="hidden" name="confirm" value="1">
    <button type="submit" class="button button--danger">Yes, cancel the sale</button>
    <a href="{{MANAGE_URL}}">No, keep it</a>
  </form>
</section>
</div>

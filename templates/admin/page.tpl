{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Edit “{{TITLE}}”</h1>
  {{>ADMIN_NAV}}
  <p class="muted"><a href="/admin/pages">All pages</a> · shown at <a href="/pages/{{SLUG}}">/pages/{{SLUG}}</a></p>
  <section class="card admin-action" aria-labelledby="edit-heading">
    <h2 id="edit-heading">The page</h2>
    {{>FORM_ERRORS}}
    <form action="/admin/pages/{{SLUG}}" method="post" novalidate>
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>TITLE_FIELD}}
      {{>SUMMARY_FIELD}}
{{>BODY_FIELD}}{{! At the start of its line: an indented include would indent every line of the text. }}
      <button type="submit" class="button">Save</button>
    </form>
  </section>
  <section aria-labelledby="audit-heading">
    <h2 id="audit-heading">Edits of this page</h2>
    {{#EMPTY_AUDIT}}<p class="empty">None yet.</p>{{/EMPTY_AUDIT}}
    {{>AUDIT_TABLE}}
  </section>
</div>

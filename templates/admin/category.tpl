{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>{{NAME}}</h1>
  {{>ADMIN_NAV}}
  <p class="muted"><a href="/admin/categories#cat-{{ID}}">All categories</a> · {{PATH}}</p>
  <dl class="details">
    <dt>Address</dt><dd>{{#ACTIVE}}<a href="{{PUBLIC_URL}}">{{PUBLIC_URL}}</a>{{/ACTIVE}}{{#INACTIVE}}<span class="code">{{PUBLIC_URL}}</span>{{/INACTIVE}}</dd>
    <dt>Books filed here</dt><dd>{{BOOKS}} (not counting subcategories)</dd>
    <dt>Shown to readers</dt>
    <dd>
      <form action="/admin/categories/{{ID}}/active" method="post" class="inline-form">
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="back" value="edit">
        {{#ACTIVE}}<span class="badge badge--ok">active</span> <input type="hidden" name="active" value="0"><button type="submit" class="link-button">Deactivate</button>{{/ACTIVE}}
        {{#INACTIVE}}<span class="badge">hidden</span> <input type="hidden" name="active" value="1"><button type="submit" class="link-button">Activate</button>{{/INACTIVE}}
      </form>
    </dd>
  </dl>
  <div class="admin-columns admin-columns--even">
    {{#RENAME_FORM}}
    <section class="card admin-action" aria-labelledby="rename-heading">
      <h2 id="rename-heading">Rename</h2>
      {{>FORM_ERRORS}}
      <form action="/admin/categories/{{ID}}" method="post" novalidate>
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        {{>NAME_FIELD}}
{{>DESCRIPTION_FIELD}}
        <button type="submit" class="button">Save</button>
      </form>
    </section>
    {{/RENAME_FORM}}
    {{#MOVE_FORM}}
    <section class="card admin-action" aria-labelledby="move-heading">
      <h2 id="move-heading">Move in the tree</h2>
      <p class="muted small">Everything under it moves along; it goes last among its new siblings.</p>
      {{>FORM_ERRORS}}
      <form action="/admin/categories/{{ID}}/move" method="post" novalidate>
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        {{>PARENT_FIELD}}
        <button type="submit" class="button">Move</button>
      </form>
    </section>
    {{/MOVE_FORM}}
  </div>
  <section aria-labelledby="audit-heading">
    <h2 id="audit-heading">Admin actions on this category</h2>
    {{#EMPTY_AUDIT}}<p class="empty">None yet.</p>{{/EMPTY_AUDIT}}
    {{>AUDIT_TABLE}}
  </section>
</div>

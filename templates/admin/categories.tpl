{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Categories</h1>
  {{>ADMIN_NAV}}
  <div class="admin-columns">
    <section aria-labelledby="tree-heading">
      <h2 id="tree-heading">The tree</h2>
      <p class="muted small">Readers see active categories whose parents are active. Changes show on every page within a second.</p>
      {{#EMPTY}}<p class="empty">No categories yet.</p>{{/EMPTY}}
      {{#HAS_CATEGORIES}}
      <div class="table-wrap" tabindex="0">
      <table class="data-table category-table">
        <thead><tr><th scope="col">Category</th><th scope="col">Order</th><th scope="col">Shown</th><th scope="col"><span class="visually-hidden">Rename or move</span></th></tr></thead>
        <tbody>
          {{#CATEGORY}}<tr id="cat-{{ID}}"{{#INACTIVE}} class="is-inactive"{{/INACTIVE}}>
            <td class="tree-name tree-depth-{{DEPTH}}"><a href="/admin/categories/{{ID}}">{{NAME}}</a> <span class="muted small code nowrap">/{{SLUG}}</span></td>
            <td class="nowrap">
              {{#CAN_UP}}<form action="/admin/categories/{{ID}}/position" method="post" class="inline-form">
                <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="up">
                <button type="submit" class="icon-button" aria-label="Move {{NAME}} up">↑</button>
              </form>{{/CAN_UP}}{{#NO_UP}}<span class="icon-spacer"></span>{{/NO_UP}}
              {{#CAN_DOWN}}<form action="/admin/categories/{{ID}}/position" method="post" class="inline-form">
                <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="direction" value="down">
                <button type="submit" class="icon-button" aria-label="Move {{NAME}} down">↓</button>
              </form>{{/CAN_DOWN}}
            </td>
            <td class="nowrap">
              <form action="/admin/categories/{{ID}}/active" method="post" class="inline-form">
                <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
                {{#ACTIVE}}<span class="badge badge--ok">active</span> <input type="hidden" name="active" value="0"><button type="submit" class="link-button">Deactivate</button>{{/ACTIVE}}
                {{#INACTIVE}}<span class="badge">hidden</span> <input type="hidden" name="active" value="1"><button type="submit" class="link-button">Activate</button>{{/INACTIVE}}
              </form>
            </td>
            <td class="nowrap"><a href="/admin/categories/{{ID}}">Edit<span class="visually-hidden"> {{NAME}}</span></a></td>
          </tr>
          {{/CATEGORY}}
        </tbody>
      </table>
      </div>
      {{/HAS_CATEGORIES}}
    </section>
    <section class="card admin-action" aria-labelledby="new-heading">
      <h2 id="new-heading">Add a category</h2>
      {{>FORM_ERRORS}}
      <form action="/admin/categories" method="post" novalidate>
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        {{>NAME_FIELD}}
        {{>SLUG_FIELD}}
        {{>PARENT_FIELD}}
{{>DESCRIPTION_FIELD}}
        <button type="submit" class="button">Add the category</button>
      </form>
    </section>
  </div>
</div>

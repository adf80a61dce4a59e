{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Users</h1>
  {{>ADMIN_NAV}}
  <form class="toolbar" action="/admin/users" method="get" role="search">
    <label for="user-search">Email or name starts with</label>
    <input id="user-search" type="search" name="q" value="{{QUERY}}" maxlength="254">
    <button type="submit" class="button button--small">Search</button>
  </form>
  {{#EMPTY}}<p class="empty">No users match.</p>{{/EMPTY}}
  <table class="data-table">
    <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Joined</th><th scope="col">Role</th><th scope="col">Status</th></tr></thead>
    <tbody>
    {{#USER}}
      <tr{{#INACTIVE}} class="is-inactive"{{/INACTIVE}}>
        <td>{{NAME}}</td>
        <td>{{EMAIL}}</td>
        <td>{{JOINED}}</td>
        <td>
          {{#NOT_SELF}}
          <form action="/admin/users/{{ID}}/role" method="post" class="inline-controls">
            <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
            <input type="hidden" name="q" value="{{QUERY}}">
            <label class="visually-hidden" for="role-{{ID}}">Role of {{NAME}}</label>
            <select id="role-{{ID}}" name="role">
              <option value="customer"{{#IS_CUSTOMER}} selected{{/IS_CUSTOMER}}>Reader</option>
              <option value="author"{{#IS_AUTHOR}} selected{{/IS_AUTHOR}}>Author</option>
              <option value="admin"{{#IS_ADMIN}} selected{{/IS_ADMIN}}>Admin</option>
            </select>
            <button type="submit" class="button button--small button--quiet">Save</button>
          </form>
          {{/NOT_SELF}}
          {{#IS_SELF}}{{#IS_ADMIN}}Admin (you){{/IS_ADMIN}}{{/IS_SELF}}
        </td>
        <td>
          {{#ACTIVE}}<span class="badge badge--ok">active</span>{{/ACTIVE}}{{#INACTIVE}}<span class="badge">deactivated</span>{{/INACTIVE}}
          {{#NOT_SELF}}
          <form action="/admin/users/{{ID}}/active" method="post" class="inline-form">
            <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
            <input type="hidden" name="q" value="{{QUERY}}">
            {{#ACTIVE}}<input type="hidden" name="active" value="0"><button type="submit" class="link-button">Deactivate</button>{{/ACTIVE}}
            {{#INACTIVE}}<input type="hidden" name="active" value="1"><button type="submit" class="link-button">Reactivate</button>{{/INACTIVE}}
          </form>
          {{/NOT_SELF}}
        </td>
      </tr>
    {{/USER}}
    </tbody>
  </table>
  {{#HAS_MORE}}<p class="pager"><a class="button button--quiet" href="/admin/users?q={{QUERY}}&amp;after={{NEXT_AFTER}}">Next page</a></p>{{/HAS_MORE}}
</div>

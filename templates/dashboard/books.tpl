{{%AUTOESCAPE context="HTML"}}<div class="dashboard-header">
  <h1>{{HEADING}}</h1>
  <a class="button" href="/dashboard/books/new">Add a book</a> <a class="button button--quiet" href="/dashboard/sales">Flash sales</a>
</div>
{{#HAS_LOW}}<p class="notice" role="status">Running low on stock: <strong>{{LOW_COUNT}}</strong> (highlighted below).</p>{{/HAS_LOW}}
{{#NO_BOOKS}}<div class="card empty-state"><p>You have no books yet. Add your first one: it stays a draft until you publish it.</p></div>{{/NO_BOOKS}}
{{#HAS_BOOKS}}
<div class="table-wrap card" tabindex="0">
<table class="dashboard-table">
  <caption class="visually-hidden">Your books with their status, stock and sales</caption>
  <thead>
    <tr><th scope="col">Title</th>{{#SHOW_AUTHOR}}<th scope="col">Author</th>{{/SHOW_AUTHOR}}<th scope="col">Status</th><th scope="col" class="num">Price</th><th scope="col" class="num">In stock</th><th scope="col" class="num">Sold</th><th scope="col" class="num">Views</th><th scope="col">Actions</th></tr>
  </thead>
  <tbody>
    {{#BOOK}}
    <tr class="{{#LOW}}row--low{{/LOW}}">
      <th scope="row"><a href="/dashboard/books/{{ID}}">{{TITLE}}</a></th>
      {{#SHOW_AUTHOR}}<td>{{AUTHOR}}</td>{{/SHOW_AUTHOR}}
      <td><span class="badge badge--{{STATUS}}">{{STATUS}}</span></td>
      <td class="num">{{#ON_SALE}}<del>{{OLD_PRICE}}</del> {{/ON_SALE}}{{PRICE}}</td>
      <td class="num">{{STOCK}}{{#LOW}} <span class="badge badge--low">low</span>{{/LOW}}</td>
      <td class="num">{{SELL_COUNT}}</td>
      <td class="num">{{VIEWS}}</td>
      <td class="actions-cell">
        {{#PUBLISHED}}<a href="{{URL}}">View</a>{{/PUBLISHED}}
        <a href="/dashboard/books/{{ID}}">Edit</a>
        {{#CAN_PUBLISH}}<form action="/dashboard/books/{{ID}}/status" method="post" class="inline-form"><input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="publish"><button type="submit" class="button button--small">Publish</button></form>{{/CAN_PUBLISH}}
        {{#CAN_UNPUBLISH}}<form action="/dashboard/books/{{ID}}/status" method="post" class="inline-form"><input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="unpublish"><button type="submit" class="button button--small button--quiet">Unpublish</button></form>{{/CAN_UNPUBLISH}}
        {{#CAN_ARCHIVE}}<form action="/dashboard/books/{{ID}}/status" method="post" class="inline-form"><input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="archive"><button type="submit" class="link-button">Archive</button></form>{{/CAN_ARCHIVE}}
      </td>
    </tr>
    {{/BOOK}}
  </tbody>
</table>
</div>
{{/HAS_BOOKS}}

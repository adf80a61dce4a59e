{{%AUTOESCAPE context="HTML"}}<div class="{{#SHOW_AUTHOR}}admin{{/SHOW_AUTHOR}}">
<div class="dashboard-header">
  <h1>Flash sales</h1>
</div>
{{>ADMIN_NAV}}
{{#NO_SALES}}<div class="card empty-state"><p>No flash sales yet. Create one below: its copies are set aside from the book's stock.</p></div>{{/NO_SALES}}
{{#HAS_SALES}}
<div class="table-wrap card" tabindex="0">
<table class="dashboard-table sale-table">
  <caption class="visually-hidden">Flash sales with copies sold, reserved for payment and left</caption>
  <thead>
    <tr><th scope="col">Book</th>{{#SHOW_AUTHOR}}<th scope="col">Author</th>{{/SHOW_AUTHOR}}<th scope="col">Price</th><th scope="col">When</th><th scope="col">State</th><th scope="col" class="num">Copies</th><th scope="col" class="num">Sold</th><th scope="col" class="num">Reserved</th><th scope="col" class="num">Left</th><th scope="col" class="num">Returned</th><th scope="col">Actions</th></tr>
  </thead>
  <tbody>
    {{#SALE}}
    <tr>
      <th scope="row"><a href="{{URL}}">{{TITLE}}</a>{{#IS_EBOOK}} <span class="badge badge--ebook">Ebook</span>{{/IS_EBOOK}}</th>
      {{#AUTHOR_CELL}}<td>{{AUTHOR}}</td>{{/AUTHOR_CELL}}
      <td><del>{{REGULAR_PRICE}}</del> {{PRICE}}</td>
      <td>{{START}}{{#HAS_END}} – {{END}}{{/HAS_END}}</td>
      <td><span class="badge badge--{{PHASE}}">{{PHASE_LABEL}}</span>{{#BOOK_NOT_PUBLISHED}}<span class="hint sale-table__note">The book is not published: publish it again to resume the sale.</span>{{/BOOK_NOT_PUBLISHED}}</td>
      <td class="num">{{QUANTITY}}</td>
      <td class="num" data-count="sold">{{SOLD}}</td>
      <td class="num" data-count="reserved">{{RESERVED}}</td>
      <td class="num" data-count="left">{{UNITS_LEFT}}</td>
      <td class="num">{{RETURNED}}</td>
      <td class="actions-cell">
        {{#CAN_PAUSE}}<form action="{{MANAGE_URL}}/{{ID}}" method="post" class="inline-form"><input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="pause"><button type="submit" class="button button--small button--quiet">Pause</button></form>{{/CAN_PAUSE}}
        {{#CAN_RESUME}}<form action="{{MANAGE_URL}}/{{ID}}" method="post" class="inline-form"><input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="resume"><button type="submit" class="button button--small">Resume</button></form>{{/CAN_RESUME}}
        {{#CAN_CANCEL}}<form action="{{MANAGE_URL}}/{{ID}}" method="post" class="inline-form"><input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="action" value="cancel"><button type="submit" class="link-button">Cancel</button></form>{{/CAN_CANCEL}}
      </td>
    </tr>
    {{/SALE}}
  </tbody>
</table>
</div>
<p class="hint">Sold: paid. Reserved: held while the buyer pays (a failed or expired payment returns it to the sale). Returned: went back to the book's stock when the sale closed (an ebook sale's licences left simply end). Copies = sold + reserved + left + returned. Reload for fresh counts.</p>
{{/HAS_SALES}}
<section class="card form-card form-card--wide" aria-labelledby="new-sale-heading">
  <h2 id="new-sale-heading">New flash sale</h2>
  {{#NO_BOOKS}}<p>You need a published book with copies in stock or an ebook for sale.</p>{{/NO_BOOKS}}
  {{#CREATE_FORM}}
  <form action="{{ACTION}}" method="post" novalidate>
    {{>FORM_ERRORS}}
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{>BOOK_FIELD}}
    {{>EDITION_FIELD}}
    <div class="field-pair">
      {{>PRICE_FIELD}}
      {{>QUANTITY_FIELD}}
    </div>
    <div class="field-pair">
      {{>START_FIELD}}
      {{>END_FIELD}}
    </div>
    {{>LIMIT_FIELD}}
    <button type="submit" class="button">Create the sale</button>
  </form>
  {{/CREATE_FORM}}
</section>
</div>

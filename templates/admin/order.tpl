{{%AUTOESCAPE context="HTML"}}<div class="admin admin-order">
  <div class="order-head">
    <h1>Order <span class="code">{{NUMBER}}</span></h1>
    <span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span>
  </div>
  {{>ADMIN_NAV}}
  <p class="muted">Placed {{DATE}}{{#IS_PAID}} · paid {{PAID}}{{/IS_PAID}} · by {{BUYER_NAME}} (<a href="{{BUYER_URL}}">{{BUYER_EMAIL}}</a>)</p>

  <div class="order-layout">
    <div class="admin-order__main">
      <section class="card" aria-labelledby="items-heading">
        <h2 id="items-heading">Items and money</h2>
        {{>ORDER_ITEMS}}
        {{#HAS_REFUNDABLE}}<p class="refundable">Still refundable: <strong>{{REFUNDABLE}}</strong></p>{{/HAS_REFUNDABLE}}
      </section>
      <section class="card" aria-labelledby="payments-heading">
        <h2 id="payments-heading">Payments</h2>
        {{#HAS_PAYMENTS}}{{>ORDER_PAYMENTS}}{{/HAS_PAYMENTS}}
        {{#HAS_REFUNDS}}
        <h3>Refunds</h3>
        <table class="data-table">
          <thead><tr><th scope="col">When</th><th scope="col" class="num">Amount</th><th scope="col">By</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {{#REFUND}}<tr><td class="nowrap">{{DATE}}</td><td class="num">{{AMOUNT}}</td><td>{{BY}}</td><td>{{NOTE}}{{#RESTOCKED}} <span class="badge badge--ok">restocked</span>{{/RESTOCKED}}</td></tr>
            {{/REFUND}}
          </tbody>
        </table>
        {{/HAS_REFUNDS}}
      </section>
      <section class="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {{>ORDER_TIMELINE}}
      </section>
    </div>

    <div class="order-side">
      {{#SHIPS}}
      <section class="card" aria-labelledby="ship-heading">
        <h2 id="ship-heading">Ship to</h2>
        <address>{{SHIP_NAME}}<br>{{SHIP_LINE1}}<br>{{#HAS_LINE2}}{{SHIP_LINE2}}<br>{{/HAS_LINE2}}{{SHIP_CITY_LINE}}<br>{{SHIP_COUNTRY}}</address>
        {{#TRACKING}}<p>Sent with {{CARRIER}}: tracking number <strong>{{TRACKING_NUMBER}}</strong></p>{{/TRACKING}}
      </section>
      {{/SHIPS}}
      {{#HAS_EBOOK_DOWNLOADS}}
      <section class="card" aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">Ebook downloads</h2>
        {{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="data-table"><caption class="visually-hidden">Downloads of this order's ebooks</caption><thead><tr><th scope="col">When</th><th scope="col">Book</th><th scope="col">File</th><th scope="col">Address</th></tr></thead><tbody>
        {{#DOWNLOAD}}<tr><td>{{DATE}}</td><td>{{TITLE}}</td><td>{{FORMAT}} v{{VERSION}}{{#PERSONAL}} (personal copy){{/PERSONAL}}</td><td>{{ADDRESS}}</td></tr>
        {{/DOWNLOAD}}</tbody></table></div>{{/HAS_ROWS}}
        {{#NO_DOWNLOADS}}<p class="muted">No downloads yet.</p>{{/NO_DOWNLOADS}}
      </section>
      {{/HAS_EBOOK_DOWNLOADS}}
      {{#STATUS_FORM}}
      <section class="card admin-action" aria-labelledby="status-heading">
        <h2 id="status-heading">Change the status</h2>
        {{>FORM_ERRORS}}
        <form action="/admin/orders/{{NUMBER}}/status" method="post" novalidate>
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          {{>STATUS_FIELD}}
          {{>CARRIER_FIELD}}
          {{>TRACKING_FIELD}}
          {{>NOTE_FIELD}}
          <button type="submit" class="button">Save the status</button>
        </form>
      </section>
      {{/STATUS_FORM}}
      {{#REFUND_FORM}}
      <section class="card admin-action" aria-labelledby="refund-heading">
        <h2 id="refund-heading">Refund</h2>
        {{>FORM_ERRORS}}
        <form action="/admin/orders/{{NUMBER}}/refund" method="post" novalidate>
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          {{>AMOUNT_FIELD}}
          <div class="field{{#HAS_RESTOCK_ERROR}} field--error{{/HAS_RESTOCK_ERROR}}">
            <label class="checkbox"><input type="checkbox" name="restock" value="1"{{#RESTOCK_CHECKED}} checked{{/RESTOCK_CHECKED}}{{#HAS_RESTOCK_ERROR}} aria-invalid="true" aria-describedby="field-restock-error"{{/HAS_RESTOCK_ERROR}}> The books came back: return them to stock</label>
            <p class="hint">With a full refund only.</p>
            {{#HAS_RESTOCK_ERROR}}<p class="field-error" id="field-restock-error">{{RESTOCK_ERROR}}</p>{{/HAS_RESTOCK_ERROR}}
          </div>
          {{>NOTE_FIELD}}
          <button type="submit" class="button">Refund</button>
        </form>
      </section>
      {{/REFUND_FORM}}
      {{#CANCEL_FORM}}
      <section class="card admin-action" aria-labelledby="cancel-heading">
        <h2 id="cancel-heading">Cancel</h2>
        <p class="muted">{{#PAID}}The sale is undone, {{CANCEL_REFUND}} is refunded and the books go back in stock.{{/PAID}}{{#NOT_PAID}}The held books go back on the shelf.{{/NOT_PAID}}</p>
        {{>FORM_ERRORS}}
        <form action="/admin/orders/{{NUMBER}}/cancel" method="post" novalidate>
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          {{>NOTE_FIELD}}
          {{>CONFIRM_FIELD}}
          <button type="submit" class="button button--danger">Cancel the order</button>
        </form>
      </section>
      {{/CANCEL_FORM}}
      {{#NO_ACTIONS}}<p class="muted">This order is closed: nothing more can be done to it.</p>{{/NO_ACTIONS}}
    </div>
  </div>

  <section class="admin-order__audit" aria-labelledby="audit-heading">
    <h2 id="audit-heading">Admin actions on this order</h2>
    {{#EMPTY_AUDIT}}<p class="empty">None yet.</p>{{/EMPTY_AUDIT}}
    {{>AUDIT_TABLE}}
  </section>
</div>

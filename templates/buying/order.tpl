{{%AUTOESCAPE context="HTML"}}<section class="buying order-page">
  <p class="muted"><a href="/orders">Your orders</a></p>
  <div class="order-head">
    <h1>Order {{NUMBER}}</h1>
    <span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span>
  </div>
  <p class="muted">Placed {{DATE}}</p>

  {{#CAN_PAY}}
  <div class="notice" role="status">
    <p>Your books are held for you until <strong>{{HOLD_UNTIL}}</strong>. Complete the payment to buy them.</p>
    <p><a class="button" href="{{PAY_URL}}">Continue to payment</a></p>
  </div>
  {{/CAN_PAY}}
  {{#CAN_RETRY}}
  <div class="notice" role="status">
    <p>This order is not paid yet. Trying again holds the books once more, while they are in stock.</p>
    <form action="/orders/{{NUMBER}}/retry" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      <button type="submit" class="button">Try the payment again</button>
    </form>
  </div>
  {{/CAN_RETRY}}

  <div class="order-layout">
    <div class="card">
      <h2>Items</h2>
      {{>ORDER_ITEMS}}
    </div>
    <div class="order-side">
      {{#SHIPS}}
      <div class="card">
        <h2>Shipping to</h2>
        <address>{{SHIP_NAME}}<br>{{SHIP_LINE1}}<br>{{#HAS_LINE2}}{{SHIP_LINE2}}<br>{{/HAS_LINE2}}{{SHIP_CITY_LINE}}<br>{{SHIP_COUNTRY}}</address>
        {{#TRACKING}}<p>Sent with {{CARRIER}}: tracking number <strong>{{TRACKING_NUMBER}}</strong></p>{{/TRACKING}}
      </div>
      {{/SHIPS}}
      {{#EBOOKS_READY}}<div class="card"><h2>Ebooks</h2><p>The ebooks of this order are in <a href="/library">your library</a>.</p></div>{{/EBOOKS_READY}}
      {{#EBOOKS_WAITING}}<div class="card"><h2>Ebooks</h2><p>The ebooks of this order reach your library once it is paid.</p></div>{{/EBOOKS_WAITING}}
      {{#HAS_PAYMENTS}}
      <div class="card">
        <h2>Payments</h2>
        {{>ORDER_PAYMENTS}}
      </div>
      {{/HAS_PAYMENTS}}
      {{#CAN_CANCEL}}
      <div class="card">
        <h2>Changed your mind?</h2>
        <p class="muted">{{#PAID}}Cancel before we ship and {{REFUND_AMOUNT}} goes back to your card.{{/PAID}}{{#NOT_PAID}}Cancel now and the books go back on the shelf.{{/NOT_PAID}}</p>
        <form action="/orders/{{NUMBER}}/cancel" method="post" novalidate>
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
{{>CONFIRM_FIELD}}
          <button type="submit" class="button button--quiet">Cancel this order</button>
        </form>
      </div>
      {{/CAN_CANCEL}}
    </div>
  </div>

  <section class="card timeline-card" aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">Timeline</h2>
    {{>ORDER_TIMELINE}}
  </section>
</section>

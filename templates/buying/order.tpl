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
      <ul class="order-items">
        {{#ITEM}}
        <li class="order-item">
          <span class="mini-cover" aria-hidden="true">{{#COVER}}<img src="{{COVER_URL}}" alt="" width="56" height="84">{{/COVER}}{{#NO_COVER}}<span class="mini-cover__blank">{{TITLE}}</span>{{/NO_COVER}}</span>
          <div class="order-item__text">
            <strong>{{TITLE}}</strong>
            {{#HAS_ISBN}}<span class="muted small">ISBN {{ISBN}}</span>{{/HAS_ISBN}}
            <span class="muted">{{QUANTITY}} × {{UNIT_PRICE}}</span>
            {{#HAS_BACKORDER}}<span class="line-note">{{BACKORDERED}}</span>{{/HAS_BACKORDER}}
          </div>
          <span class="order-item__total">{{LINE_TOTAL}}</span>
        </li>
        {{/ITEM}}
      </ul>
      <dl class="totals">
        <dt>Subtotal</dt><dd>{{SUBTOTAL}}</dd>
        {{#HAS_DISCOUNT}}<dt>Discount{{#HAS_COUPON}} ({{COUPON}}){{/HAS_COUPON}}</dt><dd class="discount">−{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
        <dt>Shipping · {{METHOD}}</dt><dd>{{SHIPPING}}</dd>
        <dt>Tax</dt><dd>{{TAX}}</dd>
        <dt class="totals__grand">Total</dt><dd class="totals__grand">{{TOTAL}}</dd>
        {{#HAS_REFUND}}<dt>Refunded</dt><dd>{{REFUNDED}}</dd>{{/HAS_REFUND}}
      </dl>
    </div>
    <div class="order-side">
      <div class="card">
        <h2>Shipping to</h2>
        <address>{{SHIP_NAME}}<br>{{SHIP_LINE1}}<br>{{#HAS_LINE2}}{{SHIP_LINE2}}<br>{{/HAS_LINE2}}{{SHIP_CITY_LINE}}<br>{{SHIP_COUNTRY}}</address>
        {{#TRACKING}}<p>Sent with {{CARRIER}}: tracking number <strong>{{TRACKING_NUMBER}}</strong></p>{{/TRACKING}}
      </div>
      {{#HAS_PAYMENTS}}
      <div class="card">
        <h2>Payments</h2>
        <ul class="payments">
          {{#PAYMENT}}<li><span>#{{ATTEMPT}} · {{CARD}} · {{AMOUNT}}</span> <span class="status status--{{RESULT_CLASS}}">{{RESULT}}</span><br><span class="muted small">{{DATE}}</span></li>{{/PAYMENT}}
        </ul>
      </div>
      {{/HAS_PAYMENTS}}
      {{#CAN_CANCEL}}
      <div class="card">
        <h2>Changed your mind?</h2>
        <p class="muted">{{#PAID}}Cancel before we ship and {{REFUND_AMOUNT}} goes back to your card.{{/PAID}}{{#NOT_PAID}}Cancel now and the books go back on the shelf.{{/NOT_PAID}}</p>
        <form action="/orders/{{NUMBER}}/cancel" method="post">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <button type="submit" class="button button--quiet">Cancel this order</button>
        </form>
      </div>
      {{/CAN_CANCEL}}
    </div>
  </div>

  <section class="card timeline-card" aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">Timeline</h2>
    <ol class="timeline">
      {{#EVENT}}<li><span class="timeline__status">{{STATUS}}</span> <time datetime="{{DATE_ISO}}" class="muted small">{{DATE}}</time>{{#HAS_ACTOR}} <span class="muted small">by {{ACTOR}}</span>{{/HAS_ACTOR}}<p>{{NOTE}}</p></li>{{/EVENT}}
    </ol>
  </section>
</section>

{{%AUTOESCAPE context="HTML"}}<ul class="order-items">
  {{#ITEM}}
  <li class="order-item">
    <span class="mini-cover" aria-hidden="true">{{#COVER}}<img src="{{COVER_URL}}" alt="" width="56" height="84">{{/COVER}}{{#NO_COVER}}<span class="mini-cover__blank">{{TITLE}}</span>{{/NO_COVER}}</span>
    <div class="order-item__text">
      <strong>{{TITLE}}</strong>
      {{#HAS_ISBN}}<span class="muted small">ISBN {{ISBN}}</span>{{/HAS_ISBN}}
      {{#PRINT}}<span class="muted">{{QUANTITY}} × {{UNIT_PRICE}}</span>{{/PRINT}}
      {{#EBOOK}}<span class="muted"><span class="badge">Ebook</span> {{UNIT_PRICE}}</span>{{/EBOOK}}
      {{#HAS_BACKORDER}}<span class="line-note">{{BACKORDERED}}</span>{{/HAS_BACKORDER}}
    </div>
    <span class="order-item__total">{{LINE_TOTAL}}</span>
  </li>
  {{/ITEM}}
</ul>
<dl class="totals">
  <dt>Subtotal</dt><dd>{{SUBTOTAL}}</dd>
  {{#HAS_DISCOUNT}}<dt>Discount{{#HAS_COUPON}} ({{COUPON}}){{/HAS_COUPON}}</dt><dd class="discount">−{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
  {{#SHIPS}}<dt>Shipping · {{METHOD}}</dt><dd>{{SHIPPING}}</dd>{{/SHIPS}}
  <dt>Tax</dt><dd>{{TAX}}</dd>
  <dt class="totals__grand">Total</dt><dd class="totals__grand">{{TOTAL}}</dd>
  {{#HAS_REFUND}}<dt>Refunded</dt><dd>{{REFUNDED}}</dd>{{/HAS_REFUND}}
</dl>

{{%AUTOESCAPE context="HTML"}}<section class="buying">
  <h1>Checkout</h1>
  {{>FORM_ERRORS}}
  {{#HAS_ERROR}}<div class="form-errors" role="alert"><p>{{ERROR}}</p></div>{{/HAS_ERROR}}
  <form action="/checkout" method="post" class="checkout" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="idempotency_key" value="{{IDEMPOTENCY_KEY}}">
    <div class="checkout-main">
      {{#SHIPS}}
      <fieldset class="card checkout-step">
        <legend><span class="step-number" aria-hidden="true">1</span> Shipping address</legend>
        {{>ADDRESS_CHOICE}}
      </fieldset>

      <fieldset class="card checkout-step{{#HAS_METHOD_ERROR}} field--error{{/HAS_METHOD_ERROR}}">
        <legend><span class="step-number" aria-hidden="true">2</span> Shipping method</legend>
        {{#HAS_METHOD_ERROR}}<p class="field-error">{{METHOD_ERROR}}</p>{{/HAS_METHOD_ERROR}}
        {{#METHOD}}
        <label class="choice-card choice-card--row"><input type="radio" name="shipping_method" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <span>{{LABEL}}</span> <strong class="choice-card__price">{{PRICE}}</strong></label>
        {{/METHOD}}
        <p class="hint">Standard shipping is free on orders of {{FREE_SHIPPING_THRESHOLD}} or more.</p>
        <button type="submit" name="action" value="update" class="button button--small button--quiet">Update totals</button>
      </fieldset>
      {{/SHIPS}}
      {{#EBOOKS}}
      <section class="card checkout-step" aria-labelledby="ebooks-heading">
        <h2 id="ebooks-heading">{{#NOTHING_SHIPS}}<span class="step-number" aria-hidden="true">1</span> {{/NOTHING_SHIPS}}Ebooks</h2>
        <p>{{EBOOK_COUNT}} in this order: nothing to ship. Once paid, {{#NOTHING_SHIPS}}they are{{/NOTHING_SHIPS}}{{#SHIPS}}the ebooks are{{/SHIPS}} in <a href="/library">your library</a>, ready to download.</p>
      </section>
      {{/EBOOKS}}
    </div>

    <aside class="card order-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading"><span class="step-number" aria-hidden="true">{{SUMMARY_STEP}}</span> Your order</h2>
      <ul class="summary-lines">
        {{#LINE}}<li><span>{{TITLE}} <span class="muted">{{#EBOOK}}(ebook){{/EBOOK}}{{#PRINT}}× {{QUANTITY}}{{/PRINT}}</span></span><span>{{LINE_TOTAL}}</span></li>{{/LINE}}
      </ul>
      <dl class="totals">
        <dt>Subtotal</dt><dd>{{SUBTOTAL}}</dd>
        {{#HAS_DISCOUNT}}<dt>Discount</dt><dd class="discount">−{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
        {{#SHIPS}}<dt>Shipping <span class="muted small">({{METHOD_LABEL}})</span></dt><dd>{{SHIPPING}}</dd>{{/SHIPS}}
        <dt>Tax ({{TAX_RATE}})</dt><dd>{{TAX}}</dd>
        <dt class="totals__grand">Total</dt><dd class="totals__grand">{{TOTAL}}</dd>
      </dl>
      {{#COUPON}}<p class="coupon-line">Coupon <strong class="code">{{CODE}}</strong>{{#HAS_PROBLEM}}<span class="field-error"> {{PROBLEM}} <a href="/cart">Remove it from your cart</a> to check out without it.</span>{{/HAS_PROBLEM}}</p>{{/COUPON}}
      {{#CAN_PLACE}}<button type="submit" name="action" value="place" class="button button--block">Place order and pay</button>{{/CAN_PLACE}}
      {{#CONFIRM_TO_PLACE}}
      <div class="notice notice--confirm" role="status">
        <p><strong>Confirm your email address to place orders.</strong> Orders hold copies while you pay, so only accounts with a confirmed address can place them. Open the link we sent to {{EMAIL}}, or ask for a new one.</p>
        <input type="hidden" name="next" value="/checkout">
        <button type="submit" formaction="/account/verification" class="button button--block">Send me the link again</button>
      </div>
      {{/CONFIRM_TO_PLACE}}
      <p class="muted small">{{#NOTHING_SHIPS}}Your order waits {{HOLD_MINUTES}} minutes for payment. <a href="/cart">Edit your cart</a>{{/NOTHING_SHIPS}}{{#SHIPS}}Your books are held for {{HOLD_MINUTES}} minutes while you pay (one account can hold up to {{MAX_HELD_UNITS}} copies in {{MAX_UNPAID_ORDERS}} unpaid orders). <a href="/cart">Edit your cart</a>{{/SHIPS}}</p>
    </aside>
  </form>
</section>

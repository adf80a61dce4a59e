{{%AUTOESCAPE context="HTML"}}<section class="buying">
  <h1>Your cart</h1>
  {{#HAS_ERROR}}<div class="form-errors" role="alert"><p>{{ERROR}}</p></div>{{/HAS_ERROR}}
  {{#EMPTY}}
  <div class="card empty-state">
    <p class="lead">Your cart is empty.</p>
    <p><a class="button" href="/books">Browse the books</a></p>
  </div>
  {{/EMPTY}}
  {{#HAS_ITEMS}}
  <div class="cart-layout">
    <div class="card cart-lines">
      <table class="cart-table">
        <caption class="visually-hidden">Books in your cart</caption>
        <thead>
          <tr><th scope="col">Book</th><th scope="col" class="num">Price</th><th scope="col">Quantity</th><th scope="col" class="num">Total</th></tr>
        </thead>
        <tbody>
          {{#LINE}}
          <tr class="cart-line{{#HAS_WARNING}} cart-line--problem{{/HAS_WARNING}}" id="line-{{BOOK_ID}}">
            <td class="cart-line__book">
              <a class="mini-cover" href="{{URL}}" tabindex="-1" aria-hidden="true">{{#COVER}}<img src="{{COVER_URL}}" alt="" width="56" height="84">{{/COVER}}{{#NO_COVER}}<span class="mini-cover__blank">{{TITLE}}</span>{{/NO_COVER}}</a>
              <div>
                <a class="cart-line__title" href="{{URL}}">{{TITLE}}</a>{{#EBOOK}} <span class="badge">Ebook</span>{{/EBOOK}}
                <p class="muted">by {{AUTHOR}}</p>
                {{#HAS_WARNING}}<p class="line-warning" role="status">{{WARNING}}</p>{{/HAS_WARNING}}
                {{#HAS_NOTE}}<p class="line-note">{{NOTE}}</p>{{/HAS_NOTE}}
              </div>
            </td>
            <td class="num" data-label="Price">{{#ON_SALE}}<del><span class="visually-hidden">Was </span>{{REGULAR_PRICE}}</del> {{/ON_SALE}}{{UNIT_PRICE}}</td>
            <td data-label="Quantity">
              {{#EBOOK}}<p class="line-note">1 licence: download it from your library once paid.</p>{{/EBOOK}}
              {{#PRINT}}
              <form action="/cart/items/{{BOOK_ID}}" method="post" class="qty-form">
                <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
                <label class="visually-hidden" for="qty-{{BOOK_ID}}">Quantity of {{TITLE}}</label>
                <input id="qty-{{BOOK_ID}}" type="number" name="quantity" value="{{QUANTITY}}" min="0" max="{{MAX}}" inputmode="numeric"{{#HAS_LINE_ERROR}} aria-invalid="true" aria-describedby="qty-{{BOOK_ID}}-error"{{/HAS_LINE_ERROR}}>
                <button type="submit" class="button button--small button--quiet">Update</button>
              </form>
              {{/PRINT}}
              <form action="/cart/items/{{BOOK_ID}}/remove" method="post" class="inline-form">
                <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
                <button type="submit" class="link-button remove-button">Remove<span class="visually-hidden"> {{TITLE}}</span></button>
              </form>
              {{#HAS_LINE_ERROR}}<p class="field-error" id="qty-{{BOOK_ID}}-error">{{LINE_ERROR}}</p>{{/HAS_LINE_ERROR}}
            </td>
            <td class="num cart-line__total" data-label="Total">{{LINE_TOTAL}}</td>
          </tr>
          {{/LINE}}
        </tbody>
      </table>
    </div>
    <aside class="card order-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <dl class="totals">
        <dt>Subtotal ({{UNITS}})</dt><dd>{{SUBTOTAL}}</dd>
        {{#HAS_DISCOUNT}}<dt>Discount</dt><dd class="discount">−{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
        {{#SHIPS}}<dt>Standard shipping</dt><dd>{{SHIPPING}}</dd>{{/SHIPS}}
        {{#NOTHING_SHIPS}}<dt>Shipping</dt><dd>None: ebooks only</dd>{{/NOTHING_SHIPS}}
        {{#HAS_TAX}}<dt>Tax</dt><dd>{{TAX}}</dd>{{/HAS_TAX}}
        <dt class="totals__grand">Total</dt><dd class="totals__grand">{{TOTAL}}</dd>
      </dl>
      {{#SHOW_FREE_SHIPPING_GAP}}<p class="hint">Add {{FREE_SHIPPING_GAP}} more for free standard shipping.</p>{{/SHOW_FREE_SHIPPING_GAP}}
      {{#FREE_SHIPPING}}<p class="hint">Standard shipping is on us.</p>{{/FREE_SHIPPING}}

      {{#COUPON_APPLIED}}
      <div class="coupon-applied">
        <p>Coupon <strong class="code">{{CODE}}</strong></p>
        {{#HAS_PROBLEM}}<p class="field-error">{{PROBLEM}}</p>{{/HAS_PROBLEM}}
        <form action="/cart/coupon/remove" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <button type="submit" class="link-button">Remove coupon</button>
        </form>
      </div>
      {{/COUPON_APPLIED}}
      {{#COUPON_FORM}}
      <form action="/cart/coupon" method="post" class="coupon-form">
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        <div class="field{{#HAS_COUPON_ERROR}} field--error{{/HAS_COUPON_ERROR}}">
          <label for="coupon-code">Coupon code</label>
          <div class="input-row">
            <input id="coupon-code" type="text" name="code" value="{{VALUE}}" maxlength="40" autocomplete="off"{{#HAS_COUPON_ERROR}} aria-invalid="true" aria-describedby="coupon-error"{{/HAS_COUPON_ERROR}}>
            <button type="submit" class="button button--small">Apply</button>
          </div>
          {{#HAS_COUPON_ERROR}}<p class="field-error" id="coupon-error">{{COUPON_ERROR}}</p>{{/HAS_COUPON_ERROR}}
        </div>
      </form>
      {{/COUPON_FORM}}

      {{#CAN_CHECKOUT}}<a class="button button--block" href="/checkout">Go to checkout</a>{{/CAN_CHECKOUT}}
      {{#CANNOT_CHECKOUT}}<p class="line-warning">Please fix the books marked in your cart before checking out.</p>{{/CANNOT_CHECKOUT}}
      <p class="muted small">Prices and stock are checked again when you place the order.</p>
    </aside>
  </div>
  {{/HAS_ITEMS}}
</section>

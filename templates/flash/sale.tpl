{{%AUTOESCAPE context="HTML"}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/">Home</a></li><li>Flash sales</li><li aria-current="page">{{TITLE}}</li></ol></nav>
<article class="book sale-page sale-page--{{PHASE}}" data-sale="{{ID}}">
  <div class="book__cover">
    {{#COVER}}<img src="{{COVER_URL}}" alt="{{ALT}}" width="400" height="600">{{/COVER}}
    {{#NO_COVER}}<span class="cover-placeholder cover-placeholder--large cover-placeholder--{{PALETTE}}" role="img" aria-label="Cover of {{TITLE}}"><span>{{TITLE}}</span></span>{{/NO_COVER}}
  </div>
  <div class="book__main">
    <p class="sale-page__label"><span class="badge badge--sale">Flash sale</span>{{#IS_EBOOK}} <span class="badge badge--ebook">Ebook</span>{{/IS_EBOOK}} <span class="badge badge--{{PHASE}}">{{PHASE_LABEL}}</span></p>
    <h1 class="book__title">{{TITLE}}{{#IS_EBOOK}} <span class="book__edition">(ebook)</span>{{/IS_EBOOK}}</h1>
    <p class="book__author">by {{AUTHOR}} · <a href="{{BOOK_URL}}">About the book</a></p>
    <div class="buy-box card">
      <p class="buy-box__price"><del><span class="visually-hidden">Regular price </span>{{REGULAR_PRICE}}</del> <strong>{{PRICE}}</strong>{{#SAVING}} <span class="muted">(save {{SAVING}}%)</span>{{/SAVING}}</p>
      {{#IS_EBOOK}}<p class="sale-page__edition">This sale is of the <strong>ebook</strong>, not printed copies: nothing is shipped, and once paid the book is in <a href="/library">your library</a> to download.</p>{{/IS_EBOOK}}
      <p class="sale-page__total">{{#SHIPS}}{{PRICE}} + {{SHIPPING}}{{#HAS_TAX}} + {{TAX}} tax{{/HAS_TAX}}{{/SHIPS}}{{#NO_SHIPPING}}{{#HAS_TAX}}{{PRICE}} + {{TAX}} tax, nothing to ship{{/HAS_TAX}}{{#NO_TAX}}Nothing to ship{{/NO_TAX}}{{/NO_SHIPPING}}: <strong>{{TOTAL}}</strong> to pay</p>
      <p class="sale-page__left"><strong data-units-left>{{UNITS_LEFT}}</strong> of {{QUANTITY}} {{UNITS}} left · at most {{LIMIT}} per customer</p>
      {{#UPCOMING}}
      <p class="countdown" role="timer" aria-live="off" data-countdown="{{SECONDS_LEFT}}">Opens in <strong data-countdown-text>{{COUNTDOWN}}</strong>, on <time datetime="{{START_ISO}}">{{START}}</time>.</p>
      {{/UPCOMING}}
      {{#RUNNING}}<p class="sale-page__state">On now{{#HAS_END}} until {{END}}{{/HAS_END}}, while {{UNITS}} last.</p>{{/RUNNING}}
      {{#SOLD_OUT}}<p class="sale-page__state sale-page__state--out" role="status">Sold out. {{UNITS_CAP}} from payments that fail or run out of time come back here.</p>{{/SOLD_OUT}}
      {{#PAUSED}}<p class="sale-page__state" role="status">This sale is paused for the moment.</p>{{/PAUSED}}
      {{#OVER}}<p class="sale-page__state" role="status">This sale is over.</p>{{/OVER}}
      {{#HAS_ERROR}}<div class="form-errors" role="alert"><p>{{ERROR}}</p></div>{{/HAS_ERROR}}
      {{#CLAIM}}<p class="notice">Your {{UNIT}}: order <a href="/orders/{{NUMBER}}">{{NUMBER}}</a>, {{STATUS}}.</p>{{/CLAIM}}
      {{#OWNED}}<p class="notice">This ebook is in your library already: <a href="/library">download it there</a>.</p>{{/OWNED}}
      {{#AT_LIMIT}}<p class="muted">You have the most {{UNITS}} this sale allows.</p>{{/AT_LIMIT}}
      {{#LOG_IN_TO_BUY}}<p><a class="button" href="{{LOGIN_URL}}">Log in to buy</a></p>{{/LOG_IN_TO_BUY}}
      {{#CONFIRM_TO_BUY}}
      <div class="notice notice--confirm" role="status">
        <p><strong>Confirm your email address to buy in flash sales.</strong> A buy holds a copy while you pay, so only accounts with a confirmed address can buy. Open the link we sent to {{EMAIL}}, or ask for a new one.</p>
        <form action="/account/verification" method="post">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="next" value="/sales/{{ID}}">
          <button type="submit" class="button button--block">Send me the link again</button>
        </form>
      </div>
      {{/CONFIRM_TO_BUY}}
      {{#BUY_FORM}}
      <form action="/sales/{{ID}}/buy" method="post" class="sale-buy" novalidate>
        {{>FORM_ERRORS}}
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        <input type="hidden" name="idempotency_key" value="{{IDEMPOTENCY_KEY}}">
        {{#SHIP_TO}}
        <fieldset class="sale-buy__address">
          <legend>Ship to</legend>
          {{>ADDRESS_CHOICE}}
        </fieldset>
        <p class="hint">Standard shipping. Your copy is held for {{HOLD_MINUTES}} minutes while you pay.</p>
        <button type="submit" class="button button--block"{{#NOT_YET}} disabled data-open-label="Buy now for {{TOTAL}}"{{/NOT_YET}}>{{#NOT_YET}}Opens soon{{/NOT_YET}}{{#NOW}}Buy now for {{TOTAL}}{{/NOW}}</button>
        {{/SHIP_TO}}
        {{#EBOOK_DELIVERY}}
        <p class="hint">No address needed: the ebook is delivered to your library when you have paid. It is held for you for {{HOLD_MINUTES}} minutes while you pay.</p>
        <button type="submit" class="button button--block"{{#NOT_YET}} disabled data-open-label="Buy the ebook for {{TOTAL}}"{{/NOT_YET}}>{{#NOT_YET}}Opens soon{{/NOT_YET}}{{#NOW}}Buy the ebook for {{TOTAL}}{{/NOW}}</button>
        {{/EBOOK_DELIVERY}}
      </form>
      {{/BUY_FORM}}
    </div>
  </div>
</article>
<script src="/static/js/countdown.js" defer></script>

{{%AUTOESCAPE context="HTML"}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/">Home</a></li><li>Flash sales</li><li aria-current="page">{{TITLE}}</li></ol></nav>
<article class="book sale-page sale-page--{{PHASE}}" data-sale="{{ID}}">
  <div class="book__cover">
    {{#COVER}}<img src="{{COVER_URL}}" alt="{{ALT}}" width="400" height="600">{{/COVER}}
    {{#NO_COVER}}<span class="cover-placeholder cover-placeholder--large cover-placeholder--{{PALETTE}}" role="img" aria-label="Cover of {{TITLE}}"><span>{{TITLE}}</span></span>{{/NO_COVER}}
  </div>
  <div class="book__main">
    <p class="sale-page__label"><span class="badge badge--sale">Flash sale</span> <span class="badge badge--{{PHASE}}">{{PHASE_LABEL}}</span></p>
    <h1 class="book__title">{{TITLE}}</h1>
    <p class="book__author">by {{AUTHOR}} · <a href="{{BOOK_URL}}">About the book</a></p>
    <div class="buy-box card">
      <p class="buy-box__price"><del><span class="visually-hidden">Regular price </span>{{REGULAR_PRICE}}</del> <strong>{{PRICE}}</strong>{{#SAVING}} <span class="muted">(save {{SAVING}}%)</span>{{/SAVING}}</p>
      <p class="sale-page__total">{{PRICE}} + {{SHIPPING}}{{#HAS_TAX}} + {{TAX}} tax{{/HAS_TAX}}: <strong>{{TOTAL}}</strong> to pay</p>
      <p class="sale-page__left"><strong data-units-left>{{UNITS_LEFT}}</strong> of {{QUANTITY}} copies left · at most {{LIMIT}} per customer</p>
      {{#UPCOMING}}
      <p class="countdown" role="timer" aria-live="off" data-countdown="{{SECONDS_LEFT}}">Opens in <strong data-countdown-text>{{COUNTDOWN}}</strong>, on <time datetime="{{START_ISO}}">{{START}}</time>.</p>
      {{/UPCOMING}}
      {{#RUNNING}}<p class="sale-page__state">On now{{#HAS_END}} until {{END}}{{/HAS_END}}, while copies last.</p>{{/RUNNING}}
      {{#SOLD_OUT}}<p class="sale-page__state sale-page__state--out" role="status">Sold out. Copies from payments that fail or run out of time come back here.</p>{{/SOLD_OUT}}
      {{#PAUSED}}<p class="sale-page__state" role="status">This sale is paused for the moment.</p>{{/PAUSED}}
      {{#OVER}}<p class="sale-page__state" role="status">This sale is over.</p>{{/OVER}}
      {{#HAS_ERROR}}<div class="form-errors" role="alert"><p>{{ERROR}}</p></div>{{/HAS_ERROR}}
      {{#CLAIM}}<p class="notice">Your copy: order <a href="/orders/{{NUMBER}}">{{NUMBER}}</a>, {{STATUS}}.</p>{{/CLAIM}}
      {{#AT_LIMIT}}<p class="muted">You have the most copies this sale allows.</p>{{/AT_LIMIT}}
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
        <fieldset class="sale-buy__address">
          <legend>Ship to</legend>
          {{>ADDRESS_CHOICE}}
        </fieldset>
        <p class="hint">Standard shipping. Your copy is held for {{HOLD_MINUTES}} minutes while you pay.</p>
        <button type="submit" class="button button--block"{{#NOT_YET}} disabled data-open-label="Buy now for {{TOTAL}}"{{/NOT_YET}}>{{#NOT_YET}}Opens soon{{/NOT_YET}}{{#NOW}}Buy now for {{TOTAL}}{{/NOW}}</button>
      </form>
      {{/BUY_FORM}}
    </div>
  </div>
</article>
<script src="/static/js/countdown.js" defer></script>

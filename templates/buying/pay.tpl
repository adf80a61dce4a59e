{{%AUTOESCAPE context="HTML"}}<section class="card form-card pay-card">
  <p class="pay-brand"><span class="pay-brand__mark" aria-hidden="true">◆</span> Bookfair Pay <span class="badge">test mode</span></p>
  <h1>Pay {{AMOUNT}}</h1>
  <p class="lead">Order {{NUMBER}}{{#HAS_HOLD}} · your books are held until {{HOLD_UNTIL}}{{/HAS_HOLD}}</p>
  {{>FORM_ERRORS}}
  <form action="/pay/{{REF}}" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{>NAME_FIELD}}
    {{>NUMBER_FIELD}}
    <div class="field-pair">
      {{>EXPIRY_FIELD}}
      {{>CVC_FIELD}}
    </div>
    <button type="submit" class="button button--block">Pay {{AMOUNT}}</button>
  </form>
  <p class="muted small">We never store your card number: only its brand and last four digits.</p>
</section>

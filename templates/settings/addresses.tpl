{{%AUTOESCAPE context="HTML"}}<div class="readers-page">
  <nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/account">Account</a></li><li aria-current="page">Addresses</li></ol></nav>
  <h1>Your addresses</h1>
  <p class="muted">Checkout offers these; the default shipping address comes first.</p>
  {{#CAN_ADD}}<p><a class="button" href="/account/addresses/new">Add an address</a></p>{{/CAN_ADD}}
  {{#NO_ADDRESSES}}<p class="empty">No saved addresses yet.</p>{{/NO_ADDRESSES}}
  <ul class="address-grid">
  {{#ADDRESS}}
    <li class="card address-card">
      <p class="address-card__badges">{{#DEFAULT_SHIPPING}}<span class="badge badge--ok">Default shipping</span>{{/DEFAULT_SHIPPING}} {{#DEFAULT_BILLING}}<span class="badge badge--ok">Default billing</span>{{/DEFAULT_BILLING}}</p>
      <address>
        <strong>{{NAME}}</strong><br>
        {{LINE1}}<br>
        {{#HAS_LINE2}}{{LINE2}}<br>{{/HAS_LINE2}}
        {{CITY_LINE}}<br>
        {{COUNTRY}}
        {{#HAS_PHONE}}<br>{{PHONE}}{{/HAS_PHONE}}
      </address>
      <div class="address-card__actions">
        <a class="button button--small button--quiet" href="/account/addresses/{{ID}}/edit">Edit<span class="visually-hidden"> the address of {{NAME}}, {{LINE1}}</span></a>
        {{#NOT_DEFAULT_SHIPPING}}<form action="/account/addresses/{{ID}}/default" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="kind" value="shipping">
          <button type="submit" class="link-button">Ship here by default<span class="visually-hidden">: {{LINE1}}</span></button>
        </form>{{/NOT_DEFAULT_SHIPPING}}
        {{#NOT_DEFAULT_BILLING}}<form action="/account/addresses/{{ID}}/default" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><input type="hidden" name="kind" value="billing">
          <button type="submit" class="link-button">Bill here by default<span class="visually-hidden">: {{LINE1}}</span></button>
        </form>{{/NOT_DEFAULT_BILLING}}
        <form action="/account/addresses/{{ID}}/delete" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <button type="submit" class="link-button">Delete<span class="visually-hidden"> {{LINE1}}</span></button>
        </form>
      </div>
    </li>
  {{/ADDRESS}}
  </ul>
</div>

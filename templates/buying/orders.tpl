{{%AUTOESCAPE context="HTML"}}<section class="buying">
  <h1>Your orders</h1>
  {{#NO_ORDERS}}<div class="card empty-state"><p class="lead">You have not ordered anything yet.</p><p><a class="button" href="/books">Browse the books</a></p></div>{{/NO_ORDERS}}
  {{#NO_MORE}}<div class="card empty-state"><p>No older orders.</p></div>{{/NO_MORE}}
  {{#HAS_ORDERS}}
  <ul class="order-list">
    {{#ORDER}}
    <li class="card order-row">
      <div>
        <a class="order-row__number" href="{{URL}}">{{NUMBER}}</a>
        <p class="muted"><time datetime="{{DATE_ISO}}">{{DATE}}</time> · {{SUMMARY}}</p>
      </div>
      <span class="status status--{{STATUS_CLASS}}">{{STATUS}}</span>
      <strong class="order-row__total">{{TOTAL}}</strong>
    </li>
    {{/ORDER}}
  </ul>
  <nav class="pager" aria-label="More orders">{{#HAS_NEXT}}<a class="button button--quiet" href="{{NEXT_URL}}">Older orders</a>{{/HAS_NEXT}}</nav>
  {{/HAS_ORDERS}}
  {{#NOT_FIRST}}<p><a href="/orders">Back to your newest orders</a></p>{{/NOT_FIRST}}
</section>

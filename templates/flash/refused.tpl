{{%AUTOESCAPE context="HTML"}}<section class="card error-card" role="alert">
  <p class="error-code">Flash sale</p>
  <h1>{{HEADING}}</h1>
  <p>{{MESSAGE}}</p>
  {{#LIBRARY_LINK}}<p><a href="/library">Go to your library</a></p>{{/LIBRARY_LINK}}
  {{#HAS_ORDER}}<p>Your order: <a href="/orders/{{ORDER_NUMBER}}">{{ORDER_NUMBER}}</a>.</p>{{/HAS_ORDER}}
  <p class="actions"><a class="button" href="{{SALE_URL}}">Back to the sale</a> <a class="button button--quiet" href="/books">Keep browsing</a></p>
</section>

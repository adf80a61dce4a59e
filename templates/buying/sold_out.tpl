{{%AUTOESCAPE context="HTML"}}<section class="card error-card" role="alert">
  <p class="error-code">Not enough stock</p>
  <h1>Some books sold out while you were checking out</h1>
  <p>{{MESSAGE}}</p>
  <p class="actions"><a class="button" href="/cart">Back to your cart</a> <a class="button button--quiet" href="/books">Keep browsing</a></p>
</section>

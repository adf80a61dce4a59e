{{%AUTOESCAPE context="HTML"}}<section class="hero">
  <h1>Books, straight from the people who write them</h1>
  <p class="lead">Bookfair is a marketplace where authors publish and readers buy: every sale goes to the author's shelf.</p>
  <p class="actions"><a class="button" href="/books">Browse the books</a> <a class="button button--quiet" href="/register">Sell your book</a></p>
</section>

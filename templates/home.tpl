{{%AUTOESCAPE context="HTML"}}<section class="hero">
  <h1>Books, straight from the people who write them</h1>
  <p class="lead">Bookfair is a marketplace where authors publish and readers buy: every sale goes to the author's shelf.</p>
  <p class="actions"><a class="button" href="/books">Browse the books</a> <a class="button button--quiet" href="/register">Sell your book</a></p>
</section>
<div class="home-layout">
  <div class="home-shelves">
    {{#HAS_FEATURED}}
    <section class="shelf" aria-labelledby="featured-heading">
      <h2 id="featured-heading">Featured</h2>
      <div class="book-grid">{{#FEATURED}}{{>BOOK_CARD}}{{/FEATURED}}</div>
    </section>
    {{/HAS_FEATURED}}
    {{#HAS_BEST_SELLERS}}
    <section class="shelf" aria-labelledby="best-heading">
      <h2 id="best-heading">Best sellers</h2>
      <div class="book-grid">{{#BEST_SELLER}}{{>BOOK_CARD}}{{/BEST_SELLER}}</div>
      <p class="shelf-more"><a href="/books?sort=bestselling">All best sellers</a></p>
    </section>
    {{/HAS_BEST_SELLERS}}
    {{#HAS_NEW_RELEASES}}
    <section class="shelf" aria-labelledby="new-heading">
      <h2 id="new-heading">New releases</h2>
      <div class="book-grid">{{#NEW_RELEASE}}{{>BOOK_CARD}}{{/NEW_RELEASE}}</div>
      <p class="shelf-more"><a href="/books?sort=newest">All new releases</a></p>
    </section>
    {{/HAS_NEW_RELEASES}}
  </div>
  <aside class="home-categories" aria-labelledby="categories-heading">
    {{#HAS_CATEGORIES}}<h2 id="categories-heading">Categories</h2>{{/HAS_CATEGORIES}}
    {{>CATEGORY_TREE}}
  </aside>
</div>

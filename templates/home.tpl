{{%AUTOESCAPE context="HTML"}}<section class="hero">
  <h1>Books, straight from the people who write them</h1>
  <p class="lead">Bookfair is a marketplace where authors publish and readers buy: every sale goes to the author's shelf.</p>
  <p class="actions"><a class="button" href="/books">Browse the books</a> <a class="button button--quiet" href="/register?role=author">Sell your book</a></p>
</section>
<div class="home-layout">
  <div class="home-shelves">
    {{#HAS_FLASH_SALES}}
    <section class="shelf sale-shelf" aria-labelledby="flash-heading">
      <h2 id="flash-heading">Flash sales</h2>
      <ul class="sale-list">
        {{#FLASH_SALE}}
        <li class="sale-card card sale-page--{{PHASE}}">
          <a class="sale-card__title" href="{{URL}}">{{TITLE}}</a>{{#IS_EBOOK}} <span class="badge badge--ebook">Ebook</span>{{/IS_EBOOK}} <span class="muted">by {{AUTHOR}}</span>
          <p class="price"><del>{{REGULAR_PRICE}}</del> <strong>{{PRICE}}</strong> <span class="badge badge--{{PHASE}}">{{PHASE_LABEL}}</span></p>
          {{#UPCOMING}}<p class="muted">Opens <time datetime="{{START_ISO}}">{{START}}</time> (in {{COUNTDOWN}})</p>{{/UPCOMING}}
          {{#RUNNING}}<p class="muted">{{UNITS_LEFT}} of {{QUANTITY}} {{UNITS}} left{{#HAS_END}}, until {{END}}{{/HAS_END}}</p>{{/RUNNING}}
          {{#SOLD_OUT}}<p class="muted">All {{QUANTITY}} {{UNITS}} taken</p>{{/SOLD_OUT}}
        </li>
        {{/FLASH_SALE}}
      </ul>
    </section>
    {{/HAS_FLASH_SALES}}
    {{#HAS_FEATURED}}
    <section class="shelf" aria-labelledby="featured-heading">
      <h2 id="featured-heading">Featured</h2>
      <div class="book-grid">{{#FEATURED}}{{CARD:none}}{{/FEATURED}}</div>
    </section>
    {{/HAS_FEATURED}}
    {{#HAS_BEST_SELLERS}}
    <section class="shelf" aria-labelledby="best-heading">
      <h2 id="best-heading">Best sellers</h2>
      <div class="book-grid">{{#BEST_SELLER}}{{CARD:none}}{{/BEST_SELLER}}</div>
      <p class="shelf-more"><a href="/books?sort=bestselling">All best sellers</a></p>
    </section>
    {{/HAS_BEST_SELLERS}}
    {{#HAS_NEW_RELEASES}}
    <section class="shelf" aria-labelledby="new-heading">
      <h2 id="new-heading">New releases</h2>
      <div class="book-grid">{{#NEW_RELEASE}}{{CARD:none}}{{/NEW_RELEASE}}</div>
      <p class="shelf-more"><a href="/books?sort=newest">All new releases</a></p>
    </section>
    {{/HAS_NEW_RELEASES}}
  </div>
  <aside class="home-categories" aria-labelledby="categories-heading">
    {{#HAS_CATEGORIES}}<h2 id="categories-heading">Categories</h2>{{/HAS_CATEGORIES}}
    {{>CATEGORY_TREE}}
  </aside>
</div>

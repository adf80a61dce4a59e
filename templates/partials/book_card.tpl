{{%AUTOESCAPE context="HTML"}}<article class="book-card" data-book="{{SLUG}}">
  <a class="book-card__link" href="{{URL}}">
    <span class="book-card__cover">
      {{#COVER}}<img src="{{COVER_URL}}" alt="{{ALT}}" width="200" height="300" loading="lazy">{{/COVER}}
      {{#NO_COVER}}<span class="cover-placeholder cover-placeholder--{{PALETTE}}" role="img" aria-label="Cover of {{TITLE}}"><span>{{TITLE}}</span></span>{{/NO_COVER}}
    </span>
    <span class="book-card__title">{{TITLE}}</span>
  </a>
  <p class="book-card__author">{{#HAS_AUTHOR_URL}}<a href="{{AUTHOR_URL}}">{{AUTHOR}}</a>{{/HAS_AUTHOR_URL}}{{#NO_AUTHOR_URL}}{{AUTHOR}}{{/NO_AUTHOR_URL}}</p>
  <p class="book-card__meta">
    <span class="price">{{#ON_SALE}}<del><span class="visually-hidden">Was </span>{{OLD_PRICE}}</del> {{/ON_SALE}}<strong>{{PRICE}}</strong></span>
    {{#RATED}}<span class="rating"><span aria-hidden="true">★ {{RATING}}</span><span class="visually-hidden">Rated {{RATING}} out of 5 by {{RATING_COUNT}} readers</span></span>{{/RATED}}
  </p>
  <p class="stock stock--{{STOCK_CLASS}}">{{STOCK_TEXT}}</p>
</article>

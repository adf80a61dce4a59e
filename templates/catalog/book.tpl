{{%AUTOESCAPE context="HTML"}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/">Home</a></li>{{#CRUMB}}<li><a href="{{URL}}">{{NAME}}</a></li>{{/CRUMB}}<li aria-current="page">{{TITLE}}</li></ol></nav>
<article class="book">
  <div class="book__cover">
    {{#COVER}}<img src="{{COVER_URL}}" alt="{{ALT}}" width="400" height="600">{{/COVER}}
    {{#NO_COVER}}<span class="cover-placeholder cover-placeholder--large cover-placeholder--{{PALETTE}}" role="img" aria-label="Cover of {{TITLE}}"><span>{{TITLE}}</span></span>{{/NO_COVER}}
  </div>
  <div class="book__main">
    <h1 class="book__title">{{TITLE}}</h1>
    {{#HAS_SUBTITLE}}<p class="book__subtitle">{{SUBTITLE}}</p>{{/HAS_SUBTITLE}}
    <p class="book__author">by {{#HAS_AUTHOR_URL}}<a href="{{AUTHOR_URL}}">{{AUTHOR}}</a>{{/HAS_AUTHOR_URL}}{{#NO_AUTHOR_URL}}{{AUTHOR}}{{/NO_AUTHOR_URL}}</p>
    {{#RATED}}<p class="rating"><a href="#reviews"><span aria-hidden="true">★</span> {{RATING}}<span class="visually-hidden"> out of 5</span> <span class="muted">({{RATING_COUNT}} ratings)</span></a></p>{{/RATED}}
    <div class="buy-box card">
      <p class="buy-box__price">{{#ON_SALE}}<del><span class="visually-hidden">Regular price </span>{{OLD_PRICE}}</del> <span class="badge badge--sale">Sale</span> {{/ON_SALE}}<strong>{{PRICE}}</strong></p>
      {{#FLASH_SALE}}<p class="notice book__flash-sale"><span class="badge badge--sale">Flash sale</span>{{#IS_EBOOK}} <span class="badge badge--ebook">Ebook</span>{{/IS_EBOOK}} {{#RUNNING}}On now: {{PRICE}} instead of {{REGULAR_PRICE}}, while {{UNITS}} last.{{/RUNNING}}{{#UPCOMING}}From {{START}}: {{PRICE}} instead of {{REGULAR_PRICE}}.{{/UPCOMING}}{{#SOLD_OUT}}Sold out at {{PRICE}} for now.{{/SOLD_OUT}} <a href="{{URL}}">See the flash sale</a></p>{{/FLASH_SALE}}
      <p class="stock stock--{{STOCK_CLASS}}">{{STOCK_TEXT}}</p>
      {{#CAN_BUY}}
      <form action="/cart/items" method="post" class="add-to-cart">
        {{#HAS_SESSION}}<input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">{{/HAS_SESSION}}
        <input type="hidden" name="book_id" value="{{ID}}">
        <label for="quantity">Quantity</label>
        <input id="quantity" type="number" name="quantity" value="1" min="1" max="{{MAX_QUANTITY}}">
        <button type="submit" class="button">Add to cart</button>
      </form>
      {{/CAN_BUY}}
      {{#EBOOK_COMING}}<p class="muted small">The author has not made the ebook available yet. Add the book to a wishlist to find it again.</p>{{/EBOOK_COMING}}
      {{#EBOOK}}
      <div class="buy-box__ebook">
        <h2 class="buy-box__heading">Ebook <span class="muted small">({{FORMATS}})</span></h2>
        {{#EBOOK_PRICE}}<p class="buy-box__price">{{#ON_SALE}}<del><span class="visually-hidden">Regular price </span>{{OLD_PRICE}}</del> <span class="badge badge--sale">Sale</span> {{/ON_SALE}}<strong>{{PRICE}}</strong></p>{{/EBOOK_PRICE}}
        <form action="/cart/items" method="post" class="add-to-cart">
          {{#HAS_SESSION}}<input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">{{/HAS_SESSION}}
          <input type="hidden" name="book_id" value="{{ID}}">
          <input type="hidden" name="edition" value="digital">
          <button type="submit" class="button">Add the ebook to cart</button>
        </form>
        <p class="muted small">Download at once from your library, no shipping.{{#HAS_SAMPLE}} <a href="{{SAMPLE_URL}}">Read a free sample ({{SAMPLE_FORMAT}})</a>{{/HAS_SAMPLE}}</p>
      </div>
      {{/EBOOK}}
{{>WISHLIST}}
    </div>
    <section class="book__description" aria-labelledby="about-heading">
      <h2 id="about-heading">About this book</h2>
      {{#PARAGRAPH}}<p>{{TEXT}}</p>
      {{/PARAGRAPH}}
    </section>
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl class="details">
        <dt>Category</dt><dd><a href="{{CATEGORY_URL}}">{{CATEGORY}}</a></dd>
        <dt>Language</dt><dd>{{LANGUAGE}}</dd>
        {{#HAS_PAGES}}<dt>Pages</dt><dd>{{PAGES}}</dd>{{/HAS_PAGES}}
        {{#HAS_PUBLISHED}}<dt>Published</dt><dd>{{PUBLISHED}}</dd>{{/HAS_PUBLISHED}}
        {{#HAS_ISBN}}<dt>ISBN-13</dt><dd>{{ISBN}}</dd>{{/HAS_ISBN}}
      </dl>
      {{#HAS_TAGS}}<h3 class="visually-hidden">Tags</h3><ul class="chip-list">{{#TAG}}<li><a class="chip" href="{{URL}}">{{NAME}}</a></li>{{/TAG}}</ul>{{/HAS_TAGS}}
    </section>
  </div>
</article>
{{>REVIEWS}}
{{#HAS_BY_AUTHOR}}
<section class="shelf" aria-labelledby="by-author-heading">
  <h2 id="by-author-heading">More by {{AUTHOR}}</h2>
  <div class="book-grid">{{#BY_AUTHOR}}{{CARD:none}}{{/BY_AUTHOR}}</div>
</section>
{{/HAS_BY_AUTHOR}}
{{#HAS_IN_CATEGORY}}
<section class="shelf" aria-labelledby="same-category-heading">
  <h2 id="same-category-heading">More in {{CATEGORY}}</h2>
  <div class="book-grid">{{#IN_CATEGORY}}{{CARD:none}}{{/IN_CATEGORY}}</div>
</section>
{{/HAS_IN_CATEGORY}}
<img class="beacon" src="{{BEACON_URL}}" alt="" width="1" height="1">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Book", "name": "{{TITLE:o}}", "url": "{{LD_URL:o}}", "author": {"@type": "Person", "name": "{{AUTHOR:o}}"{{#LD_AUTHOR}}, "url": "{{LD_AUTHOR_URL:o}}"{{/LD_AUTHOR}}}, "description": "{{LD_DESCRIPTION:o}}", "inLanguage": "{{LD_LANGUAGE:o}}"{{#LD_IMAGE}}, "image": "{{LD_IMAGE_URL:o}}"{{/LD_IMAGE}}{{#HAS_ISBN}}, "isbn": "{{ISBN:o}}"{{/HAS_ISBN}}{{#HAS_PAGES}}, "numberOfPages": "{{PAGES:o}}"{{/HAS_PAGES}}{{#HAS_PUBLISHED}}, "datePublished": "{{PUBLISHED:o}}"{{/HAS_PUBLISHED}}, "genre": "{{CATEGORY:o}}"{{#RATED}}, "aggregateRating": {"@type": "AggregateRating", "ratingValue": "{{RATING:o}}", "ratingCount": "{{RATING_COUNT:o}}", "bestRating": "5", "worstRating": "1"}{{/RATED}}, "offers": {"@type": "Offer", "url": "{{LD_URL:o}}", "price": "{{LD_PRICE:o}}", "priceCurrency": "{{LD_CURRENCY:o}}", "availability": "{{LD_AVAILABILITY:o}}", "itemCondition": "https://schema.org/NewCondition"}}</script>

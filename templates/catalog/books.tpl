{{%AUTOESCAPE context="HTML"}}{{#HAS_CRUMBS}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/">Home</a></li>{{#CRUMB}}<li><a href="{{URL}}">{{NAME}}</a></li>{{/CRUMB}}</ol></nav>{{/HAS_CRUMBS}}
<header class="listing-header">
  <h1>{{HEADING}}</h1>
  {{#HAS_SEARCH}}<p class="lead">Books matching “{{SEARCHED}}”</p>{{/HAS_SEARCH}}
  {{#HAS_DESCRIPTION}}<p class="lead">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
  {{#HAS_BIO}}<p class="author-bio">{{BIO}}</p>{{/HAS_BIO}}
  {{#HAS_SUBCATEGORIES}}<ul class="chip-list" aria-label="Subcategories">{{#SUBCATEGORY}}<li><a class="chip" href="{{URL}}">{{NAME}}</a></li>{{/SUBCATEGORY}}</ul>{{/HAS_SUBCATEGORIES}}
</header>
<div class="listing{{#SHOW_FILTERS}} listing--filtered{{/SHOW_FILTERS}}">
  {{#SHOW_FILTERS}}
  <details class="filters-toggle">
  <summary class="filters-toggle__summary">Filter and sort</summary>
  <form class="filters card" action="/books" method="get" aria-labelledby="filters-heading">
    <h2 id="filters-heading" class="filters__heading">Refine</h2>
    <div class="field">
      <label for="filter-q">Words</label>
      <input id="filter-q" type="search" name="q" value="{{Q}}" maxlength="200">
    </div>
    <div class="field">
      <label for="filter-category">Category</label>
      <select id="filter-category" name="category">
        <option value="">All categories</option>
        {{#CATEGORY_OPTION}}<option value="{{VALUE}}" class="depth-{{DEPTH}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
        {{/CATEGORY_OPTION}}
      </select>
    </div>
    <fieldset class="field price-range">
      <legend>Price</legend>
      <label for="filter-min" class="visually-hidden">Lowest price</label>
      <input id="filter-min" type="text" inputmode="decimal" name="min" value="{{MIN}}" placeholder="from" size="6">
      <span aria-hidden="true">–</span>
      <label for="filter-max" class="visually-hidden">Highest price</label>
      <input id="filter-max" type="text" inputmode="decimal" name="max" value="{{MAX}}" placeholder="to" size="6">
      {{#PRICES_SWAPPED}}<p class="hint" role="status">The lowest price was above the highest, so we read the range the other way round.</p>{{/PRICES_SWAPPED}}
    </fieldset>
    <div class="field checkbox">
      <label><input type="checkbox" name="stock" value="1"{{#IN_STOCK_CHECKED}} checked{{/IN_STOCK_CHECKED}}> In stock only</label>
    </div>
    <div class="field">
      <label for="filter-lang">Language</label>
      <select id="filter-lang" name="lang">
        <option value="">Any language</option>
        {{#LANGUAGE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
        {{/LANGUAGE_OPTION}}
      </select>
    </div>
    <div class="field">
      <label for="filter-sort">Sort by</label>
      <select id="filter-sort" name="sort">
        {{#SORT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
        {{/SORT_OPTION}}
      </select>
    </div>
    <button type="submit" class="button">Show books</button>
    <p class="filters__reset"><a href="/books">Clear all</a></p>
  </form>
  </details>
  {{/SHOW_FILTERS}}
  <section class="results" aria-labelledby="results-heading">
    <h2 id="results-heading" class="results__count" role="status">{{COUNT_TEXT}}</h2>
    {{#SUGGESTION}}<p class="notice" id="suggestion">{{#CORRECTED}}Nothing matches “{{TYPED}}”, so here are books for “{{WORDS}}”. {{/CORRECTED}}Did you mean <a href="{{URL}}">{{WORDS}}</a>?</p>{{/SUGGESTION}}
    {{#STOP_WORDS}}<p class="notice">Words like “the” are too common to search by, so here are all books.</p>{{/STOP_WORDS}}
    {{#HAS_FACETS}}<div class="facets" aria-label="Narrow these results">{{#FACET}}
      <section class="facet"><h3 class="facet__heading">{{HEADING}}</h3><ul class="chip-list">{{#ENTRY}}<li><a class="chip" href="{{URL}}">{{LABEL}} <span class="facet__count">{{COUNT}}</span></a></li>{{/ENTRY}}</ul></section>{{/FACET}}
    </div>{{/HAS_FACETS}}
    {{#BAD_CURSOR}}<p class="notice">That page link had expired, so here is the first page.</p>{{/BAD_CURSOR}}
    {{#NO_RESULTS}}<p class="empty">Nothing matches. Try fewer words or <a href="/books">clear the filters</a>.</p>{{/NO_RESULTS}}
    <div class="book-grid">{{#RESULT}}{{CARD:none}}{{/RESULT}}</div>
    <nav class="pagination" aria-label="Pages">
      {{#HAS_FIRST}}<a class="button button--quiet" href="{{FIRST_URL}}">« First page</a>{{/HAS_FIRST}}
      {{#HAS_PREV}}<a class="button button--quiet" rel="prev" href="{{PREV_URL}}">‹ Previous page</a>{{/HAS_PREV}}
      {{#HAS_NEXT}}<a class="button" rel="next" href="{{NEXT_URL}}">Next page »</a>{{/HAS_NEXT}}
    </nav>
  </section>
</div>

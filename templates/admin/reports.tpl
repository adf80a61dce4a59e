{{%AUTOESCAPE context="HTML"}}<div class="admin admin-reports">
  <h1>Reports</h1>
  {{>ADMIN_NAV}}
  <form class="toolbar report-range" action="/admin/reports" method="get" novalidate>
    {{>FROM_FIELD}}
    {{>TO_FIELD}}
    <button type="submit" class="button button--small">Show</button>
  </form>
  {{>FORM_ERRORS}}

  {{#HAS_RANGE}}
  <ul class="stat-grid">
    <li class="stat"><span class="stat-value">{{TOTAL_UNITS}}</span><span class="stat-label">books sold, {{RANGE}}</span></li>
    <li class="stat"><span class="stat-value">{{TOTAL_REVENUE}}</span><span class="stat-label">item sales (before coupons, shipping and tax)</span></li>
  </ul>

  <section aria-labelledby="category-heading">
    <h2 id="category-heading">Sales by category</h2>
    <p class="muted small">Orders paid from {{RANGE}} (UTC) that were not cancelled or refunded in full. Each category includes its subcategories; books count under the category they are filed in today.</p>
    {{#NO_SALES}}<p class="empty">Nothing sold in this range.</p>{{/NO_SALES}}
    {{#HAS_SALES}}
    <div class="table-scroll" tabindex="0">
    <table class="data-table report-table">
      <thead><tr><th scope="col">Category</th><th scope="col" class="num">Orders</th><th scope="col" class="num">Books sold</th><th scope="col" class="num">Item sales</th><th scope="col">Share of books sold</th></tr></thead>
      <tbody>
        {{#CATEGORY}}<tr id="sales-cat-{{ID}}"{{#TOP}} class="is-top"{{/TOP}}>
          <th scope="row" class="tree-name tree-depth-{{DEPTH}}">{{NAME}}</th>
          <td class="num">{{ORDERS}}</td>
          <td class="num">{{UNITS}}</td>
          <td class="num">{{REVENUE}}</td>
          <td><svg class="bar" width="{{BAR_MAX}}" height="12" viewBox="0 0 {{BAR_MAX}} 12" aria-hidden="true"><rect class="bar__track" width="{{BAR_MAX}}" height="12" rx="3"/><rect class="bar__fill" width="{{BAR}}" height="12" rx="3"/></svg></td>
        </tr>
        {{/CATEGORY}}
      </tbody>
    </table>
    </div>
    {{/HAS_SALES}}
  </section>

  <section aria-labelledby="range-books-heading">
    <h2 id="range-books-heading">Best sellers, {{RANGE}}</h2>
    {{#NO_RANGE_BOOKS}}<p class="empty">Nothing sold in this range.</p>{{/NO_RANGE_BOOKS}}
    <ol class="rank-list">
      {{#RANGE_BOOK}}<li id="range-book-{{RANK}}">
        <span class="rank-list__title">{{#HAS_URL}}<a href="{{URL}}">{{TITLE}}</a>{{/HAS_URL}}{{#NO_URL}}{{TITLE}} <span class="badge">{{BOOK_STATUS}}</span>{{/NO_URL}} <span class="muted small">by {{AUTHOR}}</span></span>
        <svg class="bar" width="{{BAR_MAX}}" height="12" viewBox="0 0 {{BAR_MAX}} 12" aria-hidden="true"><rect class="bar__track" width="{{BAR_MAX}}" height="12" rx="3"/><rect class="bar__fill" width="{{BAR}}" height="12" rx="3"/></svg>
        <span class="rank-list__figure"><strong>{{UNITS}}</strong> sold · {{REVENUE}}</span>
      </li>
      {{/RANGE_BOOK}}
    </ol>
  </section>
  {{/HAS_RANGE}}

  <div class="admin-columns admin-columns--even">
    <section aria-labelledby="all-time-heading">
      <h2 id="all-time-heading">Best sellers of all time</h2>
      <ol class="rank-list rank-list--plain">
        {{#ALL_TIME_BOOK}}<li><span class="rank-list__title">{{#HAS_URL}}<a href="{{URL}}">{{TITLE}}</a>{{/HAS_URL}}{{#NO_URL}}{{TITLE}}{{/NO_URL}} <span class="muted small">by {{AUTHOR}}</span></span> <span class="rank-list__figure"><strong>{{UNITS}}</strong> sold</span></li>
        {{/ALL_TIME_BOOK}}
      </ol>
    </section>
    <section aria-labelledby="low-heading">
      <h2 id="low-heading">Running low</h2>
      <p class="muted small">Published books at or below their warning level, the furthest below first.</p>
      {{#NO_LOW_STOCK}}<p class="empty">Every book is well stocked.</p>{{/NO_LOW_STOCK}}
      {{#HAS_LOW}}
      <table class="data-table">
        <thead><tr><th scope="col">Book</th><th scope="col" class="num nowrap">In stock</th><th scope="col" class="num nowrap">Warn at</th></tr></thead>
        <tbody>
          {{#LOW_BOOK}}<tr>
            <td><a href="{{EDIT_URL}}">{{TITLE}}</a> <span class="muted small">by {{AUTHOR}}</span>{{#BACKORDER}} <span class="badge">backorder</span>{{/BACKORDER}}</td>
            <td class="num">{{#OUT}}<span class="badge badge--out">0</span>{{/OUT}}{{#LOW}}<span class="badge badge--low">{{STOCK}}</span>{{/LOW}}</td>
            <td class="num">{{THRESHOLD}}</td>
          </tr>
          {{/LOW_BOOK}}
        </tbody>
      </table>
      {{/HAS_LOW}}
      {{#LOW_MORE}}<p class="muted small">The first {{LOW_SHOWN}} are shown.</p>{{/LOW_MORE}}
    </section>
  </div>
</div>

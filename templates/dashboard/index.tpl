{{%AUTOESCAPE context="HTML"}}<div class="dashboard-header dashboard-header--sales">
  <h1>{{HEADING}}</h1>
  <p class="actions"><a class="button button--quiet" href="/dashboard/payouts">Royalties and payouts</a> <a class="button button--quiet" href="/dashboard/books">Manage books</a> <a class="button" href="/dashboard/books/new">Add a book</a></p>
</div>
<p class="lead dashboard-lead">As of {{TODAY}}. Revenue is what the books earned after coupon discounts and refunds, before shipping and tax; days are UTC.{{#EDITION_SPLIT}} Each figure also shows what <span class="edition-key edition-key--print">printed copies</span> and <span class="edition-key edition-key--ebook">ebooks</span> made of it.{{/EDITION_SPLIT}}</p>
{{#PICK_AUTHOR}}
<form class="toolbar card author-picker" method="get" action="/dashboard">
  <label for="author-pick">Show the figures of</label>
  <select id="author-pick" name="author">{{#OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/OPTION}}</select>
  <button type="submit" class="button button--small">Show</button>
  {{#NOT_OWN}}<a href="/dashboard">Back to my own</a>{{/NOT_OWN}}
</form>
{{/PICK_AUTHOR}}

<section class="period-grid" aria-label="Sales by period">
  {{#PERIOD}}
  <section class="card period" data-period="{{KEY}}" aria-labelledby="period-{{KEY}}">
    <h2 id="period-{{KEY}}">{{HEADING}} <span class="period__span">{{SPAN}}</span></h2>
    <dl class="figures">
      {{#FIGURE}}
      <div class="figure figure--{{NAME}}">
        <dt>{{LABEL}}</dt>
        <dd class="figure__value" data-figure="{{NAME}}" data-value="{{VALUE}}"{{#HAS_CURRENCY}} data-currency="{{CURRENCY}}"{{/HAS_CURRENCY}}>{{TEXT}}</dd>
        {{#CHANGE}}<dd class="change change--{{CHANGE_KIND}}">{{CHANGE_TEXT}} <span class="change__against">vs {{AGAINST}}</span></dd>{{/CHANGE}}
        {{#SPLIT}}<dd class="figure__split" data-split="{{NAME}}" data-print="{{PRINT_VALUE}}" data-ebook="{{EBOOK_VALUE}}"><span class="edition-key edition-key--print">Print {{PRINT}}</span> <span class="edition-key edition-key--ebook">Ebook {{EBOOK}}</span></dd>{{/SPLIT}}
      </div>
      {{/FIGURE}}
    </dl>
  </section>
  {{/PERIOD}}
</section>

<div class="chart-grid">
  {{#CURRENCY_CHARTS}}
  {{>DAILY_CHART}}
  {{>MONTHLY_CHART}}
  {{/CURRENCY_CHARTS}}
</div>

<section id="books" class="dashboard-section" aria-labelledby="books-heading">
  <h2 id="books-heading">Books</h2>
  {{#HAS_LOW}}<p class="notice" role="status">Running low on stock: <strong>{{LOW_COUNT}}</strong> (marked “low” below).</p>{{/HAS_LOW}}
  {{#NO_BOOKS}}<div class="card empty-state"><p>No books yet. <a href="/dashboard/books/new">Add your first one</a>.</p></div>{{/NO_BOOKS}}
  {{#HAS_BOOKS}}
  <div class="table-wrap card" tabindex="0">
  <table class="dashboard-table sales-table">
    <caption class="visually-hidden">Books with their sales, stock and views; the column headings sort the table</caption>
    <thead>
      <tr class="sales-table__groups"><td></td><th scope="colgroup" colspan="2" class="num">Last 30 days</th><th scope="colgroup" colspan="2" class="num">All time</th><td colspan="3"></td></tr>
      <tr>{{#COLUMN}}<th scope="col" aria-sort="{{ARIA_SORT}}"{{#NUMERIC}} class="num"{{/NUMERIC}}><a href="{{HREF}}" data-sort="{{KEY}}">{{LABEL}}{{#SORTED}} <span aria-hidden="true">{{ARROW}}</span>{{/SORTED}}</a></th>{{/COLUMN}}</tr>
    </thead>
    <tbody>
      {{#BOOK}}
      <tr class="{{#LOW}}row--low{{/LOW}}" data-book="{{ID}}">
        <th scope="row"><a href="/dashboard/books/{{ID}}">{{TITLE}}</a>{{#NOT_PUBLISHED}} <span class="badge badge--{{STATUS_TEXT}}">{{STATUS_TEXT}}</span>{{/NOT_PUBLISHED}}</th>
        <td class="num">{{UNITS30}}{{#SPLIT30}}<span class="split-line">print {{PRINT_UNITS}} · ebook {{EBOOK_UNITS}}</span>{{/SPLIT30}}</td>
        <td class="num" data-cents="{{REVENUE30_CENTS}}">{{REVENUE30}}{{#SPLIT30}}<span class="split-line">print {{PRINT_REVENUE}} · ebook {{EBOOK_REVENUE}}</span>{{/SPLIT30}}</td>
        <td class="num" data-units="{{UNITS_RAW}}">{{UNITS}}{{#SPLIT}}<span class="split-line" data-ebook-units="{{EBOOK_UNITS_RAW}}">print {{PRINT_UNITS}} · ebook {{EBOOK_UNITS}}</span>{{/SPLIT}}</td>
        <td class="num" data-cents="{{REVENUE_CENTS}}">{{REVENUE}}{{#SPLIT}}<span class="split-line" data-ebook-cents="{{EBOOK_CENTS}}">print {{PRINT_REVENUE}} · ebook {{EBOOK_REVENUE}}</span>{{/SPLIT}}</td>
        <td class="num">{{STOCK}}{{#LOW}} <span class="badge badge--low">low</span>{{/LOW}}</td>
        <td class="num">{{VIEWS}}</td>
        <td class="num">{{CONVERSION}}</td>
      </tr>
      {{/BOOK}}
    </tbody>
  </table>
  </div>
  {{/HAS_BOOKS}}
</section>

<div class="dashboard-columns">
  <section class="dashboard-section" aria-labelledby="sales-heading">
    <h2 id="sales-heading">Recent sales</h2>
    {{#NO_SALES}}<p class="empty">No sales yet.</p>{{/NO_SALES}}
    {{#HAS_SALES}}
    <div class="table-wrap card" tabindex="0">
    <table class="dashboard-table recent-sales">
      <caption class="visually-hidden">The latest sales of these books: when, which book, how many and where they went</caption>
      <thead><tr><th scope="col">When</th><th scope="col">Book</th><th scope="col" class="num">Qty</th><th scope="col">Ships to</th></tr></thead>
      <tbody>
        {{#SALE}}<tr><td><time datetime="{{WHEN_ISO}}">{{WHEN}}</time></td><td>{{BOOK}}{{#EBOOK}} <span class="badge badge--ebook">ebook</span>{{/EBOOK}}{{#UNDONE}} <span class="badge">refunded</span>{{/UNDONE}}</td><td class="num">{{QUANTITY}}</td><td>{{#SHIPPED}}{{CITY}}{{/SHIPPED}}{{#EBOOK}}<span class="muted">download</span>{{/EBOOK}}</td></tr>
        {{/SALE}}
      </tbody>
    </table>
    </div>
    {{/HAS_SALES}}
  </section>
  <section class="dashboard-section" aria-labelledby="export-heading">
    <h2 id="export-heading">Export</h2>
    <form class="card export-form" method="get" action="/dashboard/revenue.csv">
      <p class="hint">Revenue and units per day and book, split into print and ebook, as CSV for a spreadsheet (at most three years).</p>
      {{#HAS_CSV_ERROR}}<div class="form-errors" role="alert" id="export-error"><p>{{CSV_ERROR}}</p></div>{{/HAS_CSV_ERROR}}
      <div class="export-form__dates">
        <label>From <input type="date" name="from" value="{{CSV_FROM}}" required{{#HAS_CSV_ERROR}} aria-invalid="true" aria-describedby="export-error"{{/HAS_CSV_ERROR}}></label>
        <label>To <input type="date" name="to" value="{{CSV_TO}}" required{{#HAS_CSV_ERROR}} aria-invalid="true" aria-describedby="export-error"{{/HAS_CSV_ERROR}}></label>
      </div>
      {{#AUTHOR_FIELD}}<input type="hidden" name="author" value="{{AUTHOR_ID}}">{{/AUTHOR_FIELD}}
      <button type="submit" class="button button--small">Download CSV</button>
    </form>
  </section>
</div>

{{%AUTOESCAPE context="HTML"}}<div class="table-wrap card statement" data-currency="{{CURRENCY}}" tabindex="0">
<table class="dashboard-table statement__summary">
  <caption>In {{CURRENCY}}</caption>
  <tbody>
    {{#LINE}}<tr{{#TOTAL}} class="statement__total"{{/TOTAL}}><th scope="row">{{LABEL}}</th><td class="num" data-cents="{{CENTS}}">{{AMOUNT}}</td></tr>
    {{/LINE}}
  </tbody>
</table>
{{#NO_BOOKS}}<p>No sales or refunds in this period.</p>{{/NO_BOOKS}}
<table class="dashboard-table statement__books">
  <caption class="visually-hidden">Per book, in {{CURRENCY}}</caption>
  <thead><tr><th scope="col">Book</th><th scope="col" class="num">Sales</th><th scope="col" class="num">Refunds</th><th scope="col" class="num">Commission</th><th scope="col" class="num">Royalty</th></tr></thead>
  <tbody>
    {{#BOOK}}<tr><th scope="row">{{TITLE}}</th><td class="num">{{SALES}}</td><td class="num">{{REFUNDS}}</td><td class="num">{{COMMISSION}}</td><td class="num">{{ROYALTY}}</td></tr>
    {{/BOOK}}
  </tbody>
</table>
</div>

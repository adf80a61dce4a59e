{{%AUTOESCAPE context="HTML"}}<figure class="card chart" id="chart-{{ID}}">
  <h2 class="chart__title">{{TITLE}}</h2>
  {{#LEGEND}}<ul class="chart__legend">
    <li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="2" fill="{{PRINT_FILL}}"/></svg> Printed copies</li>
    <li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="2" fill="{{EBOOK_FILL}}"/></svg> Ebooks</li>
  </ul>{{/LEGEND}}
  <svg class="chart__svg" viewBox="0 0 {{WIDTH}} {{HEIGHT}}" width="{{WIDTH}}" height="{{HEIGHT}}" role="img" aria-labelledby="chart-{{ID}}-title chart-{{ID}}-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">
    <title id="chart-{{ID}}-title">{{TITLE}}</title>
    <desc id="chart-{{ID}}-desc">{{CAPTION}}</desc>
    {{#GRID}}<line x1="{{X0}}" x2="{{X1}}" y1="{{Y}}" y2="{{Y}}" stroke="{{STROKE}}" stroke-width="1"/>
    <text x="{{LABEL_X}}" y="{{Y}}" dy="4" text-anchor="end" font-size="13" fill="#52606d">{{LABEL}}</text>
    {{/GRID}}
    {{#BAR}}<g class="chart__column"><title>{{BAR_TITLE}}</title>{{#SEGMENT}}<rect class="chart__bar chart__bar--{{EDITION}}" x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" rx="2" fill="{{FILL}}" stroke="#fff" stroke-width="0.5"/>{{/SEGMENT}}</g>
    {{#VALUE_LABEL}}<text class="chart__value" x="{{VX}}" y="{{VY}}" text-anchor="middle" font-size="12" font-weight="600" fill="#1f2933">{{VALUE}}</text>{{/VALUE_LABEL}}
    {{/BAR}}
    {{#XLABEL}}<text x="{{LX}}" y="{{LY}}" text-anchor="middle" font-size="13" fill="#52606d">{{TEXT}}</text>{{#HAS_SUBTEXT}}<text x="{{LX}}" y="{{LY2}}" text-anchor="middle" font-size="12" fill="#52606d">{{SUBTEXT}}</text>{{/HAS_SUBTEXT}}
    {{/XLABEL}}
  </svg>
  <figcaption>{{CAPTION}}
  <details class="chart__table">
    <summary>The figures as a table</summary>
    <table class="data-table">
      <caption class="visually-hidden">{{TITLE}}</caption>
      <thead><tr><th scope="col">Period</th>{{#SPLIT_HEAD}}<th scope="col" class="num">Printed copies</th><th scope="col" class="num">Ebooks</th>{{/SPLIT_HEAD}}<th scope="col" class="num">Revenue</th></tr></thead>
      <tbody>
        {{#ROW}}<tr><th scope="row">{{LABEL}}</th>{{#SPLIT_CELLS}}<td class="num" data-print-cents="{{PRINT_CENTS}}">{{PRINT}}</td><td class="num" data-ebook-cents="{{EBOOK_CENTS}}">{{EBOOK}}</td>{{/SPLIT_CELLS}}<td class="num" data-cents="{{CENTS}}">{{VALUE}}</td></tr>
        {{/ROW}}
      </tbody>
    </table>
  </details>
  </figcaption>
</figure>

{{%AUTOESCAPE context="HTML"}}<div class="dashboard-header">
  <h1>Statement for {{MONTH}}</h1>
  <p class="actions no-print"><a class="button button--quiet" href="/dashboard/payouts">Royalties and payouts</a> <a class="button" href="/dashboard/statements/{{LABEL}}/csv" download>Download CSV</a></p>
</div>
<p class="lead">{{AUTHOR}}, {{FROM}} to {{TO}} (UTC). Amounts are royalties: sales after coupons, less refunds and the shop's commission. Print this page for your records.</p>
{{#EMPTY}}<div class="card empty-state"><p>No royalties and no payouts in {{MONTH}}.</p></div>{{/EMPTY}}
{{#STATEMENT}}{{>STATEMENT_TABLE}}{{/STATEMENT}}

{{%AUTOESCAPE context="HTML"}}<div class="dashboard-header">
  <h1>Royalties and payouts</h1>
  <p class="actions"><a class="button button--quiet" href="/dashboard">Sales dashboard</a> <a class="button button--quiet" href="/account/payout">Payout details</a></p>
</div>
<p class="lead">Your royalty is each sale's price after coupons, less the shop's commission. It becomes payable {{HOLD_DAYS}} days after the sale, once the refund window has passed; payouts go out on the 1st of each month when at least {{MINIMUM}} is payable.</p>
{{#NO_DETAILS}}<p class="notice" role="status">Add your <a href="/account/payout">bank details</a> so that we can pay you.</p>{{/NO_DETAILS}}
{{#HAS_DETAILS}}<p>Payouts go to the account {{IBAN}}. <a href="/account/payout">Change it</a></p>{{/HAS_DETAILS}}

{{#NO_BALANCE}}<div class="card empty-state"><p>Nothing yet: your royalties appear here from your first sale.</p></div>{{/NO_BALANCE}}
{{#BALANCE}}
<section class="card period" data-currency="{{CURRENCY}}" aria-labelledby="balance-{{CURRENCY}}">
  <h2 id="balance-{{CURRENCY}}">Balance in {{CURRENCY}}</h2>
  <dl class="figures">
    {{#FIGURE}}<div class="figure figure--{{KEY}}"><dt>{{LABEL}}</dt><dd class="figure__value{{#NEGATIVE}} figure__value--negative{{/NEGATIVE}}" data-figure="{{KEY}}" data-value="{{CENTS}}">{{TEXT}}</dd></div>
    {{/FIGURE}}
  </dl>
  {{#OWED}}<p class="notice">Refunds after a payout left a negative balance: your next sales settle it before the next payout.</p>{{/OWED}}
</section>
{{/BALANCE}}

<section class="dashboard-section" aria-labelledby="month-heading">
  <h2 id="month-heading">{{MONTH}} so far</h2>
  {{#STATEMENT}}{{>STATEMENT_TABLE}}{{/STATEMENT}}
  <p><a href="/dashboard/statements/{{MONTH_LABEL}}">The statement for {{MONTH}}</a></p>
</section>

<section class="dashboard-section" aria-labelledby="statements-heading">
  <h2 id="statements-heading">Monthly statements</h2>
  <ul class="statement-list">
    {{#PAST_MONTH}}<li><a href="/dashboard/statements/{{LABEL}}">{{NAME}}</a> (<a href="/dashboard/statements/{{LABEL}}/csv">CSV</a>)</li>
    {{/PAST_MONTH}}
  </ul>
</section>

<section class="dashboard-section" aria-labelledby="payouts-heading">
  <h2 id="payouts-heading">Payouts</h2>
  {{#NO_PAYOUTS}}<p>No payouts yet.</p>{{/NO_PAYOUTS}}
  {{#HAS_PAYOUTS}}<div class="table-wrap card" tabindex="0">
  <table class="dashboard-table">
    <caption class="visually-hidden">Your payouts, newest first</caption>
    <thead><tr><th scope="col">Date</th><th scope="col" class="num">Amount</th><th scope="col">Account</th><th scope="col">Status</th></tr></thead>
    <tbody>
      {{#PAYOUT}}<tr><td>{{DATE}}</td><td class="num">{{AMOUNT}}</td><td>{{IBAN}}</td><td>{{STATUS}}</td></tr>
      {{/PAYOUT}}
    </tbody>
  </table>
  </div>{{/HAS_PAYOUTS}}
</section>

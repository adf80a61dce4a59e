{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Payout run {{KEY}}</h1>
  {{>ADMIN_NAV}}
  <p>Started {{DATE}}; minimum {{MINIMUM}}; total {{TOTAL}}.</p>
  <p class="toolbar"><a class="button button--small" href="/admin/payouts/runs/{{ID}}/csv" download>Bank transfer CSV</a> <a class="button button--small button--quiet" href="/admin/payouts">All runs</a></p>
  {{#EMPTY}}<p class="empty">No author had enough payable royalties (or bank details) for this run.</p>{{/EMPTY}}
  <div class="table-scroll" tabindex="0">
  <table class="data-table">
    <caption class="visually-hidden">The run's payouts</caption>
    <thead><tr><th scope="col">Author</th><th scope="col">Account holder</th><th scope="col">IBAN</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Entries</th><th scope="col">Status</th></tr></thead>
    <tbody>
      {{#PAYOUT}}<tr data-payout="{{ID}}"><td>{{AUTHOR}}</td><td>{{ACCOUNT_NAME}}</td><td class="nowrap">{{IBAN}}</td><td class="num nowrap">{{AMOUNT}}</td><td class="num">{{ITEMS}}</td><td><span class="badge">{{STATUS}}</span></td></tr>
      {{/PAYOUT}}
    </tbody>
  </table>
  </div>
  {{#CAN_CONFIRM}}
  <form action="/admin/payouts/runs/{{ID}}/confirm" method="post">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <p>Once the bank has taken the transfers:</p>
    <button type="submit" class="button">Confirm the payouts were sent</button>
  </form>
  {{/CAN_CONFIRM}}
</div>

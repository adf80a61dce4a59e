{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Payouts</h1>
  {{>ADMIN_NAV}}
  <p class="toolbar"><a class="button button--small button--quiet" href="/admin/payouts/terms">Commission terms</a></p>
  <section class="card">
    <h2>Start a payout run</h2>
    <p>Every author with confirmed bank details gets one payout per currency of the royalties that have passed the {{HOLD_DAYS}}-day refund window and are not paid yet, when they come to at least the minimum. Runs also happen {{SCHEDULE}}. Starting the same run twice pays nothing twice.</p>
    <form action="/admin/payouts/runs" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      <input type="hidden" name="idempotency_key" value="{{IDEMPOTENCY_KEY}}">
      <label for="minimum">Minimum payout</label>
      <input id="minimum" name="minimum" type="text" inputmode="decimal" value="{{MINIMUM}}" size="8" required>
      <button type="submit" class="button button--small">Start the run</button>
    </form>
  </section>
  {{#EMPTY}}<p class="empty">No payout runs yet.</p>{{/EMPTY}}
  <div class="table-scroll" tabindex="0">
  <table class="data-table">
    <caption class="visually-hidden">Payout runs, newest first</caption>
    <thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">By</th><th scope="col" class="num">Payouts</th><th scope="col" class="num">Confirmed</th><th scope="col" class="num">Total</th></tr></thead>
    <tbody>
      {{#RUN}}<tr><td><a href="/admin/payouts/runs/{{ID}}">{{KEY}}</a></td><td class="nowrap">{{DATE}}</td><td>{{BY}}</td><td class="num">{{PAYOUTS}}</td><td class="num">{{PAID}}</td><td class="num nowrap">{{TOTAL}}</td></tr>
      {{/RUN}}
    </tbody>
  </table>
  </div>
</div>

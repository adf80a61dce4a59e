{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Commission terms</h1>
  {{>ADMIN_NAV}}
  <p>The shop keeps its commission of each copy sold (a percentage of the price after coupons, plus an optional fixed part per copy); the author's royalty is the rest. Terms apply to sales from their start on and never change sales already made. An author's own terms override the shop's default.</p>
  <div class="table-scroll" tabindex="0">
  <table class="data-table">
    <caption class="visually-hidden">Commission terms by author, newest start first</caption>
    <thead><tr><th scope="col">For</th><th scope="col" class="num">Commission</th><th scope="col">Fixed part</th><th scope="col">From</th><th scope="col">Note</th></tr></thead>
    <tbody>
      {{#TERMS}}<tr><td>{{WHO}}</td><td class="num">{{RATE}}</td><td>{{FIXED}}</td><td class="nowrap">{{FROM}}{{#SCHEDULED}} <span class="badge badge--low">scheduled</span>{{/SCHEDULED}}</td><td>{{NOTE}}</td></tr>
      {{/TERMS}}
    </tbody>
  </table>
  </div>
  <section class="card form-card">
    <h2>New terms</h2>
    <form action="/admin/payouts/terms" method="post" novalidate>
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>FORM_ERRORS}}
      {{>AUTHOR_FIELD}}
      {{>RATE_FIELD}}
      {{>FIXED_FIELD}}
      {{>FROM_FIELD}}
      {{>NOTE_FIELD}}
      <button type="submit" class="button">Add the terms</button>
    </form>
  </section>
</div>

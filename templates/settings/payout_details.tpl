{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Payout details</h1>
  {{#CURRENT}}<p>Your royalties go to <strong>{{ACCOUNT_NAME}}</strong>, IBAN <strong data-iban="masked">{{IBAN}}</strong> (confirmed {{CONFIRMED}}).</p>{{/CURRENT}}
  {{#NO_CURRENT}}<p>Tell us where to send your royalties.</p>{{/NO_CURRENT}}
  {{#PENDING}}<p class="notice" role="status">A change to {{ACCOUNT_NAME}}, {{IBAN}} waits for you to follow the link we emailed (until {{EXPIRES}}).</p>{{/PENDING}}
  <form action="/account/payout" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{>FORM_ERRORS}}
    {{>ACCOUNT_NAME_FIELD}}
    {{>IBAN_FIELD}}
    <p class="hint">For your safety a change applies only after you confirm it from the link we email you.</p>
    <button type="submit" class="button">Save and send the confirmation link</button>
  </form>
  <p><a href="/dashboard/payouts">Royalties and payouts</a></p>
</section>

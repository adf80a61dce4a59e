{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Confirm your bank details</h1>
  <p>Send your Bookfair royalties to the account you entered from now on?</p>
  <form action="/account/payout/confirm/{{TOKEN}}" method="post">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button">Yes, use this account</button>
  </form>
</section>

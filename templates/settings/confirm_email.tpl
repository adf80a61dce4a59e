{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Confirm your new email</h1>
  <p>Use <strong>{{NEW_EMAIL}}</strong> for your Bookfair account from now on?</p>
  <form action="/account/email/confirm/{{TOKEN}}" method="post">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <button type="submit" class="button">Yes, use this address</button>
  </form>
</section>

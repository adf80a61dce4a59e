{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Confirm your email</h1>
  <p>One click and your address is confirmed.</p>
  <form action="/verify-email/{{TOKEN}}" method="post">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <button type="submit" class="button">Confirm my email address</button>
  </form>
</section>

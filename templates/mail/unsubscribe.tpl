{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Your emails</h1>
  {{#SUBSCRIBED}}
  <p>Stop sending you {{LIST}}? One click and they stop; nothing else about your account changes.</p>
  <form action="/unsubscribe/{{TOKEN}}" method="post">
    <button type="submit" class="button">Unsubscribe</button>
  </form>
  {{/SUBSCRIBED}}
  {{#UNSUBSCRIBED}}
  <p>You no longer receive {{LIST}}.</p>
  <form action="/unsubscribe/{{TOKEN}}" method="post">
    <input type="hidden" name="subscribe" value="1">
    <button type="submit" class="button button--quiet">Changed your mind? Subscribe again</button>
  </form>
  {{/UNSUBSCRIBED}}
  <p class="form-footer">You can choose all your emails on <a href="/account">your account page</a>.</p>
</section>

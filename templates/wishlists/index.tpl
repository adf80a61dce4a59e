{{%AUTOESCAPE context="HTML"}}<section class="readers-page">
  <h1>Your wishlists</h1>
  <p class="muted">Lists are private unless you share them. Save books from their pages.</p>
  {{#NO_LISTS}}<p class="empty">You have no lists yet. Make one below, or use “Save to wishlist” on any book.</p>{{/NO_LISTS}}
  <ul class="wishlist-index">
    {{#LIST}}<li class="card wishlist-index__item">
      <a class="wishlist-index__name" href="{{URL}}">{{NAME}}</a>
      <span class="muted">{{COUNT_TEXT}}</span>
      {{#SHARED}}<span class="badge badge--ok">Shared by link</span>{{/SHARED}}{{#PRIVATE}}<span class="badge">Private</span>{{/PRIVATE}}
    </li>{{/LIST}}
  </ul>
  <section class="card form-card" aria-labelledby="new-list-heading">
    <h2 id="new-list-heading">New list</h2>
    {{>FORM_ERRORS}}
    <form action="/wishlists" method="post">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>NAME_FIELD}}
      <button type="submit" class="button">Create list</button>
    </form>
  </section>
</section>

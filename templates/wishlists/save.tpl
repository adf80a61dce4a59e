{{%AUTOESCAPE context="HTML"}}<div class="wishlist-save">
  {{#LOGGED_OUT}}<p><a href="{{LOGIN_URL}}">Log in to save this book to a wishlist</a></p>{{/LOGGED_OUT}}
  {{#LOGGED_IN}}
  <form action="/wishlists/items" method="post" class="wishlist-save__form">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="book_id" value="{{BOOK_ID}}">
    {{#CHOOSE}}
    <label for="wishlist-choice">Save to</label>
    <select id="wishlist-choice" name="wishlist">
      {{#LIST_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/LIST_OPTION}}
    </select>
    {{/CHOOSE}}
    {{#FIRST_LIST}}<input type="hidden" name="wishlist" value="new">{{/FIRST_LIST}}
    <button type="submit" class="button button--quiet">Save to wishlist</button>
  </form>
  {{/LOGGED_IN}}
</div>

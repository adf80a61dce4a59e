{{%AUTOESCAPE context="HTML"}}<section class="readers-page wishlist">
  {{#OWNER_VIEW}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/account">Account</a></li><li><a href="/wishlists">Wishlists</a></li><li aria-current="page">{{NAME}}</li></ol></nav>{{/OWNER_VIEW}}
  <h1>{{NAME}}</h1>
  {{#SHARED_VIEW}}<p class="muted">A wishlist shared by {{OWNER_NAME}}.</p>{{/SHARED_VIEW}}
  {{#OWNER_VIEW}}
  <div class="wishlist__sharing card">
    {{#PRIVATE}}
    <p><span class="badge">Private</span> Only you can see this list.</p>
    <form action="/wishlists/{{ID}}/share" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      <button type="submit" class="button button--small">Share by link</button>
    </form>
    {{/PRIVATE}}
    {{#SHARED}}
    <p><span class="badge badge--ok">Shared by link</span> Anyone with the link can see this list (not your email or address).</p>
    {{#NEW_LINK}}
    <div class="share-link">
      <p><strong>Your link:</strong> <a class="share-link__url" id="share-url" href="{{SHARE_URL}}">{{SHARE_URL}}</a></p>
      <p class="muted small">Copy it now: we keep only a fingerprint of it, so we cannot show it again.</p>
      <button type="button" class="button button--small" data-copy="share-url" hidden>Copy link</button>
      <span class="share-link__status" role="status"></span>
    </div>
    <script src="/static/js/copy-link.js" defer></script>
    {{/NEW_LINK}}
    <form action="/wishlists/{{ID}}/share" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      <button type="submit" class="button button--small button--quiet">Make a new link</button>
    </form>
    <form action="/wishlists/{{ID}}/revoke" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      <button type="submit" class="button button--small button--quiet">Stop sharing</button>
    </form>
    {{/SHARED}}
  </div>
  {{>FORM_ERRORS}}
  {{/OWNER_VIEW}}
  {{#NO_ITEMS}}<p class="empty">No books on this list yet.</p>{{/NO_ITEMS}}
  <ol class="wishlist-items">
  {{#ITEM}}
    <li class="wishlist-item card" id="item-{{BOOK_ID}}">
      <a class="wishlist-item__cover" href="{{URL}}" tabindex="-1" aria-hidden="true">{{#HAS_COVER}}<img src="{{COVER_URL}}" alt="" width="80" height="120" loading="lazy">{{/HAS_COVER}}{{#NO_COVER}}<span class="cover-placeholder"><span>{{TITLE}}</span></span>{{/NO_COVER}}</a>
      <div class="wishlist-item__main">
        <h2 class="wishlist-item__title"><a href="{{URL}}">{{TITLE}}</a></h2>
        <p class="muted">by {{AUTHOR}} · {{PRICE}}{{#UNAVAILABLE}} · <span class="stock stock--out">not available now</span>{{/UNAVAILABLE}}</p>
        <p><span class="priority priority--{{PRIORITY}}">Priority {{PRIORITY_LABEL}}</span></p>
        {{#HAS_NOTE}}<p class="wishlist-item__note">“{{NOTE}}”</p>{{/HAS_NOTE}}
        {{#CAN_BUY}}<form action="/cart/items" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="book_id" value="{{BOOK_ID}}">
          <input type="hidden" name="quantity" value="1">
          <button type="submit" class="button button--small">Add to cart<span class="visually-hidden">: {{TITLE}}</span></button>
        </form>{{/CAN_BUY}}
        {{#OWNER}}
        <form action="/wishlists/{{ID}}/items/{{BOOK_ID}}" method="post" class="wishlist-item__edit">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <div class="field">
            <label for="priority-{{BOOK_ID}}">Priority</label>
            <select id="priority-{{BOOK_ID}}" name="priority">{{#PRIORITY_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRIORITY_OPTION}}</select>
          </div>
          <div class="field">
            <label for="note-{{BOOK_ID}}">Note</label>
            <input id="note-{{BOOK_ID}}" name="note" type="text" value="{{NOTE_VALUE}}" maxlength="300">
          </div>
          <button type="submit" class="button button--small button--quiet">Save<span class="visually-hidden"> priority and note for {{TITLE}}</span></button>
        </form>
        <div class="wishlist-item__actions">
          {{#CAN_MOVE}}<form action="/wishlists/{{ID}}/items/{{BOOK_ID}}/cart" method="post" class="inline-form">
            <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
            <button type="submit" class="button button--small">Move to cart<span class="visually-hidden">: {{TITLE}}</span></button>
          </form>{{/CAN_MOVE}}
          <form action="/wishlists/{{ID}}/items/{{BOOK_ID}}/remove" method="post" class="inline-form">
            <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
            <button type="submit" class="link-button">Remove<span class="visually-hidden"> {{TITLE}}</span></button>
          </form>
        </div>
        {{/OWNER}}
      </div>
    </li>
  {{/ITEM}}
  </ol>
  {{#OWNER_VIEW}}
  <details class="wishlist__manage card">
    <summary>Rename or delete this list</summary>
    <form action="/wishlists/{{ID}}/rename" method="post">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      {{>RENAME_FIELD}}
      <button type="submit" class="button button--small">Rename</button>
    </form>
    <form action="/wishlists/{{ID}}/delete" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
      <button type="submit" class="button button--small button--danger">Delete this list</button>
    </form>
  </details>
  {{/OWNER_VIEW}}
</section>

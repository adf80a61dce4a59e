{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Reviews</h1>
  {{>ADMIN_NAV}}
  <p class="muted">New and edited reviews are {{MODE}}. Reported reviews come first.</p>
  {{#EMPTY}}<p class="empty">Nothing to moderate: no reported or waiting reviews.</p>{{/EMPTY}}
  <ol class="moderation-list">
  {{#REVIEW}}
    <li class="card moderation-item" id="review-{{ID}}">
      <p class="moderation-item__flags">
        {{#REPORTED}}<span class="badge badge--rejected">Reported {{REPORTS}}×</span>{{/REPORTED}}
        {{#PENDING}}<span class="badge badge--pending">Waiting for approval</span>{{/PENDING}}
        {{#PUBLISHED}}<span class="badge badge--ok">Published</span>{{/PUBLISHED}}
        {{#VERIFIED}}<span class="badge badge--verified">✓ Verified purchase</span>{{/VERIFIED}}
      </p>
      <p><a href="{{BOOK_URL}}">{{BOOK_TITLE}}</a> · {{REVIEWER}} · {{DATE}}</p>
      <p class="review__stars"><span class="stars" aria-hidden="true">{{STARS}}</span><span class="visually-hidden">Rated {{RATING}} out of 5</span></p>
      <h2 class="review__title">{{TITLE}}</h2>
      <div class="review__body">{{#PARAGRAPH}}<p>{{TEXT}}</p>{{/PARAGRAPH}}</div>
      {{#HAS_REPORTS}}<div class="moderation-item__reports">
        <h3 class="review__label">Why readers reported it</h3>
        <ul>{{#REPORT}}<li><strong>{{REASON}}</strong> <span class="muted">({{DATE}})</span>{{#HAS_NOTE}}: “{{NOTE}}”{{/HAS_NOTE}}</li>{{/REPORT}}</ul>
      </div>{{/HAS_REPORTS}}
      <div class="moderation-item__actions">
        <form action="/admin/reviews/{{ID}}/decision" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <button type="submit" name="decision" value="approve" class="button button--small">{{#PENDING}}Approve{{/PENDING}}{{#PUBLISHED}}Keep published{{/PUBLISHED}}</button>
          <button type="submit" name="decision" value="reject" class="button button--small button--quiet">Reject</button>
        </form>
      </div>
      <form action="/admin/reviews/{{ID}}/reply" method="post" class="moderation-item__reply">
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        <label for="reply-{{ID}}">Public reply</label>
        <textarea id="reply-{{ID}}" name="reply" rows="2" maxlength="2000">{{REPLY:pre_escape}}</textarea>
        <button type="submit" class="button button--small button--quiet">Save reply</button>
      </form>
    </li>
  {{/REVIEW}}
  </ol>
</div>

{{%AUTOESCAPE context="HTML"}}<section class="reviews" id="reviews" aria-labelledby="reviews-heading">
  <h2 id="reviews-heading">Reader reviews</h2>
  <div class="reviews__top">
    {{#HAS_RATINGS}}
    <div class="rating-summary">
      <p class="rating-summary__average"><span class="stars" aria-hidden="true">{{STARS}}</span> <strong>{{AVERAGE}}</strong> out of 5</p>
      <p class="muted">{{COUNT}} {{RATINGS_WORD}}</p>
      <table class="rating-bars">
        <caption class="visually-hidden">How many readers gave each rating</caption>
        <tbody>
        {{#STAR_ROW}}<tr>
          <th scope="row">{{STAR}} {{STAR_WORD}}</th>
          <td class="rating-bars__bar"><svg viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="10" aria-hidden="true" focusable="false"><rect class="rating-bars__track" width="100" height="10" rx="2"/><rect class="rating-bars__fill" width="{{PERCENT}}" height="10" rx="2"/></svg></td>
          <td class="rating-bars__count">{{N}} <span class="muted">({{PERCENT}}%)</span></td>
        </tr>{{/STAR_ROW}}
        </tbody>
      </table>
    </div>
    {{/HAS_RATINGS}}
    {{#NO_RATINGS}}<p class="muted">No ratings yet. Be the first to tell other readers what you thought.</p>{{/NO_RATINGS}}
    <div class="reviews__mine">
      {{#CAN_WRITE}}<a class="button" href="/books/{{SLUG}}/review">Write a review</a>{{/CAN_WRITE}}
      {{#LOGGED_OUT}}<a class="button button--quiet" href="{{LOGIN_URL}}">Log in to write a review</a>{{/LOGGED_OUT}}
      {{#OWN_REVIEW}}
      <div class="review review--own card" id="your-review">
        <h3 class="review__label">Your review</h3>
        {{#PENDING}}<p class="badge badge--pending">Waiting for a moderator</p>{{/PENDING}}
        {{#REJECTED}}<p class="badge badge--rejected">Not published: edit it and a moderator will look again</p>{{/REJECTED}}
        <p class="review__stars"><span class="stars" aria-hidden="true">{{STARS}}</span><span class="visually-hidden">Rated {{RATING}} out of 5</span></p>
        <p class="review__title">{{TITLE}}</p>
        <div class="review__actions">
          <a class="button button--small button--quiet" href="/books/{{SLUG}}/review">Edit</a>
          <form action="/books/{{SLUG}}/review/delete" method="post" class="inline-form">
            <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
            <button type="submit" class="link-button">Delete</button>
          </form>
        </div>
      </div>
      {{/OWN_REVIEW}}
    </div>
  </div>
  <nav class="review-sort" aria-label="Sort reviews">
    <span class="muted">Sort by</span>
    {{#SORT}}<a href="{{URL}}"{{#CURRENT}} aria-current="true" class="is-current"{{/CURRENT}}>{{LABEL}}</a>{{/SORT}}
  </nav>
  {{#NO_REVIEWS}}<p class="empty">No published reviews yet.</p>{{/NO_REVIEWS}}
  <ol class="review-list">
  {{#REVIEW}}
    <li>
    <article class="review" id="review-{{ID}}" aria-labelledby="review-{{ID}}-title">
      <p class="review__stars"><span class="stars" aria-hidden="true">{{STARS}}</span><span class="visually-hidden">Rated {{RATING}} out of 5</span></p>
      <h3 class="review__title" id="review-{{ID}}-title">{{TITLE}}</h3>
      <p class="review__meta">{{REVIEWER}} · <time>{{DATE}}</time>{{#EDITED}} · edited{{/EDITED}}{{#VERIFIED}} <span class="badge badge--verified">✓ Verified purchase</span>{{/VERIFIED}}</p>
      <div class="review__body">{{#PARAGRAPH}}<p>{{TEXT}}</p>{{/PARAGRAPH}}</div>
      {{#HAS_REPLY}}<div class="review__reply"><p class="review__reply-label">Reply from Bookfair</p>{{#PARAGRAPH}}<p>{{TEXT}}</p>{{/PARAGRAPH}}</div>{{/HAS_REPLY}}
      <div class="review__actions">
        <span class="muted">{{HELPFUL_TEXT}}</span>
        {{#CAN_VOTE}}<form action="/reviews/{{ID}}/helpful" method="post" class="inline-form">
          <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
          <input type="hidden" name="reviews" value="{{REVIEW_SORT}}">
          <button type="submit" class="button button--small button--quiet">Helpful<span class="visually-hidden">: {{TITLE}}</span></button>
        </form>{{/CAN_VOTE}}
        {{#VOTED}}<span class="badge badge--ok">You found this helpful</span>{{/VOTED}}
        {{#IS_OWN}}<span class="badge">Your review</span>{{/IS_OWN}}
        {{#CAN_REPORT}}<a class="review__report" href="/reviews/{{ID}}/report">Report<span class="visually-hidden"> the review “{{TITLE}}”</span></a>{{/CAN_REPORT}}
      </div>
    </article>
    </li>
  {{/REVIEW}}
  </ol>
  <p class="pager">{{#HAS_FIRST}}<a class="button button--quiet" href="{{FIRST_URL}}">First reviews</a> {{/HAS_FIRST}}{{#HAS_NEXT}}<a class="button button--quiet" href="{{NEXT_URL}}">More reviews</a>{{/HAS_NEXT}}</p>
</section>

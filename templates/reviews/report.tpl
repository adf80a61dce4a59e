{{%AUTOESCAPE context="HTML"}}<section class="card form-card">
  <h1>Report a review</h1>
  <p class="muted">of <a href="{{BOOK_URL}}">{{BOOK_TITLE}}</a></p>
  <blockquote class="review review--quoted">
    <p class="review__stars"><span class="stars" aria-hidden="true">{{STARS}}</span><span class="visually-hidden">Rated {{RATING}} out of 5</span></p>
    <p class="review__title">{{TITLE}}</p>
    <p class="review__meta">{{REVIEWER}} · {{DATE}}</p>
    <div class="review__body">{{#PARAGRAPH}}<p>{{TEXT}}</p>{{/PARAGRAPH}}</div>
  </blockquote>
  {{>FORM_ERRORS}}
  <form action="/reviews/{{ID}}/report" method="post">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    {{>REASON_FIELD}}
{{>NOTE_FIELD}}
    <div class="form-actions">
      <button type="submit" class="button">Send report</button>
      <a href="{{BOOK_URL}}">Cancel</a>
    </div>
  </form>
</section>

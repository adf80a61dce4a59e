{{%AUTOESCAPE context="HTML"}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/books/{{SLUG}}">{{BOOK_TITLE}}</a></li><li aria-current="page">{{HEADING}}</li></ol></nav>
<section class="card form-card review-form">
  <h1>{{HEADING}}</h1>
  <p class="muted">of <a href="/books/{{SLUG}}">{{BOOK_TITLE}}</a></p>
  {{#MODERATED}}<p class="notice">Reviews are read by a moderator before they appear.</p>{{/MODERATED}}
  {{>FORM_ERRORS}}
  <form action="/books/{{SLUG}}/review" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <fieldset class="star-picker{{#HAS_RATING_ERROR}} field--error{{/HAS_RATING_ERROR}}"{{#HAS_RATING_ERROR}} aria-describedby="field-rating-error"{{/HAS_RATING_ERROR}}>
      <legend>Your rating</legend>
      {{#STAR_OPTION}}<label class="star-picker__option"><input type="radio" name="rating" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}} required> <span class="stars" aria-hidden="true">{{STARS}}</span> <span>{{LABEL}}</span></label>
      {{/STAR_OPTION}}
      {{#HAS_RATING_ERROR}}<p class="field-error" id="field-rating-error">{{RATING_ERROR}}</p>{{/HAS_RATING_ERROR}}
    </fieldset>
    {{>TITLE_FIELD}}
{{>BODY_FIELD}}
    <div class="form-actions">
      <button type="submit" class="button">{{#EDITING}}Save changes{{/EDITING}}{{#NEW_REVIEW}}Publish review{{/NEW_REVIEW}}</button>
      <a href="/books/{{SLUG}}">Cancel</a>
    </div>
  </form>
</section>

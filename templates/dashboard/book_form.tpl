{{%AUTOESCAPE context="HTML"}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/dashboard/books">Your books</a></li><li aria-current="page">{{HEADING}}</li></ol></nav>
<section class="card book-form">
  <h1>{{HEADING}}</h1>
  {{#EDITING}}<p>Status: <span class="badge badge--{{STATUS}}">{{STATUS}}</span> · <a href="{{EBOOK_URL}}">Ebook edition: price and files</a></p>{{/EDITING}}
  {{>FORM_ERRORS}}
  <form action="{{ACTION}}" method="post" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <input type="hidden" name="stock_seen" value="{{STOCK_SEEN}}">
    <fieldset class="form-section">
      <legend>The book</legend>
      {{>TITLE_FIELD}}
      {{>SUBTITLE_FIELD}}
{{>DESCRIPTION_FIELD}}
      <div class="form-row">{{>CATEGORY_FIELD}}{{>LANGUAGE_FIELD}}</div>
      {{>TAGS_FIELD}}
      <div class="form-row">{{>ISBN_FIELD}}{{>PAGES_FIELD}}{{>DATE_FIELD}}</div>
    </fieldset>
    <fieldset class="form-section">
      <legend>Editions</legend>
      <div class="field edition-choice">
        <label><input type="radio" name="editions" value="print"{{#PRINT_CHECKED}} checked{{/PRINT_CHECKED}}> Printed copies (you can add an ebook edition as well)</label>
        <label><input type="radio" name="editions" value="ebook_only"{{#EBOOK_ONLY_CHECKED}} checked{{/EBOOK_ONLY_CHECKED}} aria-describedby="editions-hint"> Ebook only: no printed copies, no stock, nothing ships</label>
        <p class="hint" id="editions-hint">An ebook-only book's price below is its ebook's price. After saving, upload its files under “Ebook edition”.</p>
      </div>
    </fieldset>
    <fieldset class="form-section">
      <legend>Price and stock</legend>
      <div class="form-row">{{>PRICE_FIELD}}{{>SALE_PRICE_FIELD}}{{>CURRENCY_FIELD}}</div>
      <p class="hint">Stock and backorders are for printed copies; an ebook-only book ignores them.</p>
      <div class="form-row">{{>STOCK_FIELD}}{{>LOW_STOCK_FIELD}}</div>
      <div class="field checkbox"><label><input type="checkbox" name="allow_backorder" value="1"{{#BACKORDER_CHECKED}} checked{{/BACKORDER_CHECKED}}> Take orders when out of stock (backorder)</label></div>
      {{#CAN_FEATURE}}<div class="field checkbox"><label><input type="checkbox" name="featured" value="1"{{#FEATURED_CHECKED}} checked{{/FEATURED_CHECKED}}> Feature on the home page</label></div>{{/CAN_FEATURE}}
    </fieldset>
    <fieldset class="form-section">
      <legend>Cover</legend>
      {{#HAS_COVER}}<p class="current-cover"><img src="{{CURRENT_COVER}}" alt="The current cover" width="120" height="180"> Choose a new file to replace it.</p>{{/HAS_COVER}}
      <div class="field{{#HAS_COVER_ERROR}} field--error{{/HAS_COVER_ERROR}}">
        <label for="field-cover">Cover image</label>
        <p class="hint" id="field-cover-hint">JPEG, PNG or WebP, at most 5 MB. If the form shows an error, choose the file again.</p>
        <input id="field-cover" type="file" name="cover" accept="image/jpeg,image/png,image/webp" aria-describedby="field-cover-hint{{#HAS_COVER_ERROR}} field-cover-error{{/HAS_COVER_ERROR}}"{{#HAS_COVER_ERROR}} aria-invalid="true"{{/HAS_COVER_ERROR}}>
        {{#HAS_COVER_ERROR}}<p class="field-error" id="field-cover-error">{{COVER_ERROR}}</p>{{/HAS_COVER_ERROR}}
      </div>
      {{>COVER_ALT_FIELD}}
    </fieldset>
    <p class="actions"><button type="submit" class="button">{{SUBMIT}}</button> <a class="button button--quiet" href="/dashboard/books">Cancel</a></p>
  </form>
</section>

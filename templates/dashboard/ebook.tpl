{{%AUTOESCAPE context="HTML"}}<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="/dashboard/books">Your books</a></li><li><a href="{{BOOK_URL}}">{{TITLE}}</a></li><li aria-current="page">Ebook</li></ol></nav>
<section class="card book-form">
  <h1>Ebook of “{{TITLE}}”</h1>
  {{#HAS_EDITION}}<p>Status: <strong>{{STATE}}</strong>. Readers buy the ebook from the book's page; each buyer downloads its files from their library.</p>{{/HAS_EDITION}}
  {{#NO_EDITION}}<p>Sell this book as an ebook too: set its price, then upload its files.</p>{{/NO_EDITION}}
  {{>FORM_ERRORS}}
  <form action="{{ACTION}}" method="post" novalidate>
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <fieldset class="form-section">
      <legend>Price ({{CURRENCY}})</legend>
      <div class="form-row">{{>PRICE_FIELD}}{{>SALE_PRICE_FIELD}}</div>
      <div class="field checkbox"><label><input type="checkbox" name="for_sale" value="1"{{#FOR_SALE_CHECKED}} checked{{/FOR_SALE_CHECKED}}> For sale (readers who bought it keep their downloads either way)</label></div>
    </fieldset>
    <button type="submit" class="button">Save the ebook's price</button>
  </form>
</section>
{{#HAS_EDITION}}
<section class="card book-form" aria-labelledby="files-heading">
  <h2 id="files-heading">Files</h2>
  {{#NO_FILES}}<p class="muted">No files yet: the ebook goes on sale once it has a full file.</p>{{/NO_FILES}}
  {{#HAS_FILES}}
  <div class="table-scroll" tabindex="0">
  <table class="data-table">
    <caption class="visually-hidden">The ebook's files</caption>
    <thead><tr><th scope="col">Format</th><th scope="col">Kind</th><th scope="col" class="num">Version</th><th scope="col">Uploaded file</th><th scope="col" class="num">Size</th><th scope="col">Updated</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>
      {{#FILE}}
      <tr>
        <td>{{FORMAT}}</td><td>{{KIND}}</td><td class="num">{{VERSION}}</td><td>{{NAME}}</td><td class="num">{{SIZE}}</td><td>{{UPDATED}}</td>
        <td><form action="{{ACTION}}/files/{{FILE_ID}}/remove" method="post" class="inline-form"><input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}"><button type="submit" class="link-button">Remove<span class="visually-hidden"> the {{FORMAT}} {{KIND}}</span></button></form></td>
      </tr>
      {{/FILE}}
    </tbody>
  </table>
  </div>
  {{/HAS_FILES}}
  <form action="{{ACTION}}/files" method="post" enctype="multipart/form-data" novalidate class="upload-form">
    <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
    <h3>Upload a file</h3>
    <p class="hint">Uploading a format the ebook already has replaces that file: its version goes up and readers get the new one from their library.</p>
    {{>FORMAT_FIELD}}
    <div class="field{{#HAS_FILE_ERROR}} field--error{{/HAS_FILE_ERROR}}">
      <label for="field-file">File</label>
      <p class="hint" id="field-file-hint">EPUB, PDF, MOBI or ZIP, at most {{MAX_SIZE}}. If the form shows an error, choose the file again.</p>
      <input id="field-file" type="file" name="file" accept=".epub,.pdf,.mobi,.zip,application/epub+zip,application/pdf,application/zip" aria-describedby="field-file-hint{{#HAS_FILE_ERROR}} field-file-error{{/HAS_FILE_ERROR}}"{{#HAS_FILE_ERROR}} aria-invalid="true"{{/HAS_FILE_ERROR}}>
      {{#HAS_FILE_ERROR}}<p class="field-error" id="field-file-error">{{FILE_ERROR}}</p>{{/HAS_FILE_ERROR}}
    </div>
    <div class="field checkbox"><label><input type="checkbox" name="is_sample" value="1"{{#SAMPLE_CHECKED}} checked{{/SAMPLE_CHECKED}}> This is a free sample anyone may download from the book's page</label></div>
    <button type="submit" class="button">Upload</button>
  </form>
</section>
{{/HAS_EDITION}}

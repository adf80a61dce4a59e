{{%AUTOESCAPE context="HTML"}}<section class="library">
  <h1>Your library</h1>
  <p class="muted">Every ebook you have bought, with its latest files. Each file can be downloaded {{DAILY_CAP}} times a day; a download link works for {{LINK_MINUTES}}, so start it from this page.</p>
  {{#EMPTY}}<div class="card empty-state"><p class="lead">No ebooks yet.</p><p>Books with an ebook edition show “Add the ebook to cart” on their page.</p><p><a class="button" href="/books">Browse the books</a></p></div>{{/EMPTY}}
  {{#HAS_BOOKS}}
  <ul class="library-list">
    {{#BOOK}}
    <li class="card library-book" id="book-{{BOOK_ID}}">
      <a class="mini-cover" href="{{URL}}" tabindex="-1" aria-hidden="true">{{#COVER}}<img src="{{COVER_URL}}" alt="" width="56" height="84">{{/COVER}}{{#NO_COVER}}<span class="mini-cover__blank">{{TITLE}}</span>{{/NO_COVER}}</a>
      <div class="library-book__text">
        <h2 class="library-book__title"><a href="{{URL}}">{{TITLE}}</a></h2>
        <p class="muted">by {{AUTHOR}} · bought <time datetime="{{PURCHASED_ISO}}">{{PURCHASED}}</time> (order {{ORDER_NUMBER}})</p>
        {{#NO_FILES}}<p class="line-note">The author is preparing the files: they appear here once uploaded.</p>{{/NO_FILES}}
        <ul class="library-files">
          {{#FILE}}
          <li class="library-file">
            {{#CAN_DOWNLOAD}}<a class="button button--small" href="/library/files/{{FILE_ID}}">Download {{FORMAT}}<span class="visually-hidden"> of {{TITLE}}</span></a>{{/CAN_DOWNLOAD}}
            {{#CAPPED}}<span class="button button--small button--quiet" aria-disabled="true">{{FORMAT}}: limit reached today</span>{{/CAPPED}}
            <span class="muted small">version {{VERSION}} of {{UPDATED}} · {{SIZE}} · {{LEFT_TODAY}} of {{DAILY_CAP}} downloads left today</span>
          </li>
          {{/FILE}}
        </ul>
      </div>
    </li>
    {{/BOOK}}
  </ul>
  {{/HAS_BOOKS}}
</section>

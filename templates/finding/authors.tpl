{{%AUTOESCAPE context="HTML"}}<h1>Authors</h1>
<p class="muted">Everyone who sells their own books here, from A to Z.</p>
{{#NO_AUTHORS}}<p class="empty">No authors on this page. <a href="/authors">Back to the start</a>.</p>{{/NO_AUTHORS}}
<ul class="authors-index">
{{#AUTHOR}}<li><a href="{{URL}}">{{NAME}}</a> <span class="muted">{{BOOKS}}</span></li>
{{/AUTHOR}}</ul>
<nav class="pagination" aria-label="Pages">
  {{#HAS_FIRST}}<a class="button button--quiet" href="/authors">« First page</a>{{/HAS_FIRST}}
  {{#HAS_NEXT}}<a class="button" rel="next" href="{{NEXT_URL}}">Next page »</a>{{/HAS_NEXT}}
</nav>

{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Audit log</h1>
  {{>ADMIN_NAV}}
  {{#EMPTY}}<p class="empty">No admin actions yet.</p>{{/EMPTY}}
  <table class="data-table">
    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
    <tbody>
      {{#AUDIT}}<tr><td>{{WHEN}}</td><td>{{ACTOR}}</td><td>{{ACTION}}</td><td>{{SUBJECT}}</td><td><code>{{BEFORE}}</code></td><td><code>{{AFTER}}</code></td></tr>{{/AUDIT}}
    </tbody>
  </table>
  {{#HAS_MORE}}<p class="pager"><a class="button button--quiet" href="/admin/audit?before={{NEXT_BEFORE}}">Older entries</a></p>{{/HAS_MORE}}
</div>

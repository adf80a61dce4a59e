{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Audit log</h1>
  {{>ADMIN_NAV}}
  {{#EMPTY_AUDIT}}<p class="empty">No admin actions yet.</p>{{/EMPTY_AUDIT}}
  {{>AUDIT_TABLE}}
  {{#HAS_MORE}}<p class="pager"><a class="button button--quiet" href="/admin/audit?before={{NEXT_BEFORE}}">Older entries</a></p>{{/HAS_MORE}}
</div>

{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Admin console</h1>
  {{>ADMIN_NAV}}
  <section aria-labelledby="people-heading">
    <h2 id="people-heading">People</h2>
    <ul class="stat-grid">
      <li class="stat"><span class="stat-value">{{CUSTOMERS}}</span><span class="stat-label">readers</span></li>
      <li class="stat"><span class="stat-value">{{AUTHORS}}</span><span class="stat-label">authors</span></li>
      <li class="stat"><span class="stat-value">{{ADMINS}}</span><span class="stat-label">administrators</span></li>
      <li class="stat"><span class="stat-value">{{INACTIVE}}</span><span class="stat-label">deactivated</span></li>
    </ul>
  </section>
  <section aria-labelledby="recent-heading">
    <h2 id="recent-heading">Recent admin actions</h2>
    {{#EMPTY_AUDIT}}<p class="empty">No admin actions yet.</p>{{/EMPTY_AUDIT}}
    {{>AUDIT_TABLE}}
    <p><a href="/admin/audit">The whole audit log</a></p>
  </section>
</div>

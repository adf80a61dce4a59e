{{%AUTOESCAPE context="HTML"}}<div class="admin">
  <h1>Pages</h1>
  {{>ADMIN_NAV}}
  <p class="muted">The shop’s own pages, linked from the footer of every page.</p>
  <div class="table-scroll" tabindex="0">
  <table class="data-table">
    <thead><tr><th scope="col">Page</th><th scope="col">Summary</th><th scope="col">Last edited</th></tr></thead>
    <tbody>
      {{#PAGE}}<tr><td><a href="/admin/pages/{{SLUG}}">{{TITLE}}</a><br><span class="muted small">/pages/{{SLUG}}</span></td><td>{{SUMMARY}}</td><td class="nowrap">{{UPDATED}}</td></tr>
      {{/PAGE}}
    </tbody>
  </table>
  </div>
</div>

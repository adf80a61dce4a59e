{{%AUTOESCAPE context="HTML"}}<div class="table-scroll" tabindex="0">
<table class="data-table audit-table">
  <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
  <tbody>
    {{#AUDIT}}<tr><td class="nowrap">{{WHEN}}</td><td>{{ACTOR}}</td><td class="audit-action"><code>{{ACTION}}</code></td><td class="nowrap">{{SUBJECT}}</td><td><code>{{BEFORE}}</code></td><td><code>{{AFTER}}</code></td></tr>
    {{/AUDIT}}
  </tbody>
</table>
</div>

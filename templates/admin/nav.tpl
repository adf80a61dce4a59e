{{%AUTOESCAPE context="HTML"}}<nav class="admin-nav" aria-label="Admin sections">
  <ul>
    {{#SECTION}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>{{/SECTION}}
  </ul>
</nav>

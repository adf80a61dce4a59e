{{%AUTOESCAPE context="HTML"}}<ul class="category-tree">
  {{#CATEGORY}}<li><a href="{{URL}}">{{NAME}}</a>{{>CHILDREN}}</li>
  {{/CATEGORY}}
</ul>

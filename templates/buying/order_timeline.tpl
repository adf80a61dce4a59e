{{%AUTOESCAPE context="HTML"}}<ol class="timeline">
  {{#EVENT}}<li><span class="timeline__status">{{STATUS}}</span> <time datetime="{{DATE_ISO}}" class="muted small">{{DATE}}</time>{{#HAS_ACTOR}} <span class="muted small">by {{ACTOR}}</span>{{/HAS_ACTOR}}<p>{{NOTE}}</p></li>{{/EVENT}}
</ol>

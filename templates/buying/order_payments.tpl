{{%AUTOESCAPE context="HTML"}}<ul class="payments">
  {{#PAYMENT}}<li><span>#{{ATTEMPT}} · {{CARD}} · {{AMOUNT}}</span> <span class="status status--{{RESULT_CLASS}}">{{RESULT}}</span><br><span class="muted small">{{DATE}}</span></li>{{/PAYMENT}}
</ul>

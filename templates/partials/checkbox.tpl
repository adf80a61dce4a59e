{{%AUTOESCAPE context="HTML"}}<div class="field field--checkbox{{#HAS_ERROR}} field--error{{/HAS_ERROR}}">
  <label class="checkbox"><input type="checkbox" id="{{ID}}" name="{{NAME}}" value="1"{{#CHECKED}} checked{{/CHECKED}}{{#HAS_ERROR}} aria-invalid="true" aria-describedby="{{ID}}-error"{{/HAS_ERROR}}> {{LABEL}}</label>
  {{#HAS_ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR}}</p>{{/HAS_ERROR}}
</div>

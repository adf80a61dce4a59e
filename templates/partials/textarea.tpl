{{%AUTOESCAPE context="HTML"}}<div class="field{{#HAS_ERROR}} field--error{{/HAS_ERROR}}">
  <label for="{{ID}}">{{LABEL}}</label>
  {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
  <textarea id="{{ID}}" name="{{NAME}}" rows="{{ROWS}}"{{#HAS_MAXLENGTH}} maxlength="{{MAXLENGTH}}"{{/HAS_MAXLENGTH}}{{#REQUIRED}} required{{/REQUIRED}}{{#HAS_ERROR}} aria-invalid="true" aria-describedby="{{ID}}-error"{{/HAS_ERROR}}>{{VALUE:pre_escape}}</textarea>
  {{#HAS_ERROR}}<p class="field-error" id="{{ID}}-error">{{ERROR}}</p>{{/HAS_ERROR}}
</div>

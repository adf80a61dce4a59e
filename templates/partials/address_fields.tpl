{{%AUTOESCAPE context="HTML"}}{{>FIELD_FULL_NAME}}
{{>FIELD_LINE1}}
{{>FIELD_LINE2}}
<div class="field-pair">
  {{>FIELD_CITY}}
  {{>FIELD_REGION}}
</div>
<div class="field-pair">
  {{>FIELD_POSTAL_CODE}}
  <div class="field{{#HAS_COUNTRY_ERROR}} field--error{{/HAS_COUNTRY_ERROR}}">
    <label for="field-country">Country</label>
    <select id="field-country" name="country" autocomplete="country"{{#HAS_COUNTRY_ERROR}} aria-invalid="true" aria-describedby="field-country-error"{{/HAS_COUNTRY_ERROR}}>
      {{#COUNTRY}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/COUNTRY}}
    </select>
    {{#HAS_COUNTRY_ERROR}}<p class="field-error" id="field-country-error">{{COUNTRY_ERROR}}</p>{{/HAS_COUNTRY_ERROR}}
  </div>
</div>
{{>FIELD_PHONE}}

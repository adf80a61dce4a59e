{{%AUTOESCAPE context="HTML"}}{{#SAVED_ADDRESS}}
<label class="choice-card"><input type="radio" name="address_choice" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <span><strong>{{NAME}}</strong><br><span class="muted">{{TEXT}}</span></span></label>
{{/SAVED_ADDRESS}}
{{#HAS_SAVED}}
<label class="choice-card"><input type="radio" name="address_choice" value="new"{{#NEW_CHECKED}} checked{{/NEW_CHECKED}}> <span><strong>A new address</strong><br><span class="muted">Fill in the form below.</span></span></label>
{{/HAS_SAVED}}
{{#NO_SAVED}}<input type="hidden" name="address_choice" value="new">{{/NO_SAVED}}
<div class="new-address{{#NO_SAVED}} new-address--alone{{/NO_SAVED}}">
  {{>FIELD_FULL_NAME}}
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
  <label class="checkbox"><input type="checkbox" name="save_address" value="1"{{#SAVE_CHECKED}} checked{{/SAVE_CHECKED}}> Save this address to my address book</label>
</div>

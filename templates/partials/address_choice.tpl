{{%AUTOESCAPE context="HTML"}}{{#SAVED_ADDRESS}}
<label class="choice-card"><input type="radio" name="address_choice" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> <span><strong>{{NAME}}</strong><br><span class="muted">{{TEXT}}</span></span></label>
{{/SAVED_ADDRESS}}
{{#HAS_SAVED}}
<label class="choice-card"><input type="radio" name="address_choice" value="new"{{#NEW_CHECKED}} checked{{/NEW_CHECKED}}> <span><strong>A new address</strong><br><span class="muted">Fill in the form below.</span></span></label>
{{/HAS_SAVED}}
{{#NO_SAVED}}<input type="hidden" name="address_choice" value="new">{{/NO_SAVED}}
<div class="new-address{{#NO_SAVED}} new-address--alone{{/NO_SAVED}}">
  {{>ADDRESS_FIELDS}}
  <label class="checkbox"><input type="checkbox" name="save_address" value="1"{{#SAVE_CHECKED}} checked{{/SAVE_CHECKED}}> Save this address to my address book</label>
</div>

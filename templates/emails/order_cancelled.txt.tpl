Hello {{NAME}},

Your order {{NUMBER}} is cancelled.
{{#ITEM}}
  {{QUANTITY}} x {{TITLE}}{{/ITEM}}

{{#HAS_AMOUNT}}We have refunded {{AMOUNT}} to the card you paid with. It usually shows on your statement within 5 to 10 working days.
{{/HAS_AMOUNT}}{{#NOTHING_CHARGED}}Nothing was charged for it.
{{/NOTHING_CHARGED}}
See your order at any time: {{LINK}}

{{>EMAIL_FOOTER}}

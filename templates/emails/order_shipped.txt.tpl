Hello {{NAME}},

Good news: your order {{NUMBER}} has shipped.
{{#ITEM}}
  {{QUANTITY}} x {{TITLE}}{{/ITEM}}

Carrier: {{CARRIER}}
Tracking number: {{TRACKING_NUMBER}}
Follow the parcel: {{TRACKING_LINK}}

Shipping to: {{SHIP_TO}}

See your order at any time: {{LINK}}

{{>EMAIL_FOOTER}}

Hello {{NAME}},

Thank you for your order. Your payment was received on {{DATE}}{{#HAS_CARD}} ({{CARD}}){{/HAS_CARD}}.

Order {{NUMBER}}
{{#ITEM}}
  {{TITLE}}
    {{QUANTITY}} x {{UNIT_PRICE}} = {{LINE_TOTAL}}{{#HAS_BACKORDER}} ({{BACKORDERED}} on backorder: ships when restocked){{/HAS_BACKORDER}}
{{/ITEM}}

Subtotal: {{SUBTOTAL}}
{{#HAS_DISCOUNT}}Discount ({{COUPON}}): -{{DISCOUNT}}
{{/HAS_DISCOUNT}}Shipping ({{METHOD}}): {{SHIPPING}}
Tax: {{TAX}}
Total paid: {{TOTAL}}

Shipping to: {{SHIP_TO}}

See your order at any time: {{LINK}}

{{>EMAIL_FOOTER}}
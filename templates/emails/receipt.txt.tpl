Hello {{NAME}},

Thank you for your order {{ORDER_NUMBER}}, paid on {{PAID_AT}}.

{{#ITEM}}  {{TITLE}}: {{QUANTITY}} x {{UNIT_PRICE}} = {{LINE_TOTAL}}
{{/ITEM}}
Subtotal: {{SUBTOTAL}}
{{#HAS_DISCOUNT}}Discount: -{{DISCOUNT}}
{{/HAS_DISCOUNT}}Total paid: {{TOTAL}}

Your order: {{ORDER_LINK}}

-- Bookfair

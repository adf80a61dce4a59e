Hello {{NAME}},

Thank you for your order. Your payment was received on {{DATE}}{{#HAS_CARD}} ({{CARD}}){{/HAS_CARD}}.

Order {{NUMBER}}
{{#ITEM}}
  {{TITLE}}
    {{#PRINT}}{{QUANTITY}} x {{UNIT_PRICE}} = {{LINE_TOTAL}}{{/PRINT}}{{#EBOOK}}Ebook: {{LINE_TOTAL}}{{/EBOOK}}{{#HAS_BACKORDER}} ({{BACKORDERED}} on backorder: ships when restocked){{/HAS_BACKORDER}}
{{/ITEM}}

Subtotal: {{SUBTOTAL}}
{{#HAS_DISCOUNT}}Discount ({{COUPON}}): -{{DISCOUNT}}
{{/HAS_DISCOUNT}}{{#SHIPS}}Shipping ({{METHOD}}): {{SHIPPING}}
{{/SHIPS}}Tax: {{TAX}}
Total paid: {{TOTAL}}

{{#SHIPS}}Shipping to: {{SHIP_TO}}
{{/SHIPS}}{{#HAS_EBOOKS}}Your ebooks are in your library, ready to download: {{LIBRARY_LINK}}
{{/HAS_EBOOKS}}
See your order at any time: {{LINK}}

{{>EMAIL_FOOTER}}
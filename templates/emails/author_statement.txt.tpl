Hello {{NAME}},

Your royalty statement for {{MONTH}}:
{{#CURRENCY}}
In {{CODE}}:
{{#LINE}}  {{LABEL}}: {{AMOUNT}}
{{/LINE}}
{{#BOOK}}  {{TITLE}}: sales {{SALES}}, refunds {{REFUNDS}}, commission {{COMMISSION}}, royalty {{ROYALTY}}
{{/BOOK}}{{/CURRENCY}}
The statement, to print or download as CSV: {{LINK}}

You receive this because you sell books on Bookfair. Stop these emails: {{UNSUBSCRIBE}}

-- Bookfair

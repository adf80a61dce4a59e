Hello {{NAME}},

Your revenue for {{MONTH}}, beside {{PREVIOUS_MONTH}}:

{{#BOOK}}  {{TITLE}}: {{REVENUE}} ({{UNITS}} sold{{#SPLIT}}: print {{PRINT}}; ebook {{EBOOK}}{{/SPLIT}}); {{PREVIOUS_MONTH}}: {{PREVIOUS_REVENUE}} ({{PREVIOUS_UNITS}} sold)
{{/BOOK}}
Total for {{MONTH}}: {{TOTAL_REVENUE}} ({{TOTAL_UNITS}} sold)
{{#EDITIONS}}  Printed copies in {{MONTH}}: {{PRINT}}
  Ebooks in {{MONTH}}: {{EBOOK}}
{{/EDITIONS}}Total for {{PREVIOUS_MONTH}}: {{PREVIOUS_TOTAL_REVENUE}} ({{PREVIOUS_TOTAL_UNITS}} sold)

Your dashboard: {{DASHBOARD}}

You receive this because you sell books on Bookfair. Stop these emails: {{UNSUBSCRIBE}}

{{>EMAIL_FOOTER}}
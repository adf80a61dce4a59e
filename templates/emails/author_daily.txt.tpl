Hello {{NAME}},

Your sales on {{DATE}} (UTC), book by book:

{{#BOOK}}  {{TITLE}}: {{UNITS}} sold, {{REVENUE}}{{#SPLIT}} (print {{PRINT}}; ebook {{EBOOK}}){{/SPLIT}}
{{/BOOK}}
Total for the day: {{TOTAL_UNITS}} sold, {{TOTAL_REVENUE}}
{{#EDITIONS}}  Printed copies: {{PRINT}}
  Ebooks: {{EBOOK}}
{{/EDITIONS}}
Your dashboard: {{DASHBOARD}}

You receive this because you sell books on Bookfair. Stop these emails: {{UNSUBSCRIBE}}

{{>EMAIL_FOOTER}}
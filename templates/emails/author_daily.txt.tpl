Hello {{NAME}},

Your sales on {{DATE}} (UTC), book by book:

{{#BOOK}}  {{TITLE}}: {{UNITS}} sold, {{REVENUE}}
{{/BOOK}}
Total for the day: {{TOTAL_UNITS}} sold, {{TOTAL_REVENUE}}

Your dashboard: {{DASHBOARD}}

You receive this because you sell books on Bookfair. Stop these emails: {{UNSUBSCRIBE}}

{{>EMAIL_FOOTER}}
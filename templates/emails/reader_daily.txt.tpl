Hello {{NAME}},

New on Bookfair in the last 24 hours:

{{#BOOK}}  {{TITLE}} by {{AUTHOR}}, {{PRICE}}
  {{LINK}}
{{/BOOK}}
You receive this because you asked for new books by email. Stop these emails: {{UNSUBSCRIBE}}

{{>EMAIL_FOOTER}}
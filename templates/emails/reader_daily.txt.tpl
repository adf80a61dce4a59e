Hello {{NAME}},

New on Bookfair in the last 24 hours:

{{#BOOK}}  {{TITLE}} by {{AUTHOR}}, {{PRICE}}
  {{LINK}}
{{/BOOK}}
You receive this because the newsletter is on in your Bookfair email settings. Stop these emails: {{UNSUBSCRIBE}}

{{>EMAIL_FOOTER}}
Hello {{NAME}},

We held the books of your order {{NUMBER}} for you, but the payment was not completed in time, so the order is cancelled and the books went back on the shelf. Nothing was charged.
{{#ITEM}}
  {{QUANTITY}} x {{TITLE}}{{/ITEM}}

Still want them? Add them to your cart again: {{BOOKS_LINK}}

See the order: {{LINK}}

{{>EMAIL_FOOTER}}

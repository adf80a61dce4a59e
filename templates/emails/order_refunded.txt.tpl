Hello {{NAME}},

We have refunded {{AMOUNT}} for your order {{NUMBER}} to the card you paid with.{{#IN_FULL}} The order is refunded in full.{{/IN_FULL}}
It usually shows on your statement within 5 to 10 working days.

Refunded so far: {{REFUNDED}} of {{TOTAL}}.

See your order at any time: {{LINK}}

{{>EMAIL_FOOTER}}

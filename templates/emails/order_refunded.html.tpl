{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">{{AMOUNT}} refunded</h1>
<p>Hello {{NAME}}, we have refunded {{AMOUNT}} for your order {{NUMBER}} to the card you paid with.{{#IN_FULL}} The order is refunded in full.{{/IN_FULL}} It usually shows on your statement within 5 to 10 working days.</p>
<p>Refunded so far: {{REFUNDED}} of {{TOTAL}}.</p>
<p><a href="{{LINK}}" style="color: #8a3b12;">See your order</a></p>
{{>EMAIL_BOTTOM}}

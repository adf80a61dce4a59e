{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">Your order is cancelled</h1>
<p>Hello {{NAME}}, your order {{NUMBER}} is cancelled.</p>
<ul>{{#ITEM}}<li>{{QUANTITY}} × {{TITLE}}</li>{{/ITEM}}</ul>
{{#HAS_AMOUNT}}<p>We have refunded <strong>{{AMOUNT}}</strong> to the card you paid with. It usually shows on your statement within 5 to 10 working days.</p>{{/HAS_AMOUNT}}
{{#NOTHING_CHARGED}}<p>Nothing was charged for it.</p>{{/NOTHING_CHARGED}}
<p><a href="{{LINK}}" style="color: #8a3b12;">See your order</a></p>
{{>EMAIL_BOTTOM}}

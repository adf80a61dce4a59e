{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">Your order is on its way</h1>
<p>Hello {{NAME}}, good news: your order {{NUMBER}} has shipped.</p>
<ul>{{#ITEM}}<li>{{QUANTITY}} × {{TITLE}}</li>{{/ITEM}}</ul>
<p>Carrier: <strong>{{CARRIER}}</strong><br>Tracking number: <strong>{{TRACKING_NUMBER}}</strong></p>
<p><a href="{{TRACKING_LINK}}" style="background: #8a3b12; color: #fff; padding: 10px 18px; border-radius: 6px; text-decoration: none;">Track your parcel</a></p>
<p>Shipping to: {{SHIP_TO}}</p>
<p><a href="{{LINK}}" style="color: #8a3b12;">See your order</a></p>
{{>EMAIL_BOTTOM}}

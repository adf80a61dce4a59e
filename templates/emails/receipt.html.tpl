{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">Thank you, {{NAME}}</h1>
<p>Your payment was received on {{DATE}}{{#HAS_CARD}} ({{CARD}}){{/HAS_CARD}}.</p>
<h2 style="font-size: 18px;">Order {{NUMBER}}</h2>
<table style="width: 100%; border-collapse: collapse;">
{{#ITEM}}<tr><td style="padding: 6px 0; border-bottom: 1px solid #e4ddd2;">{{TITLE}}<br><small>{{#PRINT}}{{QUANTITY}} × {{UNIT_PRICE}}{{/PRINT}}{{#EBOOK}}Ebook{{/EBOOK}}{{#HAS_BACKORDER}} · {{BACKORDERED}} on backorder{{/HAS_BACKORDER}}</small></td><td style="text-align: right; border-bottom: 1px solid #e4ddd2;">{{LINE_TOTAL}}</td></tr>
{{/ITEM}}
<tr><td style="padding-top: 8px;">Subtotal</td><td style="text-align: right; padding-top: 8px;">{{SUBTOTAL}}</td></tr>
{{#HAS_DISCOUNT}}<tr><td>Discount ({{COUPON}})</td><td style="text-align: right;">−{{DISCOUNT}}</td></tr>{{/HAS_DISCOUNT}}
{{#SHIPS}}<tr><td>Shipping ({{METHOD}})</td><td style="text-align: right;">{{SHIPPING}}</td></tr>{{/SHIPS}}
<tr><td>Tax</td><td style="text-align: right;">{{TAX}}</td></tr>
<tr><td><strong>Total paid</strong></td><td style="text-align: right;"><strong>{{TOTAL}}</strong></td></tr>
</table>
{{#SHIPS}}<p>Shipping to: {{SHIP_TO}}</p>{{/SHIPS}}
{{#HAS_EBOOKS}}<p>Your ebooks are in your library, ready to download: <a href="{{LIBRARY_LINK}}" style="color: #8a3b12;">{{LIBRARY_LINK}}</a></p>{{/HAS_EBOOKS}}
<p><a href="{{LINK}}" style="color: #8a3b12;">See your order</a></p>
{{>EMAIL_BOTTOM}}

{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">Your order was cancelled</h1>
<p>Hello {{NAME}}, we held the books of your order {{NUMBER}} for you, but the payment was not completed in time, so the order is cancelled and the books went back on the shelf. Nothing was charged.</p>
<ul>{{#ITEM}}<li>{{QUANTITY}} × {{TITLE}}</li>{{/ITEM}}</ul>
<p>Still want them? <a href="{{BOOKS_LINK}}" style="color: #8a3b12;">Find them again</a> and add them to your cart.</p>
<p><a href="{{LINK}}" style="color: #8a3b12;">See the order</a></p>
{{>EMAIL_BOTTOM}}

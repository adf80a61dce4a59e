{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en"><body style="font-family: Georgia, serif; color: #1f2933; max-width: 560px; margin: 0 auto; padding: 24px;">
<h1 style="font-size: 22px;">Thank you for your order</h1>
<p>Hello {{NAME}}, this is your receipt for order <strong>{{ORDER_NUMBER}}</strong>, paid on {{PAID_AT}}.</p>
<table style="border-collapse: collapse; width: 100%;">
<thead><tr><th align="left">Book</th><th align="right">Qty</th><th align="right">Price</th><th align="right">Amount</th></tr></thead>
<tbody>
{{#ITEM}}<tr><td>{{TITLE}}</td><td align="right">{{QUANTITY}}</td><td align="right">{{UNIT_PRICE}}</td><td align="right">{{LINE_TOTAL}}</td></tr>
{{/ITEM}}</tbody>
<tfoot>
<tr><td colspan="3" align="right">Subtotal</td><td align="right">{{SUBTOTAL}}</td></tr>
{{#HAS_DISCOUNT}}<tr><td colspan="3" align="right">Discount</td><td align="right">-{{DISCOUNT}}</td></tr>
{{/HAS_DISCOUNT}}<tr><th colspan="3" align="right">Total paid</th><th align="right">{{TOTAL}}</th></tr>
</tfoot>
</table>
<p><a href="{{ORDER_LINK}}">See your order</a></p>
</body></html>

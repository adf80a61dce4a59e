{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en"><body style="font-family: Georgia, serif; color: #1f2933; max-width: 560px; margin: 0 auto; padding: 24px;">
<h1 style="font-size: 22px;">Your statement for {{MONTH}}</h1>
<p>Hello {{NAME}}, here is what you earned and were paid in {{MONTH}}.</p>
{{#CURRENCY}}<h2 style="font-size: 18px;">In {{CODE}}</h2>
<table style="border-collapse: collapse; width: 100%;">
<tbody>
{{#LINE}}<tr><td>{{LABEL}}</td><td align="right">{{AMOUNT}}</td></tr>
{{/LINE}}</tbody>
</table>
<table style="border-collapse: collapse; width: 100%; margin-top: 12px;">
<thead><tr><th align="left">Book</th><th align="right">Sales</th><th align="right">Refunds</th><th align="right">Commission</th><th align="right">Royalty</th></tr></thead>
<tbody>
{{#BOOK}}<tr><td>{{TITLE}}</td><td align="right">{{SALES}}</td><td align="right">{{REFUNDS}}</td><td align="right">{{COMMISSION}}</td><td align="right">{{ROYALTY}}</td></tr>
{{/BOOK}}</tbody>
</table>
{{/CURRENCY}}
<p><a href="{{LINK}}">The statement, to print or download as CSV</a></p>
<p style="color: #52606d; font-size: 13px;">You receive this because you sell books on Bookfair. <a href="{{UNSUBSCRIBE}}">Stop these emails</a>.</p>
</body></html>

{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px;">Your revenue for {{MONTH}}</h1>
<p>Hello {{NAME}}, here is {{MONTH}} book by book, beside {{PREVIOUS_MONTH}}.</p>
<table style="border-collapse: collapse; width: 100%;">
<thead><tr><th align="left">Book</th><th align="right">{{MONTH}}</th><th align="right">{{PREVIOUS_MONTH}}</th></tr></thead>
<tbody>
{{#BOOK}}<tr><td>{{TITLE}}{{#SPLIT}}<br><span style="color: #52606d; font-size: 13px;">{{MONTH}}: print {{PRINT}}; ebook {{EBOOK}}</span>{{/SPLIT}}</td><td align="right">{{REVENUE}} ({{UNITS}})</td><td align="right">{{PREVIOUS_REVENUE}} ({{PREVIOUS_UNITS}})</td></tr>
{{/BOOK}}</tbody>
<tfoot><tr><th align="left">Total</th><th align="right">{{TOTAL_REVENUE}} ({{TOTAL_UNITS}})</th><th align="right">{{PREVIOUS_TOTAL_REVENUE}} ({{PREVIOUS_TOTAL_UNITS}})</th></tr></tfoot>
</table>
{{#EDITIONS}}<p>{{MONTH}} by edition: printed copies {{PRINT}}; ebooks {{EBOOK}}.</p>{{/EDITIONS}}
<p><a href="{{DASHBOARD}}">Your author dashboard</a></p>
<p style="color: #52606d; font-size: 13px;">You receive this because you sell books on Bookfair. <a href="{{UNSUBSCRIBE}}">Stop these emails</a>.</p>
{{>EMAIL_BOTTOM}}

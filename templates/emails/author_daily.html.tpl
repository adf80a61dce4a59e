{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px;">Your sales on {{DATE}}</h1>
<p>Hello {{NAME}}, here is what sold that day (UTC).</p>
<table style="border-collapse: collapse; width: 100%;">
<thead><tr><th align="left">Book</th><th align="right">Sold</th><th align="right">Revenue</th></tr></thead>
<tbody>
{{#BOOK}}<tr><td>{{TITLE}}{{#SPLIT}}<br><span style="color: #52606d; font-size: 13px;">print {{PRINT}}; ebook {{EBOOK}}</span>{{/SPLIT}}</td><td align="right">{{UNITS}}</td><td align="right">{{REVENUE}}</td></tr>
{{/BOOK}}</tbody>
<tfoot><tr><th align="left">Total</th><th align="right">{{TOTAL_UNITS}}</th><th align="right">{{TOTAL_REVENUE}}</th></tr></tfoot>
</table>
{{#EDITIONS}}<p>By edition: printed copies {{PRINT}}; ebooks {{EBOOK}}.</p>{{/EDITIONS}}
<p><a href="{{DASHBOARD}}">Your author dashboard</a></p>
<p style="color: #52606d; font-size: 13px;">You receive this because you sell books on Bookfair. <a href="{{UNSUBSCRIBE}}">Stop these emails</a>.</p>
{{>EMAIL_BOTTOM}}

{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px;">New on Bookfair</h1>
<p>Hello {{NAME}}, these books arrived in the last 24 hours.</p>
<ul style="padding-left: 18px;">
{{#BOOK}}<li style="margin-bottom: 8px;"><a href="{{LINK}}">{{TITLE}}</a> by {{AUTHOR}}, {{PRICE}}</li>
{{/BOOK}}</ul>
<p style="color: #52606d; font-size: 13px;">You receive this because the newsletter is on in your Bookfair email settings. <a href="{{UNSUBSCRIBE}}">Stop these emails</a>.</p>
{{>EMAIL_BOTTOM}}

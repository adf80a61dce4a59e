{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px;">Welcome to Bookfair, {{NAME}}</h1>
<p>Please confirm that {{EMAIL}} is your email address.</p>
<p><a href="{{LINK}}" style="background: #8a3b12; color: #fff; padding: 10px 18px; border-radius: 6px; text-decoration: none;">Confirm my email address</a></p>
<p style="color: #52606d; font-size: 14px;">The link works once and expires in 48 hours. If you did not create an account, ignore this email.</p>
{{>EMAIL_BOTTOM}}

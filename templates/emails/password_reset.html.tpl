{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px;">Choose a new password</h1>
<p>Hello {{NAME}}, someone (we hope you) asked to reset the password of your Bookfair account {{EMAIL}}.</p>
<p><a href="{{LINK}}" style="background: #8a3b12; color: #fff; padding: 10px 18px; border-radius: 6px; text-decoration: none;">Choose a new password</a></p>
<p style="color: #52606d; font-size: 14px;">The link works once and expires in one hour. If you did not ask for this, ignore this email.</p>
{{>EMAIL_BOTTOM}}

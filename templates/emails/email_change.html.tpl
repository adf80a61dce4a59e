{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px;">Confirm your new email address</h1>
<p>Hello {{NAME}}, you asked to use {{EMAIL}} for your Bookfair account.</p>
<p><a href="{{LINK}}" style="background: #8a3b12; color: #fff; padding: 10px 18px; border-radius: 6px; text-decoration: none;">Use this address</a></p>
<p style="color: #52606d; font-size: 14px;">The link works once and expires in 24 hours. Until then your old address stays in use. If you did not ask for this, ignore this email.</p>
{{>EMAIL_BOTTOM}}

{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">Your password was changed</h1>
<p>Hello {{NAME}}, the password of your Bookfair account {{EMAIL}} was just changed, and every other device was logged out.</p>
<p>If this was you, there is nothing more to do.</p>
<p style="color: #52606d; font-size: 14px;">If it was not you, <a href="{{RESET_LINK}}" style="color: #8a3b12;">choose a new password</a> at once and write to us.</p>
{{>EMAIL_BOTTOM}}

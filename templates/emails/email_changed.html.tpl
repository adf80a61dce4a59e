{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px;">Your email address was changed</h1>
<p>Hello {{NAME}}, the email address of your Bookfair account was changed to <strong>{{NEW_EMAIL}}</strong>. Messages will go there from now on.</p>
<p style="color: #52606d; font-size: 14px;">If you did not make this change, <a href="{{LINK}}">reset your password</a> and write to us.</p>
{{>EMAIL_BOTTOM}}

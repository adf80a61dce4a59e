{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">You already have an account</h1>
<p>Hello {{NAME}}, someone (perhaps you) just tried to create a new Bookfair account with {{EMAIL}}. This address already belongs to your account, so nothing new was created and your account stays as it is.</p>
<p><a href="{{LOGIN_LINK}}" style="background: #8a3b12; color: #fff; padding: 10px 18px; border-radius: 6px; text-decoration: none;">Log in</a></p>
<p style="color: #52606d; font-size: 14px;">Forgotten your password? <a href="{{RESET_LINK}}" style="color: #8a3b12;">Choose a new one</a>. If it was not you, there is nothing to do.</p>
{{>EMAIL_BOTTOM}}

{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en"><body style="font-family: Georgia, serif; color: #1f2933; max-width: 560px; margin: 0 auto; padding: 24px;">
<h1 style="font-size: 22px;">Your email address is already in use</h1>
<p>Hello {{NAME}}, someone asked to move another Bookfair account to this email address, which is already yours. Nothing was changed, and your account stays as it is.</p>
<p style="color: #52606d; font-size: 14px;">If that was you, log in with this address instead. If you have forgotten your password, <a href="{{LINK}}">choose a new one</a>.</p>
</body></html>

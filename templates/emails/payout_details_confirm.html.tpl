{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en"><body style="font-family: Georgia, serif; color: #1f2933; max-width: 560px; margin: 0 auto; padding: 24px;">
<h1 style="font-size: 22px;">Confirm your new bank details</h1>
<p>Hello {{NAME}}, someone (we hope you) asked to send your Bookfair royalties to a new account:</p>
<p>Account holder: <strong>{{ACCOUNT_NAME}}</strong><br>IBAN: <strong>{{IBAN}}</strong></p>
<p><a href="{{LINK}}">Confirm these details</a> within {{HOURS}} hours, while logged in.</p>
<p>If this was not you, do not follow the link, and change your password: your payouts keep going to the account you confirmed before.</p>
</body></html>

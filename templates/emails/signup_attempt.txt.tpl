Hello {{NAME}},

Someone (perhaps you) just tried to create a new Bookfair account with {{EMAIL}}. This address already belongs to your account, so nothing new was created and your account stays as it is.

If that was you, log in instead: {{LOGIN_LINK}}
Forgotten your password? Choose a new one at {{RESET_LINK}}

If it was not you, there is nothing to do.

{{>EMAIL_FOOTER}}

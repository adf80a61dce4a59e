Hello {{NAME}},

Someone asked to move another Bookfair account to this email address, which is already yours. Nothing was changed, and your account stays as it is.

If that was you, log in with this address instead. If you have forgotten your password, choose a new one at {{LINK}}

-- Bookfair

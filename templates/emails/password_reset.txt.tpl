Hello {{NAME}},

Someone (we hope you) asked to reset the password of your Bookfair account {{EMAIL}}. Choose a new one here:

{{LINK}}

The link works once and expires in one hour. If you did not ask for this, ignore this email: your password stays as it is.

{{>EMAIL_FOOTER}}
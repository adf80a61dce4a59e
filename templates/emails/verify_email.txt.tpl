Hello {{NAME}},

Welcome to Bookfair! Please confirm that {{EMAIL}} is your email address by opening this link:

{{LINK}}

The link works once and expires in 48 hours. If you did not create an account, ignore this email.

{{>EMAIL_FOOTER}}
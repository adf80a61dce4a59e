Hello {{NAME}},

You asked to use {{EMAIL}} for your Bookfair account. To make the change, open this link:

{{LINK}}

The link works once and expires in 24 hours. Until then your old address stays in use. If you did not ask for this, ignore this email.

{{>EMAIL_FOOTER}}
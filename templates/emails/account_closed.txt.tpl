Hello {{NAME}},

Your Bookfair account {{EMAIL}} is closed, as you asked. Your personal details, addresses, wishlists and cart are deleted; orders stay in our books without your name or street address, and your reviews stay as "Former reader".

This is the last email we send to this address. If you did not close the account, write to us.

You are always welcome back: {{BOOKS_LINK}}

{{>EMAIL_FOOTER}}

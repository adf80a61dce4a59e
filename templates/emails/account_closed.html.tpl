{{%AUTOESCAPE context="HTML"}}{{>EMAIL_TOP}}
<h1 style="font-size: 22px; margin: 0 0 12px;">Your account is closed</h1>
<p>Hello {{NAME}}, your Bookfair account {{EMAIL}} is closed, as you asked. Your personal details, addresses, wishlists and cart are deleted; orders stay in our books without your name or street address, and your reviews stay as “Former reader”.</p>
<p>This is the last email we send to this address. If you did not close the account, write to us.</p>
<p>You are always welcome back: <a href="{{BOOKS_LINK}}" style="color: #8a3b12;">browse the books</a>.</p>
{{>EMAIL_BOTTOM}}

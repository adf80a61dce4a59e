# Bookfair: the catalogue is open to every crawler; carts, accounts and consoles are private.
User-agent: *
Disallow: /cart
Disallow: /checkout
Disallow: /pay/
Disallow: /orders
Disallow: /account
Disallow: /wishlists
Disallow: /dashboard
Disallow: /admin
Disallow: /login
Disallow: /register
Disallow: /password/
Disallow: /books/*/seen

Sitemap: {{SITEMAP_URL}}

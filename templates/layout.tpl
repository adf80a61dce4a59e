{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Bookfair</title>
<meta name="description" content="{{DESCRIPTION}}">
<meta property="og:site_name" content="Bookfair">
<meta property="og:title" content="{{TITLE}}">
<meta property="og:description" content="{{DESCRIPTION}}">
<meta property="og:type" content="{{OG_TYPE}}">
<meta property="og:url" content="{{OG_URL}}">
<meta property="og:image" content="{{OG_IMAGE}}">
<meta name="twitter:card" content="summary">
<link rel="stylesheet" href="/static/css/site.css?v={{STATIC_VERSION}}">
<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="container header-row">
    <a class="logo" href="/" aria-label="Bookfair home"><span class="logo-mark" aria-hidden="true">B</span>Bookfair</a>
    <form class="search" action="/books" method="get" role="search">
      <label class="visually-hidden" for="site-search">Search books</label>
      <input id="site-search" type="search" name="q" value="{{SEARCH_QUERY}}" placeholder="Search titles, authors, tags" maxlength="200">
      <button type="submit">Search</button>
    </form>
    <nav class="site-nav" aria-label="Browse"><a href="/books">Books</a> <a href="/authors">Authors</a></nav>
    <nav class="account-nav" aria-label="Account">
      <a class="cart-link" href="/cart" aria-label="Cart, {{CART_COUNT_TEXT}}"><svg class="cart-link__icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/><circle cx="9" cy="19" r="1.5" fill="currentColor"/><circle cx="17" cy="19" r="1.5" fill="currentColor"/></svg>Cart<span class="cart-count{{#HAS_CART_ITEMS}} cart-count--full{{/HAS_CART_ITEMS}}">{{CART_COUNT}}</span></a>
      {{#LOGGED_IN}}<a href="/orders">Orders</a> <a href="/library">Library</a> <a href="/wishlists">Wishlists</a>{{/LOGGED_IN}}
      {{#LOGGED_IN}}
      {{#IS_AUTHOR}}<a href="/dashboard">Dashboard</a>{{/IS_AUTHOR}}
      {{#IS_ADMIN}}<a href="/admin">Admin</a>{{/IS_ADMIN}}
      <a href="/account">{{USER_NAME}}</a>
      <form action="/logout" method="post" class="inline-form">
        <input type="hidden" name="_csrf" value="{{CSRF_TOKEN}}">
        <button type="submit" class="link-button">Log out</button>
      </form>
      {{/LOGGED_IN}}
      {{#LOGGED_OUT}}
      <a href="/login">Log in</a>
      <a class="button button--small" href="/register">Sign up</a>
      {{/LOGGED_OUT}}
    </nav>
  </div>
</header>
<main id="main" class="container">
  {{#FLASH}}
  <div class="flash flash--{{FLASH_KIND}}" role="status">{{FLASH_MESSAGE}}</div>
  {{/FLASH}}
{{>CONTENT}}{{! At the start of its line: an indented include has ctemplate indent every line of the page, a pass over all of it. }}
</main>
<footer class="site-footer">
  <div class="container">
    <nav class="footer-nav" aria-label="About the shop">
      <ul><li><a href="/pages/about">About</a></li><li><a href="/pages/terms">Terms</a></li><li><a href="/pages/privacy">Privacy</a></li><li><a href="/pages/shipping-returns">Shipping and returns</a></li><li><a href="/pages/contact">Contact</a></li></ul>
    </nav>
    <p>© {{YEAR}} Bookfair — books sold by the people who write them.</p>
  </div>
</footer>
</body>
</html>

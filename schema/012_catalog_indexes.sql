-- Catalogue listings that hold up at a million books.
--
-- The sort indexes carry the listing filters after (status, key, id). A listing walks its sort
-- index in order and stops after a page; price, language, category, author and "in stock" are
-- tested inside the index entries (index condition pushdown), so only the rows shown are read.
-- Before, "newest under $20" or "fiction by price" made MariaDB sort a large part of the
-- catalogue (seconds to a minute at 1,000,000 books, see README "Catalogue").
--
-- "In stock only" tests in_stock, which changes only when the stock reaches or leaves zero, so a
-- sale rewrites these index entries only then (indexing stock itself would rewrite them on every sale).
--
-- ft_books_text (002) stays the search index: searches match with MATCH ... AGAINST.
ALTER TABLE books
  ADD COLUMN in_stock TINYINT(1) AS (stock > 0) STORED AFTER stock,
  DROP INDEX ix_books_newest,
  ADD KEY ix_books_newest (status, published_at, id, effective_price_cents, language, category_id, author_id, in_stock),
  DROP INDEX ix_books_bestselling,
  ADD KEY ix_books_bestselling (status, sell_count, id, effective_price_cents, language, category_id, author_id, in_stock),
  DROP INDEX ix_books_price,
  ADD KEY ix_books_price (status, effective_price_cents, id, language, category_id, author_id, in_stock),
  DROP INDEX ix_books_rating,
  ADD KEY ix_books_rating (status, rating_avg, id, effective_price_cents, language, category_id, author_id, in_stock),
  -- A category's books, newest first: a small category's listing reads them all, and a listing's
  -- count of a large one reads only its entries, the other filters tested inside them.
  DROP INDEX ix_books_category,
  ADD KEY ix_books_category (category_id, status, published_at, id, effective_price_cents, language, in_stock);

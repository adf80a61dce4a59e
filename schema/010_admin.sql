-- The admin console's orders, categories, reports and outbox pages: the indexes their queries walk,
-- and the category tree's version number that tells every worker its cached tree is stale.

-- Orders filtered by status, newest first, keyset on id.
ALTER TABLE orders
  ADD KEY ix_orders_status_id (status, id),
  -- Reports read the orders paid in a date range (and their items through uq_order_items_book).
  ADD KEY ix_orders_paid (paid_at, id);

-- Low-stock books: "stock <= low_stock_threshold" compares two columns, which no index can seek;
-- their difference, stored, can (<= 0 means at or below the warning level).
ALTER TABLE books
  ADD COLUMN stock_headroom INT AS (stock - low_stock_threshold) STORED,
  ADD KEY ix_books_stock_headroom (status, stock_headroom, id);

-- The outbox report counts and lists messages by status, newest first.
ALTER TABLE outbox ADD KEY ix_outbox_status_id (status, id);

-- One row. Every change to the category tree adds one to `version` in its own transaction; workers
-- keep their cached tree while the number they read (at most once a second) is the one it was built at.
CREATE TABLE category_tree_version (
  id              TINYINT NOT NULL PRIMARY KEY,
  version         BIGINT NOT NULL,
  CONSTRAINT ck_category_tree_version_one_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO category_tree_version (id, version) VALUES (1, 0);

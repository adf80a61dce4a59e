-- Revenue: what each author earned, kept as running totals and daily rollups that the transactions
-- which change it (paying, cancelling, refunding an order) update themselves, so a dashboard reads a
-- few rows per day shown instead of summing every sale (store/revenue.cpp).
--
-- An author's revenue from a line is its total less its share of the coupon discount; shipping and
-- tax are the shop's. A partial refund takes the books' share of the refunded amount off the lines
-- (no units) on the day it is given; a cancellation or full refund takes off whatever the line still
-- counted (units too). Days are UTC. Figures are in cents of the order's currency, summed as one.
--
-- Lock order inside those transactions, after the books (ascending id): revenue_daily rows by
-- (author, book) (one day per transaction), then author_revenue_daily by author, then
-- author_revenue_totals by author, then book_revenue_totals by book.

-- The line's share of the order's coupon discount, fixed when the order is placed.
ALTER TABLE order_items
  ADD COLUMN discount_cents BIGINT NOT NULL DEFAULT 0 AFTER line_total_cents,
  ADD CONSTRAINT ck_order_items_discount CHECK (discount_cents BETWEEN 0 AND line_total_cents);

-- Per author, UTC day and book: net units and revenue (negative on a day with more refunds than sales).
CREATE TABLE revenue_daily (
  author_id       BIGINT NOT NULL,
  day             DATE NOT NULL,
  book_id         BIGINT NOT NULL,
  units           INT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (author_id, day, book_id),
  KEY ix_revenue_daily_book (book_id, day),
  CONSTRAINT fk_revenue_daily_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_revenue_daily_book FOREIGN KEY (book_id) REFERENCES books (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per author and UTC day, with the orders that hold their books (paid that day less those undone).
CREATE TABLE author_revenue_daily (
  author_id       BIGINT NOT NULL,
  day             DATE NOT NULL,
  orders          INT NOT NULL DEFAULT 0,
  units           INT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (author_id, day),
  CONSTRAINT fk_author_revenue_daily_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- All time, per author and per book.
CREATE TABLE author_revenue_totals (
  author_id       BIGINT NOT NULL PRIMARY KEY,
  orders          BIGINT NOT NULL DEFAULT 0,
  units           BIGINT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT fk_author_revenue_totals_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE book_revenue_totals (
  book_id         BIGINT NOT NULL PRIMARY KEY,
  author_id       BIGINT NOT NULL,
  units           BIGINT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  KEY ix_book_revenue_totals_author (author_id),
  CONSTRAINT fk_book_revenue_totals_book FOREIGN KEY (book_id) REFERENCES books (id),
  CONSTRAINT fk_book_revenue_totals_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Orders placed before this migration: their discount spread over all their lines by line total
-- (which lines a coupon covered was not recorded), the remainder on the last line.
UPDATE order_items i
  JOIN (SELECT x.id,
               FLOOR(o.discount_cents * x.line_total_cents / o.subtotal_cents) AS share,
               o.discount_cents - SUM(FLOOR(o.discount_cents * x.line_total_cents / o.subtotal_cents))
                   OVER (PARTITION BY x.order_id) AS remainder,
               ROW_NUMBER() OVER (PARTITION BY x.order_id ORDER BY x.book_id DESC) AS from_last
          FROM order_items x JOIN orders o ON o.id = x.order_id
         WHERE o.discount_cents > 0 AND o.subtotal_cents > 0) d ON d.id = i.id
   SET i.discount_cents = d.share + IF(d.from_last = 1, d.remainder, 0);

-- The ledger's rows so far held line totals before the discount: from now on they hold net revenue.
UPDATE sales_ledger l
  JOIN order_items i ON i.order_id = l.order_id AND i.book_id = l.book_id
   SET l.revenue_cents = SIGN(l.quantity) * (i.line_total_cents - i.discount_cents);

-- The rollups, from the ledger as it stands. (Partial refunds given before this migration were not
-- in the ledger: `bookfair check-revenue` names those orders.)
INSERT INTO revenue_daily (author_id, day, book_id, units, revenue_cents)
SELECT author_id, DATE(sold_at), book_id, SUM(quantity), SUM(revenue_cents)
  FROM sales_ledger GROUP BY author_id, DATE(sold_at), book_id;

INSERT INTO author_revenue_daily (author_id, day, orders, units, revenue_cents)
SELECT author_id, DATE(sold_at),
       COUNT(DISTINCT IF(quantity > 0, order_id, NULL)) - COUNT(DISTINCT IF(quantity < 0, order_id, NULL)),
       SUM(quantity), SUM(revenue_cents)
  FROM sales_ledger GROUP BY author_id, DATE(sold_at);

INSERT INTO author_revenue_totals (author_id, orders, units, revenue_cents)
SELECT author_id, SUM(orders), SUM(units), SUM(revenue_cents) FROM author_revenue_daily GROUP BY author_id;

INSERT INTO book_revenue_totals (book_id, author_id, units, revenue_cents)
SELECT book_id, author_id, SUM(units), SUM(revenue_cents) FROM revenue_daily GROUP BY book_id, author_id;

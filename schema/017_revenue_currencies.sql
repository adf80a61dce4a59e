-- Authors' revenue per currency (#12.4): books are priced in USD, EUR or GBP and every order is in one
-- currency, so the ledger and every rollup now carry the order's currency and no figure sums two
-- currencies into one number. The rollups are rebuilt from the ledger (their figures do not change
-- for a shop that sold in one currency). Lock order as in 009_revenue.sql; the currency is the last
-- part of each key.
ALTER TABLE sales_ledger ADD COLUMN currency CHAR(3) NOT NULL DEFAULT 'USD' AFTER order_id;
UPDATE sales_ledger l JOIN orders o ON o.id = l.order_id SET l.currency = o.currency;
ALTER TABLE sales_ledger ALTER COLUMN currency DROP DEFAULT;

DROP TABLE revenue_daily, author_revenue_daily, author_revenue_totals, book_revenue_totals;

CREATE TABLE revenue_daily (
  author_id       BIGINT NOT NULL,
  day             DATE NOT NULL,
  book_id         BIGINT NOT NULL,
  currency        CHAR(3) NOT NULL,
  units           INT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (author_id, day, book_id, currency),
  KEY ix_revenue_daily_book (book_id, day),
  CONSTRAINT fk_revenue_daily_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_revenue_daily_book FOREIGN KEY (book_id) REFERENCES books (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE author_revenue_daily (
  author_id       BIGINT NOT NULL,
  day             DATE NOT NULL,
  currency        CHAR(3) NOT NULL,
  orders          INT NOT NULL DEFAULT 0,
  units           INT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (author_id, day, currency),
  CONSTRAINT fk_author_revenue_daily_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE author_revenue_totals (
  author_id       BIGINT NOT NULL,
  currency        CHAR(3) NOT NULL,
  orders          BIGINT NOT NULL DEFAULT 0,
  units           BIGINT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (author_id, currency),
  CONSTRAINT fk_author_revenue_totals_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE book_revenue_totals (
  book_id         BIGINT NOT NULL,
  currency        CHAR(3) NOT NULL,
  author_id       BIGINT NOT NULL,
  units           BIGINT NOT NULL DEFAULT 0,
  revenue_cents   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (book_id, currency),
  KEY ix_book_revenue_totals_author (author_id),
  CONSTRAINT fk_book_revenue_totals_book FOREIGN KEY (book_id) REFERENCES books (id),
  CONSTRAINT fk_book_revenue_totals_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO revenue_daily (author_id, day, book_id, currency, units, revenue_cents)
SELECT author_id, DATE(sold_at), book_id, currency, SUM(quantity), SUM(revenue_cents)
  FROM sales_ledger GROUP BY author_id, DATE(sold_at), book_id, currency;

INSERT INTO author_revenue_daily (author_id, day, currency, orders, units, revenue_cents)
SELECT author_id, DATE(sold_at), currency,
       COUNT(DISTINCT IF(quantity > 0, order_id, NULL)) - COUNT(DISTINCT IF(quantity < 0, order_id, NULL)),
       SUM(quantity), SUM(revenue_cents)
  FROM sales_ledger GROUP BY author_id, DATE(sold_at), currency;

INSERT INTO author_revenue_totals (author_id, currency, orders, units, revenue_cents)
SELECT author_id, currency, SUM(orders), SUM(units), SUM(revenue_cents) FROM author_revenue_daily GROUP BY author_id, currency;

INSERT INTO book_revenue_totals (book_id, currency, author_id, units, revenue_cents)
SELECT book_id, currency, author_id, SUM(units), SUM(revenue_cents) FROM revenue_daily GROUP BY book_id, currency, author_id;

-- Revenue split by edition (issue #19): authors see what their printed copies and their ebooks earn,
-- per currency as before (017_revenue_currencies.sql). The ledger row says which edition it moved
-- (an order holds one edition of a book, so (order, book) still names one line); every rollup keeps
-- its key and lock order and gains the ebook part of its figures beside the total. The print part is
-- the total less the ebook part, so no reader of the totals changes.
ALTER TABLE sales_ledger ADD COLUMN edition ENUM('print','digital') NOT NULL DEFAULT 'print' AFTER book_id;
UPDATE sales_ledger l JOIN order_items i ON i.order_id = l.order_id AND i.book_id = l.book_id
   SET l.edition = i.edition WHERE i.edition = 'digital';

ALTER TABLE revenue_daily
  ADD COLUMN digital_units INT NOT NULL DEFAULT 0,
  ADD COLUMN digital_revenue_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE author_revenue_daily
  ADD COLUMN digital_units INT NOT NULL DEFAULT 0,
  ADD COLUMN digital_revenue_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE author_revenue_totals
  ADD COLUMN digital_units BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN digital_revenue_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE book_revenue_totals
  ADD COLUMN digital_units BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN digital_revenue_cents BIGINT NOT NULL DEFAULT 0;

UPDATE revenue_daily r JOIN (
  SELECT author_id, DATE(sold_at) AS day, book_id, currency, SUM(quantity) AS u, SUM(revenue_cents) AS c
    FROM sales_ledger WHERE edition = 'digital' GROUP BY author_id, DATE(sold_at), book_id, currency) d
  ON d.author_id = r.author_id AND d.day = r.day AND d.book_id = r.book_id AND d.currency = r.currency
   SET r.digital_units = d.u, r.digital_revenue_cents = d.c;
UPDATE author_revenue_daily r JOIN (
  SELECT author_id, DATE(sold_at) AS day, currency, SUM(quantity) AS u, SUM(revenue_cents) AS c
    FROM sales_ledger WHERE edition = 'digital' GROUP BY author_id, DATE(sold_at), currency) d
  ON d.author_id = r.author_id AND d.day = r.day AND d.currency = r.currency
   SET r.digital_units = d.u, r.digital_revenue_cents = d.c;
UPDATE author_revenue_totals r JOIN (
  SELECT author_id, currency, SUM(quantity) AS u, SUM(revenue_cents) AS c
    FROM sales_ledger WHERE edition = 'digital' GROUP BY author_id, currency) d
  ON d.author_id = r.author_id AND d.currency = r.currency
   SET r.digital_units = d.u, r.digital_revenue_cents = d.c;
UPDATE book_revenue_totals r JOIN (
  SELECT book_id, currency, SUM(quantity) AS u, SUM(revenue_cents) AS c
    FROM sales_ledger WHERE edition = 'digital' GROUP BY book_id, currency) d
  ON d.book_id = r.book_id AND d.currency = r.currency
   SET r.digital_units = d.u, r.digital_revenue_cents = d.c;

-- Flash sales: a number of copies of one book at a special price, from a start time until sold out,
-- ended, paused or cancelled. Money is BIGINT cents; times are UTC DATETIME(6) from the application's clock.
--
-- Stock: a sale's copies are taken out of books.stock when the sale is created (they are the sale's
-- from then on), so a buy touches one hot row, the sale's. When the sale closes (its end passes or it
-- is cancelled) whatever is left goes back to books.stock and is counted in units_returned.
-- At every moment: quantity = units_left + live claims (held + paid) + units_returned.
--
-- Lock order (with store/orders.cpp): an order row, then its claim, then the sale row, then books.
CREATE TABLE flash_sales (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  book_id         BIGINT NOT NULL,
  price_cents     BIGINT NOT NULL,
  quantity        INT NOT NULL,
  units_left      INT NOT NULL,
  units_returned  INT NOT NULL DEFAULT 0,
  start_at        DATETIME(6) NOT NULL,
  end_at          DATETIME(6) NULL,
  per_customer_limit INT NOT NULL DEFAULT 1,
  status          ENUM('active','paused','cancelled','ended') NOT NULL DEFAULT 'active',
  created_by      BIGINT NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  closed_at       DATETIME(6) NULL,
  -- The home page: running and upcoming sales; the sweep: active sales whose end has passed.
  KEY ix_flash_sales_listing (status, start_at, id),
  KEY ix_flash_sales_ending (status, end_at),
  KEY ix_flash_sales_book (book_id, id),
  KEY ix_flash_sales_creator (created_by, id),
  CONSTRAINT ck_flash_sales_price CHECK (price_cents >= 0),
  CONSTRAINT ck_flash_sales_units CHECK (quantity >= 1 AND units_left >= 0 AND units_returned >= 0
                                         AND units_left + units_returned <= quantity),
  CONSTRAINT ck_flash_sales_limit CHECK (per_customer_limit BETWEEN 1 AND 10),
  CONSTRAINT ck_flash_sales_window CHECK (end_at IS NULL OR end_at > start_at),
  CONSTRAINT fk_flash_sales_book FOREIGN KEY (book_id) REFERENCES books (id),
  CONSTRAINT fk_flash_sales_creator FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per unit a customer took: held (order awaiting payment) -> paid | released (payment failed,
-- expired or the order was cancelled: the unit went back). unit_no counts a customer's units 1..limit;
-- live_unit is unit_no while the claim is live and NULL once released, so the UNIQUE key lets the
-- database refuse a unit above the limit however many requests race, and a released claim lets the
-- customer try again. Each claim belongs to one order (one unit per flash order).
CREATE TABLE flash_sale_claims (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sale_id         BIGINT NOT NULL,
  user_id         BIGINT NOT NULL,
  unit_no         INT NOT NULL DEFAULT 1,
  order_id        BIGINT NOT NULL,
  status          ENUM('held','paid','released') NOT NULL DEFAULT 'held',
  live_unit       INT AS (IF(status = 'released', NULL, unit_no)) PERSISTENT,
  created_at      DATETIME(6) NOT NULL,
  settled_at      DATETIME(6) NULL,
  UNIQUE KEY uq_flash_sale_claims_live (sale_id, user_id, live_unit),
  UNIQUE KEY uq_flash_sale_claims_order (order_id),
  KEY ix_flash_sale_claims_counts (sale_id, status),
  KEY ix_flash_sale_claims_user (user_id, sale_id),
  CONSTRAINT ck_flash_sale_claims_unit CHECK (unit_no BETWEEN 1 AND 10),
  CONSTRAINT fk_flash_sale_claims_sale FOREIGN KEY (sale_id) REFERENCES flash_sales (id),
  CONSTRAINT fk_flash_sale_claims_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_flash_sale_claims_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Buying: carts, addresses, coupons, orders with their items, timeline, stock reservations and
-- payment attempts, and the sales ledger the authors' digests and dashboards read.
-- Money is BIGINT cents; times are UTC DATETIME(6) from the application's clock, never NOW().
-- Lock order everywhere (see store/orders.cpp): order row, then coupon, then books by ascending id.

-- One cart per guest session or per user: a guest's cart is handed to the user at login.
CREATE TABLE carts (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  session_id      BIGINT NULL,
  user_id         BIGINT NULL,
  coupon_code     VARCHAR(40) NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_carts_session (session_id),
  UNIQUE KEY uq_carts_user (user_id),
  KEY ix_carts_guest_idle (user_id, updated_at),
  CONSTRAINT ck_carts_owner CHECK ((session_id IS NULL) <> (user_id IS NULL)),
  CONSTRAINT fk_carts_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
  CONSTRAINT fk_carts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cart_items (
  cart_id         BIGINT NOT NULL,
  book_id         BIGINT NOT NULL,
  quantity        INT NOT NULL,
  added_at        DATETIME(6) NOT NULL,
  PRIMARY KEY (cart_id, book_id),
  KEY ix_cart_items_book (book_id),
  CONSTRAINT ck_cart_items_quantity CHECK (quantity BETWEEN 1 AND 99),
  CONSTRAINT fk_cart_items_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE,
  CONSTRAINT fk_cart_items_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The address book. Orders copy the address they ship to, so editing one never changes an order.
CREATE TABLE addresses (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id         BIGINT NOT NULL,
  full_name       VARCHAR(100) NOT NULL,
  line1           VARCHAR(120) NOT NULL,
  line2           VARCHAR(120) NOT NULL DEFAULT '',
  city            VARCHAR(80) NOT NULL,
  region          VARCHAR(80) NOT NULL DEFAULT '',
  postal_code     VARCHAR(20) NOT NULL,
  country         CHAR(2) NOT NULL,
  phone           VARCHAR(30) NOT NULL DEFAULT '',
  is_default_shipping TINYINT(1) NOT NULL DEFAULT 0,
  is_default_billing  TINYINT(1) NOT NULL DEFAULT 0,
  created_at      DATETIME(6) NOT NULL,
  KEY ix_addresses_user (user_id, is_default_shipping, id),
  CONSTRAINT fk_addresses_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Percent (basis points, optional cap), fixed amount, or free standard shipping.
CREATE TABLE coupons (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code            VARCHAR(40) NOT NULL,
  kind            ENUM('percent','fixed','free_shipping') NOT NULL,
  percent_bp      INT NOT NULL DEFAULT 0,
  max_discount_cents BIGINT NULL,
  amount_cents    BIGINT NOT NULL DEFAULT 0,
  min_order_cents BIGINT NOT NULL DEFAULT 0,
  applies_to      ENUM('all','books','categories') NOT NULL DEFAULT 'all',
  usage_limit     INT NULL,
  per_customer_limit INT NULL,
  used_count      INT NOT NULL DEFAULT 0,
  starts_at       DATETIME(6) NULL,
  ends_at         DATETIME(6) NULL,
  active          TINYINT(1) NOT NULL DEFAULT 1,
  created_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_coupons_code (code),
  CONSTRAINT ck_coupons_percent CHECK (percent_bp BETWEEN 0 AND 10000),
  CONSTRAINT ck_coupons_amounts CHECK (amount_cents >= 0 AND min_order_cents >= 0
                                       AND (max_discount_cents IS NULL OR max_discount_cents >= 0)),
  CONSTRAINT ck_coupons_used CHECK (used_count >= 0 AND (usage_limit IS NULL OR used_count <= usage_limit)),
  CONSTRAINT ck_coupons_window CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE coupon_books (
  coupon_id       BIGINT NOT NULL,
  book_id         BIGINT NOT NULL,
  PRIMARY KEY (coupon_id, book_id),
  KEY ix_coupon_books_book (book_id),
  CONSTRAINT fk_coupon_books_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE CASCADE,
  CONSTRAINT fk_coupon_books_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A category covers its whole subtree (category_closure).
CREATE TABLE coupon_categories (
  coupon_id       BIGINT NOT NULL,
  category_id     INT NOT NULL,
  PRIMARY KEY (coupon_id, category_id),
  KEY ix_coupon_categories_category (category_id),
  CONSTRAINT fk_coupon_categories_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE CASCADE,
  CONSTRAINT fk_coupon_categories_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE coupon_customer_uses (
  coupon_id       BIGINT NOT NULL,
  user_id         BIGINT NOT NULL,
  uses            INT NOT NULL DEFAULT 0,
  PRIMARY KEY (coupon_id, user_id),
  KEY ix_coupon_customer_uses_user (user_id),
  CONSTRAINT ck_coupon_customer_uses CHECK (uses >= 0),
  CONSTRAINT fk_coupon_customer_uses_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE CASCADE,
  CONSTRAINT fk_coupon_customer_uses_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Order numbers ORD-YYYYMMDD-NNNNN: the day's row is locked while an order is placed, so numbers are
-- sequential and gap-free (a rolled-back order rolls its number back too).
CREATE TABLE order_counters (
  day             DATE NOT NULL PRIMARY KEY,
  last_number     INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  number          VARCHAR(24) NOT NULL,
  user_id         BIGINT NOT NULL,
  status          ENUM('pending_payment','paid','processing','shipped','delivered','cancelled','refunded') NOT NULL,
  idempotency_key VARCHAR(64) NOT NULL,
  currency        CHAR(3) NOT NULL DEFAULT 'USD',
  ship_full_name  VARCHAR(100) NOT NULL,
  ship_line1      VARCHAR(120) NOT NULL,
  ship_line2      VARCHAR(120) NOT NULL DEFAULT '',
  ship_city       VARCHAR(80) NOT NULL,
  ship_region     VARCHAR(80) NOT NULL DEFAULT '',
  ship_postal_code VARCHAR(20) NOT NULL,
  ship_country    CHAR(2) NOT NULL,
  ship_phone      VARCHAR(30) NOT NULL DEFAULT '',
  shipping_method ENUM('standard','express','overnight') NOT NULL,
  subtotal_cents  BIGINT NOT NULL,
  discount_cents  BIGINT NOT NULL DEFAULT 0,
  shipping_cents  BIGINT NOT NULL DEFAULT 0,
  tax_cents       BIGINT NOT NULL DEFAULT 0,
  total_cents     BIGINT NOT NULL,
  tax_rate_bp     INT NOT NULL DEFAULT 0,
  coupon_id       BIGINT NULL,
  coupon_code     VARCHAR(40) NULL,
  refunded_cents  BIGINT NOT NULL DEFAULT 0,
  carrier         VARCHAR(60) NULL,
  tracking_number VARCHAR(80) NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  paid_at         DATETIME(6) NULL,
  shipped_at      DATETIME(6) NULL,
  delivered_at    DATETIME(6) NULL,
  cancelled_at    DATETIME(6) NULL,
  UNIQUE KEY uq_orders_number (number),
  UNIQUE KEY uq_orders_idempotency (user_id, idempotency_key),
  KEY ix_orders_user_history (user_id, id),
  KEY ix_orders_status (status, created_at, id),
  KEY ix_orders_coupon (coupon_id),
  CONSTRAINT ck_orders_money CHECK (subtotal_cents >= 0 AND discount_cents >= 0 AND shipping_cents >= 0
                                    AND tax_cents >= 0 AND total_cents >= 0
                                    AND refunded_cents BETWEEN 0 AND total_cents),
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_orders_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What was bought, as it was at that moment (the book may change or go later).
CREATE TABLE order_items (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id        BIGINT NOT NULL,
  book_id         BIGINT NOT NULL,
  author_id       BIGINT NOT NULL,
  title           VARCHAR(200) NOT NULL,
  isbn13          CHAR(13) NULL,
  cover_path      VARCHAR(200) NULL,
  unit_price_cents BIGINT NOT NULL,
  quantity        INT NOT NULL,
  backordered_quantity INT NOT NULL DEFAULT 0,
  line_total_cents BIGINT NOT NULL,
  UNIQUE KEY uq_order_items_book (order_id, book_id),
  KEY ix_order_items_book (book_id, order_id),
  CONSTRAINT ck_order_items_quantity CHECK (quantity BETWEEN 1 AND 99
                                            AND backordered_quantity BETWEEN 0 AND quantity),
  CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_items_book FOREIGN KEY (book_id) REFERENCES books (id),
  CONSTRAINT fk_order_items_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The timeline: every status change with who (NULL: the buyer's own action or the system), when and why.
CREATE TABLE order_events (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id        BIGINT NOT NULL,
  status          VARCHAR(20) NOT NULL,
  note            VARCHAR(500) NOT NULL DEFAULT '',
  actor_user_id   BIGINT NULL,
  created_at      DATETIME(6) NOT NULL,
  KEY ix_order_events_order (order_id, id),
  CONSTRAINT fk_order_events_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_events_actor FOREIGN KEY (actor_user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per reservation attempt: held -> paid | released | expired, each move exactly once.
-- held_order_id is the order id only while held, so UNIQUE allows at most one held row per order.
CREATE TABLE stock_reservations (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id        BIGINT NOT NULL,
  status          ENUM('held','paid','released','expired') NOT NULL,
  held_order_id   BIGINT AS (IF(status = 'held', order_id, NULL)) PERSISTENT,
  expires_at      DATETIME(6) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  settled_at      DATETIME(6) NULL,
  UNIQUE KEY uq_stock_reservations_held (held_order_id),
  KEY ix_stock_reservations_due (status, expires_at),
  KEY ix_stock_reservations_order (order_id, id),
  CONSTRAINT fk_stock_reservations_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Payment attempts at the provider. Only the card's brand and last four digits are ever stored.
-- refund_due: the money arrived after the order could no longer be filled; it is refunded.
CREATE TABLE payments (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id        BIGINT NOT NULL,
  attempt         INT NOT NULL,
  provider_ref    VARCHAR(64) NOT NULL,
  amount_cents    BIGINT NOT NULL,
  status          ENUM('pending','succeeded','failed','refund_due') NOT NULL DEFAULT 'pending',
  card_brand      VARCHAR(20) NULL,
  card_last4      CHAR(4) NULL,
  failure_reason  VARCHAR(200) NULL,
  created_at      DATETIME(6) NOT NULL,
  settled_at      DATETIME(6) NULL,
  UNIQUE KEY uq_payments_ref (provider_ref),
  UNIQUE KEY uq_payments_attempt (order_id, attempt),
  CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Refunds given on an order (full or partial); orders.refunded_cents is their running sum.
CREATE TABLE order_refunds (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id        BIGINT NOT NULL,
  amount_cents    BIGINT NOT NULL,
  restocked       TINYINT(1) NOT NULL DEFAULT 0,
  note            VARCHAR(500) NOT NULL DEFAULT '',
  actor_user_id   BIGINT NULL,
  created_at      DATETIME(6) NOT NULL,
  KEY ix_order_refunds_order (order_id, id),
  KEY ix_order_refunds_created (created_at),
  CONSTRAINT ck_order_refunds_amount CHECK (amount_cents > 0),
  CONSTRAINT fk_order_refunds_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_refunds_actor FOREIGN KEY (actor_user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per paid order item, written in the paying transaction (a cancelled or fully refunded sale
-- adds a row with negative quantity and revenue). Authors' digests and revenue rollups read this.
CREATE TABLE sales_ledger (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id       BIGINT NOT NULL,
  book_id         BIGINT NOT NULL,
  order_id        BIGINT NOT NULL,
  quantity        INT NOT NULL,
  revenue_cents   BIGINT NOT NULL,
  sold_at         DATETIME(6) NOT NULL,
  KEY ix_sales_ledger_author (author_id, sold_at),
  KEY ix_sales_ledger_book (book_id, sold_at),
  KEY ix_sales_ledger_order (order_id),
  CONSTRAINT fk_sales_ledger_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_sales_ledger_book FOREIGN KEY (book_id) REFERENCES books (id),
  CONSTRAINT fk_sales_ledger_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

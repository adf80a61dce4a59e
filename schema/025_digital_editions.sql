-- Digital editions (issue #19): a book may be sold as an ebook beside (or instead of) its printed copies.
-- The application decides who may download; nginx sends the bytes from a directory outside the web root
-- (ebooks_dir), reached only through an `internal` location that the worker names in X-Accel-Redirect.
-- Money is BIGINT cents; times are UTC DATETIME(6) from the application's clock, never NOW().
--
-- Lock order (after the order, coupon and books of store/orders.h): licences, then download counters.

-- The digital edition of a book: its own price and sale price. No stock: a licence is never short.
CREATE TABLE digital_editions (
  book_id         BIGINT NOT NULL PRIMARY KEY,
  price_cents     BIGINT NOT NULL,
  sale_price_cents BIGINT NULL,
  effective_price_cents BIGINT AS (COALESCE(sale_price_cents, price_cents)) STORED,
  for_sale        TINYINT(1) NOT NULL DEFAULT 1,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  CONSTRAINT ck_digital_editions_price CHECK (price_cents > 0 AND (sale_price_cents IS NULL
                                              OR sale_price_cents BETWEEN 0 AND price_cents - 1)),
  CONSTRAINT fk_digital_editions_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The files of an edition: one per format, plus samples anyone may download. Replacing a file keeps
-- its row and raises `version`; readers then get the new file (stored_name changes with each version,
-- so a personal copy of an old version is never served for the new one).
CREATE TABLE edition_files (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  book_id         BIGINT NOT NULL,
  format          ENUM('epub','pdf','mobi','zip') NOT NULL,
  is_sample       TINYINT(1) NOT NULL DEFAULT 0,
  version         INT NOT NULL DEFAULT 1,
  stored_name     VARCHAR(100) NOT NULL,
  original_name   VARCHAR(200) NOT NULL DEFAULT '',
  size_bytes      BIGINT NOT NULL,
  sha256          BINARY(32) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_edition_files_format (book_id, is_sample, format),
  UNIQUE KEY uq_edition_files_stored (stored_name),
  CONSTRAINT ck_edition_files_version CHECK (version >= 1 AND size_bytes > 0),
  CONSTRAINT fk_edition_files_book FOREIGN KEY (book_id) REFERENCES digital_editions (book_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which edition a cart line and an order line are. An order (and a cart) holds one edition of a book:
-- the sales ledger and the revenue rollups key their rows on (order, book).
ALTER TABLE cart_items
  ADD COLUMN edition ENUM('print','digital') NOT NULL DEFAULT 'print' AFTER book_id;
ALTER TABLE order_items
  ADD COLUMN edition ENUM('print','digital') NOT NULL DEFAULT 'print' AFTER book_id;

-- A reader's right to download a book's files: written when the order is paid, revoked when it is
-- refunded in full or cancelled. live_book is the book while the licence holds, so the library lists
-- each book once and a second live licence of one book for one reader is refused by the database.
CREATE TABLE ebook_licences (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id         BIGINT NOT NULL,
  book_id         BIGINT NOT NULL,
  order_id        BIGINT NOT NULL,
  granted_at      DATETIME(6) NOT NULL,
  revoked_at      DATETIME(6) NULL,
  live_book       BIGINT AS (IF(revoked_at IS NULL, book_id, NULL)) PERSISTENT,
  UNIQUE KEY uq_ebook_licences_live (user_id, live_book),
  UNIQUE KEY uq_ebook_licences_order (order_id, book_id),
  KEY ix_ebook_licences_library (user_id, revoked_at, granted_at),
  KEY ix_ebook_licences_book (book_id),
  CONSTRAINT fk_ebook_licences_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_ebook_licences_book FOREIGN KEY (book_id) REFERENCES books (id),
  CONSTRAINT fk_ebook_licences_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Downloads per reader, file and day: the counter is taken with a conditional UPDATE (count < cap), so
-- the cap holds however many downloads race.
CREATE TABLE ebook_download_days (
  user_id         BIGINT NOT NULL,
  file_id         BIGINT NOT NULL,
  day             DATE NOT NULL,
  downloads       INT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, file_id, day),
  KEY ix_ebook_download_days_file (file_id),
  CONSTRAINT ck_ebook_download_days CHECK (downloads >= 0),
  CONSTRAINT fk_ebook_download_days_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_ebook_download_days_file FOREIGN KEY (file_id) REFERENCES edition_files (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every download handed to nginx, with the order that licensed it (the admin's view for disputes).
CREATE TABLE ebook_downloads (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id         BIGINT NOT NULL,
  file_id         BIGINT NOT NULL,
  order_id        BIGINT NULL,
  version         INT NOT NULL,
  personal        TINYINT(1) NOT NULL DEFAULT 0,
  client_address  VARCHAR(45) NOT NULL DEFAULT '',
  downloaded_at   DATETIME(6) NOT NULL,
  KEY ix_ebook_downloads_order (order_id, id),
  KEY ix_ebook_downloads_user (user_id, id),
  KEY ix_ebook_downloads_file (file_id),
  CONSTRAINT fk_ebook_downloads_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_ebook_downloads_file FOREIGN KEY (file_id) REFERENCES edition_files (id) ON DELETE CASCADE,
  CONSTRAINT fk_ebook_downloads_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Personal EPUB copies (buyer's name and order number inside), built once per reader, file and version
-- and kept under ebooks_dir/personal/.
CREATE TABLE ebook_personal_copies (
  user_id         BIGINT NOT NULL,
  file_id         BIGINT NOT NULL,
  version         INT NOT NULL,
  order_id        BIGINT NOT NULL,
  stored_name     VARCHAR(120) NOT NULL,
  size_bytes      BIGINT NOT NULL,
  built_at        DATETIME(6) NOT NULL,
  PRIMARY KEY (user_id, file_id, version),
  KEY ix_ebook_personal_copies_file (file_id),
  CONSTRAINT fk_ebook_personal_copies_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_ebook_personal_copies_file FOREIGN KEY (file_id) REFERENCES edition_files (id) ON DELETE CASCADE,
  CONSTRAINT fk_ebook_personal_copies_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

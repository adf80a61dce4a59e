-- The catalogue: categories (a tree), books, tags, and the view counts folded in from the workers.
-- Money is BIGINT cents; times are UTC DATETIME(6) from the application's clock.

-- Authors get a public page at /authors/{slug}; the slug is given when they create their first book.
ALTER TABLE users
  ADD COLUMN slug VARCHAR(120) NULL AFTER display_name,
  ADD COLUMN bio TEXT NULL AFTER slug,
  ADD UNIQUE KEY uq_users_slug (slug);

CREATE TABLE categories (
  id              INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id       INT NULL,
  slug            VARCHAR(120) NOT NULL,
  name            VARCHAR(120) NOT NULL,
  description     TEXT NULL,
  position        INT NOT NULL DEFAULT 0,
  active          TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY uq_categories_slug (slug),
  KEY ix_categories_tree (active, parent_id, position, id),
  KEY ix_categories_parent (parent_id),
  CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every (ancestor, descendant) pair, a category with itself included, so "this category and
-- everything under it" is one indexed join at any depth.
CREATE TABLE category_closure (
  ancestor_id     INT NOT NULL,
  descendant_id   INT NOT NULL,
  depth           INT NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id),
  KEY ix_category_closure_descendant (descendant_id, ancestor_id),
  CONSTRAINT fk_category_closure_ancestor FOREIGN KEY (ancestor_id) REFERENCES categories (id) ON DELETE CASCADE,
  CONSTRAINT fk_category_closure_descendant FOREIGN KEY (descendant_id) REFERENCES categories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE books (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug            VARCHAR(220) NOT NULL,
  isbn13          CHAR(13) NULL,
  title           VARCHAR(200) NOT NULL,
  subtitle        VARCHAR(200) NOT NULL DEFAULT '',
  description     TEXT NOT NULL,
  author_id       BIGINT NOT NULL,
  category_id     INT NOT NULL,
  language        CHAR(2) NOT NULL DEFAULT 'en',
  page_count      INT NULL,
  publication_date DATE NULL,
  price_cents     BIGINT NOT NULL,
  sale_price_cents BIGINT NULL,
  -- What a buyer pays today: sorted and filtered on, so it is stored and indexed.
  effective_price_cents BIGINT AS (COALESCE(sale_price_cents, price_cents)) STORED,
  currency        CHAR(3) NOT NULL DEFAULT 'USD',
  stock           INT NOT NULL DEFAULT 0,
  low_stock_threshold INT NOT NULL DEFAULT 10,
  allow_backorder TINYINT(1) NOT NULL DEFAULT 0,
  status          ENUM('draft','published','archived') NOT NULL DEFAULT 'draft',
  featured        TINYINT(1) NOT NULL DEFAULT 0,
  sell_count      BIGINT NOT NULL DEFAULT 0,
  view_count      BIGINT NOT NULL DEFAULT 0,
  rating_avg      DECIMAL(3,2) NOT NULL DEFAULT 0.00,
  rating_count    INT NOT NULL DEFAULT 0,
  -- The tags' names, kept in step with book_tags by the store, so the full-text index finds them.
  tags_text       VARCHAR(1000) NOT NULL DEFAULT '',
  cover_path      VARCHAR(200) NULL,
  cover_alt       VARCHAR(300) NOT NULL DEFAULT '',
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  -- Set on every publish: "newest" lists by it. Never NULL, so keyset cursors stay simple.
  published_at    DATETIME(6) NOT NULL,
  UNIQUE KEY uq_books_slug (slug),
  UNIQUE KEY uq_books_isbn13 (isbn13),
  -- One index per public sort order, each ending in id for the keyset cursor.
  KEY ix_books_newest (status, published_at, id),
  KEY ix_books_bestselling (status, sell_count, id),
  KEY ix_books_price (status, effective_price_cents, id),
  KEY ix_books_rating (status, rating_avg, id),
  KEY ix_books_featured (status, featured, published_at, id),
  KEY ix_books_category (category_id, status, published_at, id),
  KEY ix_books_author (author_id, status, published_at, id),
  KEY ix_books_low_stock (author_id, stock),
  FULLTEXT KEY ft_books_text (title, subtitle, description, tags_text),
  CONSTRAINT ck_books_title CHECK (CHAR_LENGTH(title) BETWEEN 1 AND 200),
  CONSTRAINT ck_books_price CHECK (price_cents >= 0),
  CONSTRAINT ck_books_sale_price CHECK (sale_price_cents IS NULL OR (sale_price_cents >= 0 AND sale_price_cents < price_cents)),
  CONSTRAINT ck_books_stock CHECK (stock >= 0),
  CONSTRAINT ck_books_low_stock CHECK (low_stock_threshold >= 0),
  CONSTRAINT ck_books_pages CHECK (page_count IS NULL OR page_count > 0),
  CONSTRAINT fk_books_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_books_category FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tags (
  id              INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug            VARCHAR(60) NOT NULL,
  name            VARCHAR(60) NOT NULL,
  UNIQUE KEY uq_tags_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE book_tags (
  book_id         BIGINT NOT NULL,
  tag_id          INT NOT NULL,
  PRIMARY KEY (book_id, tag_id),
  KEY ix_book_tags_tag (tag_id, book_id),
  CONSTRAINT fk_book_tags_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
  CONSTRAINT fk_book_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Page views counted in the workers' memory land here every few seconds; Catalog::fold_views
-- moves them into books.view_count off the request path, so a page view never locks a book row.
-- No foreign key: a flush must never wait on (or lock) the book it counts.
CREATE TABLE book_view_counts (
  book_id         BIGINT NOT NULL PRIMARY KEY,
  pending         BIGINT NOT NULL DEFAULT 0,
  updated_at      DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

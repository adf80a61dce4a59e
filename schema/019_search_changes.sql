-- The search index's change log (see README "Search").
--
-- The Xapian index is derived data: each index (one per web host, rebuilt now and then) is a
-- consumer registered in search_consumers, and every change to a book that search shows or
-- filters on writes one search_changes row per consumer, in the same transaction as the change
-- (triggers, so no writer of books can forget it: orders, flash sales, reviews, authors' and
-- admins' forms, seeds). The indexer of a consumer reads its rows, re-reads those books, writes
-- them to its index, commits the index, and only then deletes the rows: a crash at any point
-- repeats work (re-indexing a book is idempotent) and loses none.
CREATE TABLE search_consumers (
  id              INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- host/index directory name: one per index, so a rebuild collects its own changes while the
  -- index it replaces keeps being fed.
  name            VARCHAR(200) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_search_consumers_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- No foreign key to books: a deleted book must be logged too, and a log row must never lock a book.
CREATE TABLE search_changes (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  consumer_id     INT NOT NULL,
  book_id         BIGINT NOT NULL,
  -- What changed (create, publish, unpublish, edit, price, stock, sales, rating, author, category,
  -- delete): for the logs and tests; the indexer re-reads the whole book whatever it says.
  kind            VARCHAR(16) NOT NULL,
  KEY ix_search_changes_consumer (consumer_id, id),
  CONSTRAINT fk_search_changes_consumer FOREIGN KEY (consumer_id) REFERENCES search_consumers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER tr_books_search_insert AFTER INSERT ON books FOR EACH ROW
  INSERT INTO search_changes (consumer_id, book_id, kind) SELECT c.id, NEW.id, 'create' FROM search_consumers c;

-- Only columns search indexes, shows or filters on: a page view (view_count) or a touched
-- updated_at writes nothing.
CREATE TRIGGER tr_books_search_update AFTER UPDATE ON books FOR EACH ROW
  INSERT INTO search_changes (consumer_id, book_id, kind)
  SELECT c.id, NEW.id,
         CASE WHEN NEW.status <> OLD.status AND NEW.status = 'published' THEN 'publish'
              WHEN NEW.status <> OLD.status AND OLD.status = 'published' THEN 'unpublish'
              WHEN NOT (NEW.price_cents <=> OLD.price_cents AND NEW.sale_price_cents <=> OLD.sale_price_cents) THEN 'price'
              WHEN NEW.stock <> OLD.stock THEN 'stock'
              WHEN NEW.sell_count <> OLD.sell_count THEN 'sales'
              WHEN NOT (NEW.rating_avg <=> OLD.rating_avg AND NEW.rating_count <=> OLD.rating_count) THEN 'rating'
              ELSE 'edit' END
  FROM search_consumers c
  WHERE NOT (NEW.status <=> OLD.status AND NEW.title <=> OLD.title AND NEW.subtitle <=> OLD.subtitle
             AND NEW.description <=> OLD.description AND NEW.isbn13 <=> OLD.isbn13 AND NEW.author_id <=> OLD.author_id
             AND NEW.category_id <=> OLD.category_id AND NEW.language <=> OLD.language
             AND NEW.publication_date <=> OLD.publication_date AND NEW.price_cents <=> OLD.price_cents
             AND NEW.sale_price_cents <=> OLD.sale_price_cents AND NEW.stock <=> OLD.stock
             AND NEW.sell_count <=> OLD.sell_count AND NEW.rating_avg <=> OLD.rating_avg
             AND NEW.rating_count <=> OLD.rating_count AND NEW.tags_text <=> OLD.tags_text
             AND NEW.published_at <=> OLD.published_at AND NEW.slug <=> OLD.slug);

CREATE TRIGGER tr_books_search_delete AFTER DELETE ON books FOR EACH ROW
  INSERT INTO search_changes (consumer_id, book_id, kind) SELECT c.id, OLD.id, 'delete' FROM search_consumers c;

-- The author's name is indexed with each of their books. (IF first: a user's other updates read
-- no book row, so they take no lock on any.)
CREATE TRIGGER tr_users_search_update AFTER UPDATE ON users FOR EACH ROW
BEGIN
  IF NOT (NEW.display_name <=> OLD.display_name) THEN
    INSERT INTO search_changes (consumer_id, book_id, kind)
    SELECT c.id, b.id, 'author' FROM books b JOIN search_consumers c WHERE b.author_id = NEW.id;
  END IF;
END;

-- A category's path (its name and its ancestors') is indexed with every book below it; a move
-- keeps the set of books below the moved category, so NEW.id's subtree is the right set.
CREATE TRIGGER tr_categories_search_update AFTER UPDATE ON categories FOR EACH ROW
BEGIN
  IF NOT (NEW.name <=> OLD.name AND NEW.parent_id <=> OLD.parent_id) THEN
    INSERT INTO search_changes (consumer_id, book_id, kind)
    SELECT c.id, b.id, 'category' FROM category_closure cc JOIN books b ON b.category_id = cc.descendant_id
    JOIN search_consumers c WHERE cc.ancestor_id = NEW.id;
  END IF;
END;

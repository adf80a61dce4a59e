-- Ebook-only books (issue #19): a book may have no printed edition. It then has no stock and ships
-- nothing, its price is its ebook's (kept equal by store/catalog.cpp and store/editions.cpp), and it
-- counts as available: "in stock only" lists it, since a licence is never short.
ALTER TABLE books ADD COLUMN print_edition TINYINT(1) NOT NULL DEFAULT 1 AFTER stock;
ALTER TABLE books MODIFY COLUMN in_stock TINYINT(1) AS (stock > 0 OR print_edition = 0) STORED;

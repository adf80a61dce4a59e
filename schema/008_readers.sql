-- Readers: reviews (with helpful votes and reports), wishlists, pending email changes and closed accounts.
-- Times are UTC DATETIME(6) written by the application's clock, never NOW().

-- A book's rating, kept exact: integer sums per star, updated in the transaction that publishes,
-- edits, hides or deletes a review. rating_avg (002) = ROUND(rating_sum / rating_count, 2), computed
-- in integers by the store. The books row is locked late: for that UPDATE, the review's own write and
-- the commit (see store/reviews.h).

-- The demo seed wrote made-up ratings before reviews existed: they had no rows behind them.
UPDATE books SET rating_avg = 0, rating_count = 0;

ALTER TABLE books
  ADD COLUMN rating_sum BIGINT NOT NULL DEFAULT 0 AFTER rating_count,
  ADD COLUMN rating_1 INT NOT NULL DEFAULT 0 AFTER rating_sum,
  ADD COLUMN rating_2 INT NOT NULL DEFAULT 0 AFTER rating_1,
  ADD COLUMN rating_3 INT NOT NULL DEFAULT 0 AFTER rating_2,
  ADD COLUMN rating_4 INT NOT NULL DEFAULT 0 AFTER rating_3,
  ADD COLUMN rating_5 INT NOT NULL DEFAULT 0 AFTER rating_4,
  ADD CONSTRAINT ck_books_ratings CHECK (rating_count >= 0 AND rating_sum >= 0 AND rating_1 >= 0 AND rating_2 >= 0
                                         AND rating_3 >= 0 AND rating_4 >= 0 AND rating_5 >= 0);

-- One review per reader per book. Only 'published' reviews count in the book's rating and show publicly.
-- verified: the reader had a paid order holding the book when they wrote (or last edited) the review.
CREATE TABLE reviews (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  book_id         BIGINT NOT NULL,
  user_id         BIGINT NOT NULL,
  rating          TINYINT NOT NULL,
  title           VARCHAR(120) NOT NULL,
  body            TEXT NOT NULL,
  status          ENUM('published','pending','rejected') NOT NULL,
  verified        TINYINT(1) NOT NULL DEFAULT 0,
  helpful_count   INT NOT NULL DEFAULT 0,
  reported_count  INT NOT NULL DEFAULT 0,
  admin_reply     TEXT NULL,
  replied_at      DATETIME(6) NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_reviews_book_user (book_id, user_id),
  -- The book page's two sorts, each ending in id for the keyset cursor.
  KEY ix_reviews_helpful (book_id, status, helpful_count, id),
  KEY ix_reviews_newest (book_id, status, created_at, id),
  -- The moderation queue: reported first, then pending, oldest first.
  KEY ix_reviews_moderation (status, reported_count, id),
  KEY ix_reviews_user (user_id, id),
  CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT ck_reviews_counts CHECK (helpful_count >= 0 AND reported_count >= 0),
  CONSTRAINT fk_reviews_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
  CONSTRAINT fk_reviews_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Helpful" votes: the primary key is the one-per-reader rule; reviews.helpful_count is their count.
CREATE TABLE review_votes (
  review_id       BIGINT NOT NULL,
  user_id         BIGINT NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  PRIMARY KEY (review_id, user_id),
  KEY ix_review_votes_user (user_id),
  CONSTRAINT fk_review_votes_review FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
  CONSTRAINT fk_review_votes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Readers' reports; reviews.reported_count counts the open ones (a moderator's decision clears them).
CREATE TABLE review_reports (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  review_id       BIGINT NOT NULL,
  user_id         BIGINT NOT NULL,
  reason          ENUM('spam','offensive','off_topic','spoiler','other') NOT NULL,
  note            VARCHAR(500) NOT NULL DEFAULT '',
  created_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_review_reports (review_id, user_id),
  KEY ix_review_reports_user (user_id),
  CONSTRAINT fk_review_reports_review FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
  CONSTRAINT fk_review_reports_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Named wishlists. A list is private unless shared: sharing stores the SHA-256 of a random token, and
-- the link carries the token; revoking sets the hash back to NULL, so the old link finds nothing.
CREATE TABLE wishlists (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id         BIGINT NOT NULL,
  name            VARCHAR(80) NOT NULL,
  share_token_hash BINARY(32) NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_wishlists_share (share_token_hash),
  UNIQUE KEY uq_wishlists_name (user_id, name),
  CONSTRAINT fk_wishlists_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wishlist_items (
  wishlist_id     BIGINT NOT NULL,
  book_id         BIGINT NOT NULL,
  priority        TINYINT NOT NULL DEFAULT 3,
  note            VARCHAR(300) NOT NULL DEFAULT '',
  added_at        DATETIME(6) NOT NULL,
  PRIMARY KEY (wishlist_id, book_id),
  KEY ix_wishlist_items_book (book_id),
  CONSTRAINT ck_wishlist_items_priority CHECK (priority BETWEEN 1 AND 5),
  CONSTRAINT fk_wishlist_items_list FOREIGN KEY (wishlist_id) REFERENCES wishlists (id) ON DELETE CASCADE,
  CONSTRAINT fk_wishlist_items_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A change of email waits here until the link mailed to the new address is used.
CREATE TABLE pending_email_changes (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id         BIGINT NOT NULL,
  new_email       VARCHAR(254) NOT NULL,
  token_hash      BINARY(32) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  expires_at      DATETIME(6) NOT NULL,
  used_at         DATETIME(6) NULL,
  UNIQUE KEY uq_pending_email_changes_token (token_hash),
  KEY ix_pending_email_changes_user (user_id),
  CONSTRAINT fk_pending_email_changes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A closed account keeps its row (orders and reviews point at it) with every personal field replaced.
ALTER TABLE users ADD COLUMN closed_at DATETIME(6) NULL;

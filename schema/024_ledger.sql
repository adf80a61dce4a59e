-- The royalty ledger (issue #20): an exact, append-only, double-entry record of where every cent of a
-- paid order goes, the commission terms that split it, and the payouts that settle what authors are owed.
-- store/ledger.cpp writes and reads it; store/payouts.cpp runs payouts; core/royalty.h splits the money.
--
-- Sign rule: an entry's amount is a credit when positive and a debit when negative, and every journal's
-- entries sum to zero. A sale debits `bank` by what the buyer paid and credits the author's royalty, the
-- shop's commission, tax collected and shipping collected; a refund does the opposite; a payout debits
-- the author's royalty and credits `payouts_due`, and its confirmation moves that to `bank`. An account's
-- balance is the sum of its entries (credit balances positive: what the shop owes or has earned).
--
-- Lock order (after the order, coupon, books and revenue rollups of store/orders.h): ledger_accounts by
-- id (payout runs lock an author's royalty account FOR UPDATE), then journals and entries (inserts only).

-- What the shop keeps of each sold item: a percentage of the line's net (after its coupon share) plus an
-- optional fixed part per unit, capped at the net. author_id NULL is the shop's default; an author's own
-- row overrides it. A row applies to sales paid at or after effective_from; rows are never edited, so a
-- change can only ever apply forwards (the admin page refuses a start in the past).
CREATE TABLE commission_terms (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id       BIGINT NULL,
  author_key      BIGINT AS (COALESCE(author_id, 0)) PERSISTENT,
  rate_bp         INT NOT NULL,
  fixed_cents     BIGINT NOT NULL DEFAULT 0,
  effective_from  DATETIME(6) NOT NULL,
  note            VARCHAR(200) NOT NULL DEFAULT '',
  created_by      BIGINT NULL,
  created_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_commission_terms (author_key, effective_from),
  CONSTRAINT ck_commission_terms_rate CHECK (rate_bp BETWEEN 0 AND 10000 AND fixed_cents BETWEEN 0 AND 100000000),
  CONSTRAINT fk_commission_terms_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_commission_terms_creator FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The shop's default from the beginning: 30 % commission, no fixed part.
INSERT INTO commission_terms (author_id, rate_bp, fixed_cents, effective_from, note, created_at)
VALUES (NULL, 3000, 0, '2000-01-01 00:00:00', 'Default terms', '2000-01-01 00:00:00');

-- One account per kind, author (royalties only) and currency.
CREATE TABLE ledger_accounts (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind            ENUM('bank','author_royalty','shop_commission','tax_collected','shipping_collected','payouts_due')
                  NOT NULL,
  author_id       BIGINT NULL,
  author_key      BIGINT AS (COALESCE(author_id, 0)) PERSISTENT,
  currency        CHAR(3) NOT NULL,
  UNIQUE KEY uq_ledger_accounts (kind, author_key, currency),
  KEY ix_ledger_accounts_author (author_id),
  CONSTRAINT ck_ledger_accounts_author CHECK ((kind = 'author_royalty') = (author_id IS NOT NULL)),
  CONSTRAINT fk_ledger_accounts_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One business event: a sale (an order paid), a refund (partial, or the full reversal of a cancelled or
-- refunded order), a payout made in a run, a payout confirmed as sent.
CREATE TABLE ledger_journals (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind            ENUM('sale','refund','payout','payout_paid') NOT NULL,
  order_id        BIGINT NULL,
  payout_id       BIGINT NULL,
  memo            VARCHAR(200) NOT NULL DEFAULT '',
  created_at      DATETIME(6) NOT NULL,
  KEY ix_ledger_journals_order (order_id),
  KEY ix_ledger_journals_payout (payout_id),
  CONSTRAINT fk_ledger_journals_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The entries. held_from is the time of the sale an entry belongs to (a refund's entries carry their
-- sale's time too); a royalty becomes payable once payout_hold_days have passed since it, so a refund in
-- the hold period reduces what is pending and a later one what is payable. Payout entries carry their
-- own time.
CREATE TABLE ledger_entries (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  journal_id      BIGINT NOT NULL,
  account_id      BIGINT NOT NULL,
  amount_cents    BIGINT NOT NULL,
  author_id       BIGINT NULL,  -- the author whose line (royalty, commission) or payout this is
  book_id         BIGINT NULL,
  terms_id        BIGINT NULL,
  held_from       DATETIME(6) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  KEY ix_ledger_entries_journal (journal_id),
  KEY ix_ledger_entries_account_created (account_id, created_at),
  KEY ix_ledger_entries_account_held (account_id, held_from),
  KEY ix_ledger_entries_author (author_id, created_at),
  CONSTRAINT fk_ledger_entries_journal FOREIGN KEY (journal_id) REFERENCES ledger_journals (id),
  CONSTRAINT fk_ledger_entries_account FOREIGN KEY (account_id) REFERENCES ledger_accounts (id),
  CONSTRAINT fk_ledger_entries_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_ledger_entries_book FOREIGN KEY (book_id) REFERENCES books (id),
  CONSTRAINT fk_ledger_entries_terms FOREIGN KEY (terms_id) REFERENCES commission_terms (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only: the database itself refuses to change or remove an entry or a journal.
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger entries are append-only';
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger entries are append-only';
CREATE TRIGGER ledger_journals_no_update BEFORE UPDATE ON ledger_journals FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger journals are append-only';
CREATE TRIGGER ledger_journals_no_delete BEFORE DELETE ON ledger_journals FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger journals are append-only';

-- A payout run: started by an admin (run_key "manual-<id>") or by the companion process for a month
-- ("monthly-2026-12"); the key makes a scheduled run happen once however often it is asked for.
CREATE TABLE payout_runs (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  run_key         VARCHAR(40) NOT NULL,
  minimum_cents   BIGINT NOT NULL,
  started_by      BIGINT NULL,
  created_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_payout_runs_key (run_key),
  CONSTRAINT fk_payout_runs_starter FOREIGN KEY (started_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One payout per author and currency in a run, with the bank details as they were when it was made.
CREATE TABLE payouts (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  run_id          BIGINT NOT NULL,
  author_id       BIGINT NOT NULL,
  currency        CHAR(3) NOT NULL,
  amount_cents    BIGINT NOT NULL,
  status          ENUM('pending','paid') NOT NULL DEFAULT 'pending',
  account_name    VARCHAR(70) NOT NULL,
  iban            VARCHAR(34) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  paid_at         DATETIME(6) NULL,
  confirmed_by    BIGINT NULL,
  UNIQUE KEY uq_payouts_run_author (run_id, author_id, currency),
  KEY ix_payouts_author (author_id, id),
  CONSTRAINT ck_payouts_amount CHECK (amount_cents > 0),
  CONSTRAINT fk_payouts_run FOREIGN KEY (run_id) REFERENCES payout_runs (id),
  CONSTRAINT fk_payouts_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_payouts_confirmer FOREIGN KEY (confirmed_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The royalty entries (sales and refunds) a payout settles; an entry is settled by one payout at most.
CREATE TABLE payout_items (
  payout_id       BIGINT NOT NULL,
  entry_id        BIGINT NOT NULL,
  PRIMARY KEY (entry_id),
  KEY ix_payout_items_payout (payout_id),
  CONSTRAINT fk_payout_items_payout FOREIGN KEY (payout_id) REFERENCES payouts (id),
  CONSTRAINT fk_payout_items_entry FOREIGN KEY (entry_id) REFERENCES ledger_entries (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Where an author's money goes (the current, confirmed details).
CREATE TABLE author_payout_details (
  author_id       BIGINT NOT NULL PRIMARY KEY,
  account_name    VARCHAR(70) NOT NULL,
  iban            VARCHAR(34) NOT NULL,
  confirmed_at    DATETIME(6) NOT NULL,
  CONSTRAINT fk_author_payout_details_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A change of details waits here until the author follows the link emailed to their address (only the
-- token's hash is kept); every request and confirmation is also written to the audit log.
CREATE TABLE payout_detail_changes (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id       BIGINT NOT NULL,
  account_name    VARCHAR(70) NOT NULL,
  iban            VARCHAR(34) NOT NULL,
  token_hash      CHAR(64) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  expires_at      DATETIME(6) NOT NULL,
  confirmed_at    DATETIME(6) NULL,
  UNIQUE KEY uq_payout_detail_changes_token (token_hash),
  KEY ix_payout_detail_changes_author (author_id, id),
  CONSTRAINT fk_payout_detail_changes_author FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

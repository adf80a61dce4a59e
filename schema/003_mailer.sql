-- The mailer: leases on outbox rows, a shared send budget, digest schedule progress.
-- Times are UTC DATETIME(6) written by the application's clock, never NOW().

-- A claim is a lease: claiming sets claimed_until and moves next_attempt_at to the same
-- instant, so a row whose mailer died becomes due again by itself when the lease runs out
-- (the same index serves both). attempts counts claims, so a resend says which try it was.
-- 'failed': a permanent refusal (5xx for the recipient), never retried unless requeued.
-- 'dead': gave up after mail_max_attempts temporary failures. Neither is ever deleted.
ALTER TABLE outbox
  MODIFY status ENUM('pending','sent','failed','dead') NOT NULL DEFAULT 'pending',
  ADD COLUMN claimed_by VARCHAR(64) NULL AFTER attempts,
  ADD COLUMN claimed_until DATETIME(6) NULL AFTER claimed_by,
  ADD COLUMN last_attempt_at DATETIME(6) NULL AFTER next_attempt_at;

-- One row per budget: the earliest instant the next message may go. Each send moves it one
-- interval (60 s / rate) past the sender's now with a conditional UPDATE, so any number of
-- mailers together keep to the rate.
CREATE TABLE mail_rate_budget (
  name            VARCHAR(40) NOT NULL PRIMARY KEY,
  next_slot_at    DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO mail_rate_budget (name, next_slot_at) VALUES ('smtp', '1970-01-01 00:00:00');

-- How far each digest schedule has got: the start of the last period whose messages were
-- queued. Written in the transaction that queues them, so a crash neither skips nor repeats.
CREATE TABLE mail_schedules (
  name            VARCHAR(40) NOT NULL PRIMARY KEY,
  done_through    DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Mailing lists a user can leave with one click: the readers' new-books digest
-- (users.newsletter, already there, default on) and the authors' sales digests.
ALTER TABLE users ADD COLUMN author_digests TINYINT(1) NOT NULL DEFAULT 1 AFTER newsletter;
CREATE INDEX ix_users_newsletter ON users (newsletter, id);

-- One throttle for password guessing and the other costly anonymous forms (#12.3, #13.6).
--
-- Every attempt is counted BEFORE the password is weighed, in one locked upsert of its row, so
-- parallel guesses cannot all slip under the limit. Rows are keyed by a hash of what they count:
--   pair     (account email, client address): 5 attempts a window, then that pair waits;
--   account  failures on an account from addresses it never logged in from;
--   address  failures from an address on accounts that never logged in from it;
--   register, reset-address, reset-email: sign-ups and reset emails per address / per account.
-- Past the account or address figure, a pair with no login history gets one try a window: a
-- correct password is still accepted on it, and pairs that logged in before are never touched.
CREATE TABLE login_guard (
  scope             VARCHAR(16) NOT NULL,
  subject           BINARY(32) NOT NULL,
  attempts          INT NOT NULL,
  window_started_at DATETIME(6) NOT NULL,
  PRIMARY KEY (scope, subject),
  KEY ix_login_guard_window (window_started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Addresses an account logged in from: their pairs keep their own allowance whatever others do.
CREATE TABLE login_known_addresses (
  user_id       BIGINT NOT NULL,
  address_hash  BINARY(32) NOT NULL,
  last_login_at DATETIME(6) NOT NULL,
  PRIMARY KEY (user_id, address_hash),
  KEY ix_login_known_last (last_login_at),
  CONSTRAINT fk_login_known_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DROP TABLE login_throttle;

-- Accounts, sessions, single-use email tokens, login throttling and the outbox.
-- Times are UTC DATETIME(6) written by the application's clock, never NOW().

CREATE TABLE users (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email           VARCHAR(254) NOT NULL,
  display_name    VARCHAR(100) NOT NULL,
  password_hash   VARCHAR(255) NOT NULL,
  role            ENUM('customer','author','admin') NOT NULL DEFAULT 'customer',
  active          TINYINT(1) NOT NULL DEFAULT 1,
  newsletter      TINYINT(1) NOT NULL DEFAULT 1,
  email_verified_at DATETIME(6) NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_users_email (email),
  KEY ix_users_role (role, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only a SHA-256 of the cookie token is kept, so a leaked table opens no session.
CREATE TABLE sessions (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash      BINARY(32) NOT NULL,
  user_id         BIGINT NULL,
  created_at      DATETIME(6) NOT NULL,
  last_seen_at    DATETIME(6) NOT NULL,
  expires_at      DATETIME(6) NOT NULL,
  UNIQUE KEY uq_sessions_token (token_hash),
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_expiry (expires_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE email_tokens (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id         BIGINT NOT NULL,
  purpose         ENUM('verify_email','reset_password') NOT NULL,
  token_hash      BINARY(32) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  expires_at      DATETIME(6) NOT NULL,
  used_at         DATETIME(6) NULL,
  UNIQUE KEY uq_email_tokens_hash (token_hash),
  KEY ix_email_tokens_user (user_id, purpose),
  CONSTRAINT fk_email_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins per account and per address; a lock grows with repeated failures.
CREATE TABLE login_throttle (
  scope           ENUM('account','address') NOT NULL,
  subject         VARCHAR(254) NOT NULL,
  failures        INT NOT NULL DEFAULT 0,
  window_started_at DATETIME(6) NOT NULL,
  locked_until    DATETIME(6) NULL,
  PRIMARY KEY (scope, subject),
  KEY ix_login_throttle_window (window_started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Transactional outbox: written in the transaction that causes the email; the
-- mailer claims rows with SELECT ... FOR UPDATE SKIP LOCKED. dedupe_key makes a
-- second write of the same message fail instead of sending twice.
CREATE TABLE outbox (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dedupe_key      VARCHAR(191) NOT NULL,
  kind            VARCHAR(40) NOT NULL,
  recipient       VARCHAR(254) NOT NULL,
  subject         VARCHAR(255) NOT NULL,
  body_text       MEDIUMTEXT NOT NULL,
  body_html       MEDIUMTEXT NOT NULL,
  list_unsubscribe VARCHAR(500) NULL,
  status          ENUM('pending','sent','dead') NOT NULL DEFAULT 'pending',
  attempts        INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  last_error      TEXT NULL,
  created_at      DATETIME(6) NOT NULL,
  sent_at         DATETIME(6) NULL,
  UNIQUE KEY uq_outbox_dedupe (dedupe_key),
  KEY ix_outbox_due (status, next_attempt_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

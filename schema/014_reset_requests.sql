-- Password reset requests wait here for the mailer (#12.8). The form only records the address asked
-- for, the same single INSERT whether or not an account has it, so the answer takes the same time for
-- known and unknown addresses; the mailer looks the address up, issues the token and queues the email.
CREATE TABLE password_reset_requests (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  email         VARCHAR(254) NOT NULL,
  requested_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

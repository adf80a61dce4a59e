-- The admin console's audit log: who did what to which record, with the values before and after.
CREATE TABLE audit_log (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  actor_id        BIGINT NULL,
  action          VARCHAR(60) NOT NULL,
  subject_type    VARCHAR(40) NOT NULL,
  subject_id      BIGINT NOT NULL,
  before_state    TEXT NOT NULL,
  after_state     TEXT NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  KEY ix_audit_log_subject (subject_type, subject_id, id),
  KEY ix_audit_log_actor (actor_id, id),
  CONSTRAINT fk_audit_log_actor FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Admins search users by email or name.
ALTER TABLE users ADD KEY ix_users_display_name (display_name);

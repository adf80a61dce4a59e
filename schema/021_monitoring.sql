-- Monitoring: each mailer process says it is alive. The mailer's loop writes its row every few
-- seconds (time from the application's clock); /metrics and /healthz read the newest. Rows of
-- processes gone for a day are deleted by the next beat of any mailer.
CREATE TABLE mailer_heartbeats (
  worker_id       VARCHAR(64) NOT NULL PRIMARY KEY,
  beat_at         DATETIME(6) NOT NULL,
  KEY ix_mailer_heartbeats_beat (beat_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

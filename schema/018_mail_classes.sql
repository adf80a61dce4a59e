-- Two streams of mail (issue #21). Transactional mail answers something a person just did
-- (verification, password reset, email change, receipts, order updates); bulk mail goes to a list
-- (digests, newsletters, statements). The mailer claims transactional rows first and bulk mail
-- never uses the share of the send budget kept for transactional mail, so a sign-up does not wait
-- behind a digest. A new kind of email is transactional unless its writer marks it bulk.
ALTER TABLE outbox
  ADD COLUMN mail_class ENUM('transactional','bulk') NOT NULL DEFAULT 'transactional' AFTER kind,
  DROP KEY ix_outbox_due,
  -- Claims walk one class's due rows in order; MIN per class and the per-class counts use it too.
  ADD KEY ix_outbox_class_due (status, mail_class, next_attempt_at, id);

UPDATE outbox SET mail_class = 'bulk' WHERE kind IN ('author_daily', 'author_monthly', 'reader_daily');

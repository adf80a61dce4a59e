-- The footer's pages (about, terms, privacy, shipping and returns, contact): text the admin edits in
-- the console (/admin/pages), shown at /pages/{slug}. The body is plain text; blank lines separate
-- paragraphs (no markup is stored, so nothing an admin types can run in a reader's browser).
CREATE TABLE site_pages (
  id              INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug            VARCHAR(40) NOT NULL,
  title           VARCHAR(120) NOT NULL,
  summary         VARCHAR(300) NOT NULL,
  body            MEDIUMTEXT NOT NULL,
  position        INT NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  updated_by      BIGINT NULL,
  UNIQUE KEY uq_site_pages_slug (slug),
  KEY ix_site_pages_position (position, id),
  CONSTRAINT fk_site_pages_updated_by FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO site_pages (slug, title, summary, body, position, updated_at) VALUES
('about', 'About Bookfair', 'Bookfair is a bookshop where the people who write the books sell them.',
 'Bookfair is a bookshop where the people who write the books sell them: every title here was published by its author, who sets its price and sees every sale.\n\nReaders browse, keep wishlists, review what they read and buy straight from the author. Flash sales let authors offer a few signed or discounted copies at once.', 10, '2026-12-01 00:00:00'),
('terms', 'Terms of sale', 'The terms that apply when you buy a book on Bookfair.',
 'These terms apply to every order placed on Bookfair.\n\nPrices include the tax shown at checkout. An order is accepted when payment succeeds; you receive a receipt by email. Books held for payment are kept for 15 minutes.\n\nYou may cancel an order until it ships; the full amount is refunded to your card.', 20, '2026-12-01 00:00:00'),
('privacy', 'Privacy', 'What Bookfair keeps about you, why, and how to have it removed.',
 'We keep what we need to sell you books: your name, email address, delivery addresses and orders. We never sell it.\n\nYou can close your account at any time in your settings: your personal details are removed, and orders stay in our books without your name or street address.', 30, '2026-12-01 00:00:00'),
('shipping-returns', 'Shipping and returns', 'How books are shipped, what it costs and how to return one.',
 'Standard shipping costs $4.99 and is free on orders of $35 or more; express shipping is offered at checkout. You receive an email with the carrier and a tracking link when your order ships.\n\nIf a book arrives damaged or is not what you ordered, write to us within 30 days and we will refund or replace it.', 40, '2026-12-01 00:00:00'),
('contact', 'Contact', 'How to reach the people behind Bookfair.',
 'Write to us at the support address below any page of our emails, or at the address in the footer of every email we send. We answer within two working days.', 50, '2026-12-01 00:00:00');

-- The authors index (/authors) walks authors by name, a page at a time.
ALTER TABLE users ADD KEY ix_users_role_name (role, display_name, id);

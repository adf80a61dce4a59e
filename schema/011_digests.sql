-- The mailer's daily and monthly author digests read a period of the sales ledger across all authors.
ALTER TABLE sales_ledger ADD KEY ix_sales_ledger_sold_at (sold_at);

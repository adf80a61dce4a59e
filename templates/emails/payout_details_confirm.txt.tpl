Hello {{NAME}},

Someone (we hope you) asked to send your Bookfair royalties to a new account:

  Account holder: {{ACCOUNT_NAME}}
  IBAN: {{IBAN}}

To confirm, open this link within {{HOURS}} hours while logged in:
{{LINK}}

If this was not you, do not open the link, and change your password: your payouts keep going to the
account you confirmed before.

-- Bookfair

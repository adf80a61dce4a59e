-- The newsletter goes only to people who ask for it: a new account has it off unless the sign-up
-- form's box was ticked (Accounts::create sets it). Accounts made before keep their setting, which
-- every newsletter email and the settings page let them turn off.
ALTER TABLE users ALTER COLUMN newsletter SET DEFAULT 0;

Confirm your email address for Bookfair

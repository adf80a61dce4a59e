Confirm your new email address for Bookfair

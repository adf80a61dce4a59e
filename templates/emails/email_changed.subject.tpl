Your Bookfair email address was changed

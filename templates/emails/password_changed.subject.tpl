Your Bookfair password was changed

Your Bookfair account is closed

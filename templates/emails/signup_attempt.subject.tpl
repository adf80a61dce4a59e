You already have a Bookfair account

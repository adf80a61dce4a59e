Choose a new Bookfair password

Someone tried to use your email address at Bookfair

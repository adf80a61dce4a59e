Confirm your new bank details on Bookfair

Your Bookfair statement for {{MONTH}}

Your Bookfair receipt {{ORDER_NUMBER}}

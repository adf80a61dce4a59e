Your Bookfair receipt for order {{NUMBER}}

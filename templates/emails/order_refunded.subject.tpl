{{AMOUNT}} refunded for your Bookfair order {{NUMBER}}

Your Bookfair order {{NUMBER}} is on its way

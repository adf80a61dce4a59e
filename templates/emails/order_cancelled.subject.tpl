Your Bookfair order {{NUMBER}} is cancelled

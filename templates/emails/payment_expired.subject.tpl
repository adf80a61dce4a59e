Your Bookfair order {{NUMBER}} was cancelled: payment not completed

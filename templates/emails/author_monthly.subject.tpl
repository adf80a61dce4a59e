Your Bookfair revenue for {{MONTH}}: {{TOTAL_REVENUE}}

Your Bookfair sales on {{DATE}}: {{TOTAL_UNITS}} sold, {{TOTAL_REVENUE}}

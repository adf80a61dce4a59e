New on Bookfair: {{COUNT}} {{BOOKS_WORD}} since yesterday

-- 
{{SHOP_NAME}} — books sold by the people who write them.
{{SHOP_ADDRESS}}
Questions? Write to {{SUPPORT_EMAIL}}.
{{SHOP_URL}}

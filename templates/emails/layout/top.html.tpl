{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{SHOP_NAME}}</title></head>
<body style="margin: 0; font-family: Georgia, serif; color: #1f2933; background: #fbf8f3; padding: 24px;">
<div style="max-width: 560px; margin: 0 auto;">
<p style="margin: 0 0 12px;"><a href="{{SHOP_URL}}" style="color: #1f2933; text-decoration: none; font-size: 20px; font-weight: bold;"><img src="{{SHOP_URL}}/static/img/logo-email.png" width="32" height="32" alt="" style="vertical-align: middle; border: 0; margin-right: 8px;">{{SHOP_NAME}}</a></p>
<div style="background: #ffffff; border: 1px solid #e4ddd2; border-radius: 8px; padding: 24px;">

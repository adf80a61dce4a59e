{{%AUTOESCAPE context="HTML"}}</div>
<p style="color: #52606d; font-size: 13px; line-height: 1.5; margin: 16px 0 0;">{{SHOP_NAME}} — books sold by the people who write them.<br>
{{SHOP_ADDRESS}}<br>
Questions? Write to <strong>{{SUPPORT_EMAIL}}</strong>.</p>
</div>
</body></html>

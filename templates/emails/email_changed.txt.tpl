Hello {{NAME}},

The email address of your Bookfair account was changed to {{NEW_EMAIL}}. Messages will go there from now on.

If you did not make this change, reset your password at {{LINK}} and write to us.

{{>EMAIL_FOOTER}}
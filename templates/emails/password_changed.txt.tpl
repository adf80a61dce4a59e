Hello {{NAME}},

The password of your Bookfair account {{EMAIL}} was just changed, and every other device was logged out.

If this was you, there is nothing more to do.

If it was not you, choose a new password at once at {{RESET_LINK}} and write to us.

{{>EMAIL_FOOTER}}

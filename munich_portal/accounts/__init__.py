"""Accounts: the custom user model (e-mail as login), Mein Konto and account deletion."""

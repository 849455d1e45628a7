from allauth.account.adapter import DefaultAccountAdapter


class PortalAccountAdapter(DefaultAccountAdapter):
    """allauth adapter: residents sign up freely; staff accounts are made by administrators."""

    def is_open_for_signup(self, request):
        return True

"""Display preferences on every request (issue 8, item 1).

:class:`DisplayPreferencesMiddleware` sits after the authentication middleware. It

- replaces the preference cookie in ``request.COOKIES`` by its canonical form, or removes it when
  it is not valid or holds only defaults — before any view runs, so the anonymous page cache
  (``munich_portal.core.page_cache``, keyed by ``PAGE_CACHE_VARY_COOKIES``) keeps at most one
  entry per real combination of preferences, however the cookie was spelled or forged;
- puts ``request.display_preferences``: the resident's stored preferences when logged in and
  stored (the account wins over the device), else the cookie's, else the defaults. It is lazy,
  so pages that never render the layout (the admin, files) cost no query.
"""

from django.utils.functional import SimpleLazyObject

from accessibility import preferences as prefs
from accessibility.selectors import effective_preferences


def canonical_cookie(request) -> str | None:
    """The canonical preference cookie value of ``request``, or ``None`` (absent or default)."""
    parsed = prefs.parse(request.COOKIES.get(prefs.COOKIE_NAME))
    if parsed is None or parsed.is_default:
        return None
    return parsed.cookie_value()


class DisplayPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        value = canonical_cookie(request)
        if value is None:
            request.COOKIES.pop(prefs.COOKIE_NAME, None)
        else:
            request.COOKIES[prefs.COOKIE_NAME] = value
        request.display_preferences = SimpleLazyObject(
            lambda: effective_preferences(user=getattr(request, "user", None), cookie_value=value)
        )
        return self.get_response(request)

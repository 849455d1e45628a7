"""The classes the layout puts on ``<html>`` (templates/base.html) for the display preferences."""

from django.utils.functional import lazy

from accessibility import preferences as prefs
from accessibility.middleware import canonical_cookie


def _html_class(request) -> str:
    preferences = getattr(request, "display_preferences", None)
    if preferences is None:  # a request that did not pass the middleware (RequestFactory)
        preferences = prefs.parse(canonical_cookie(request) or "") or prefs.DEFAULT
    return preferences.html_class()


# Made once: lazy() builds a proxy class on every call (issue 17, docs/performance.md).
_lazy_html_class = lazy(_html_class, str)


def display_preferences(request):
    """``display_html_class``: e.g. ``pref-text-large pref-contrast-high`` (empty by default).

    Lazy, so a template that never prints it (the admin's) costs no database query.
    """
    return {"display_html_class": _lazy_html_class(request)}

from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

#: Addresses longer than this are translated on every request instead of being remembered.
_MEMO_PATH_LENGTH = 300


@lru_cache(maxsize=4096)
def _translated(path: str, current: str, other: str) -> str:
    # translate_url resolves the path in the active language and reverses it in the other: a pure
    # function of the URLconf, so each process works it out once per address (issue 17).
    with translation.override(current):
        return translate_url(path, other)


def portal(request):
    """Values every page layout needs: this page in the other language, the contact addresses."""
    current = translation.get_language() or "de"
    other = "en" if current.startswith("de") else "de"
    path = request.get_full_path()
    if len(path) < _MEMO_PATH_LENGTH:
        other_url = _translated(path, current, other)
    else:
        other_url = translate_url(path, other)
    return {
        "other_language_code": other,
        "other_language_url": other_url,
        "portal_contact_email": settings.PORTAL_CONTACT_EMAIL,
        "portal_accessibility_email": settings.PORTAL_ACCESSIBILITY_EMAIL,
    }

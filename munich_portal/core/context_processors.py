from django.urls import translate_url
from django.utils import translation


def portal(request):
    """Values every page layout needs: the address of this page in the other language."""
    current = translation.get_language() or "de"
    other = "en" if current.startswith("de") else "de"
    return {
        "other_language_code": other,
        "other_language_url": translate_url(request.get_full_path(), other),
    }

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def portal(request):
    """Values every page layout needs: this page in the other language, the contact addresses."""
    current = translation.get_language() or "de"
    other = "en" if current.startswith("de") else "de"
    return {
        "other_language_code": other,
        "other_language_url": translate_url(request.get_full_path(), other),
        "portal_contact_email": settings.PORTAL_CONTACT_EMAIL,
        "portal_accessibility_email": settings.PORTAL_ACCESSIBILITY_EMAIL,
    }

"""HTML that staff type and residents read: one allowlist for all of it.

Staff enter help texts of online-request fields, consent texts of participation registrations and
similar short texts in the staff area; the public pages render them as HTML (a hint may hold a
link or a list). :func:`staff_html` is the only way such text reaches a page: it keeps a handful of
harmless tags (``p``, ``br``, ``strong``, ``em``, ``ul``, ``ol``, ``li`` and ``a``) and drops
everything else — scripts and styles with their content, iframes, forms, images, every attribute
but a link's ``href``, and any ``href`` that is not ``https:``, ``mailto:`` or relative. Every
link gets ``rel="noopener noreferrer"``. Plain text (a help text written in the code, a consent
text without markup) comes out unchanged apart from escaping ``<`` and ``&``.

Templates use the ``|staff_html`` filter (``core/templatetags/portal.py``);
``templates/forms/includes/hint_and_errors.html`` applies it to every field's help text.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a"})
ALLOWED_URL_SCHEMES = frozenset({"https", "mailto"})
LINK_REL = "noopener noreferrer"
# Removed together with what they contain (the text of a script is no hint).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "textarea",
        "select",
        "title",
        "svg",
        "math",
    }
)

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"a": {"href"}},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)


def staff_html(value) -> SafeString:
    """``value`` (staff-entered HTML or plain text) reduced to the allowlist, safe to render."""
    if value is None:
        return mark_safe("")
    return mark_safe(_CLEANER.clean(str(value)))  # noqa: S308 - nh3's allowlist output

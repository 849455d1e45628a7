"""Template helpers shared by every page."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from munich_portal.core.html import staff_html as clean_staff_html

register = template.Library()


@register.filter
def staff_html(value):
    """Staff-entered HTML (help and consent texts) reduced to the allowlist of core/html.py."""
    return clean_staff_html(value)


@register.simple_tag
def breadcrumbs(*parts) -> SafeString:
    """Render the breadcrumb trail: ``{% breadcrumbs "Parent" parent_url "This page" %}``.

    Labels and addresses alternate; the last label is the current page and gets no link.
    """
    remaining = list(parts)
    trail = []
    while len(remaining) > 1:
        label, url = remaining.pop(0), remaining.pop(0)
        trail.append((label, url))
    if remaining:
        trail.append((remaining[0], None))
    return breadcrumb_trail(trail)


@register.simple_tag
def breadcrumb_trail(trail) -> SafeString:
    """The breadcrumbs' ``<nav>``: the home page, then each ``(label, url)`` of ``trail``; the
    last, and any without an address, as text marked as the current page.

    Built in Python, not by including a template: an include costs a template lookup, a new
    context and a dozen nodes on every page with breadcrumbs (issue 17, round 7). Labels and
    addresses are escaped as ``{{ }}`` would (safe strings stay as they are).
    """
    items = []
    last = len(trail) - 1
    for index, (label, url) in enumerate(trail):
        if url and index != last:
            items.append(format_html('    <li><a href="{}">{}</a></li>\n', url, label))
        else:
            items.append(format_html('    <li aria-current="page">{}</li>\n', label))
    return format_html(
        '<nav class="breadcrumbs container" aria-label="{}">\n  <ol>\n'
        '    <li><a href="{}">{}</a></li>\n{}  </ol>\n</nav>\n',
        gettext("Breadcrumbs"),
        reverse("portal:home"),
        gettext("Home"),
        mark_safe("".join(items)),  # noqa: S308 - each item built by format_html
    )

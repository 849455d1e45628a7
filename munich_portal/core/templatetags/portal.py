"""Template helpers shared by every page."""

from django import template
from django.template.loader import render_to_string

from munich_portal.core.html import staff_html as clean_staff_html

register = template.Library()


@register.filter
def staff_html(value):
    """Staff-entered HTML (help and consent texts) reduced to the allowlist of core/html.py."""
    return clean_staff_html(value)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, *parts):
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
    # Without the request: the trail needs no context processor, and running them all again for
    # an include costs more than the trail itself (issue 17).
    return render_to_string("includes/breadcrumbs.html", {"breadcrumbs": trail})

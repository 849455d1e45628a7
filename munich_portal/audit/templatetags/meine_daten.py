"""Template helpers of Meine Daten: a stored value in plain words."""

from django import template

from munich_portal.audit.values import plain_text

register = template.Library()


@register.filter
def plain_value(value) -> str:
    """A field's value as a resident reads it (:func:`munich_portal.audit.values.plain_text`):
    yes/no, a time in Europe/Berlin, a choice's label, "label: value" lines, "—" for nothing."""
    return plain_text(value)

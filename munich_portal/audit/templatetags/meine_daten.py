"""Template helpers of Meine Daten: a stored value in plain words."""

from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def plain_value(value) -> str:
    """A field's value as a resident reads it: yes/no, a local date, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return format_date(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return format_date(value, "DATE_FORMAT")
    return str(value)

"""Template helpers of Meine Daten: a stored value in plain words, a record's fields."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from munich_portal.audit.values import plain_text

register = template.Library()


@register.filter
def plain_value(value) -> str:
    """A field's value as a resident reads it (:func:`munich_portal.audit.values.plain_text`):
    yes/no, a time in Europe/Berlin, a choice's label, "label: value" lines, "—" for nothing."""
    return plain_text(value)


@register.simple_tag
def record_fields(records) -> SafeString:
    """The records of a group (``selectors.SubjectRecord``), each a ``<dl>`` of its fields: label,
    then the value in plain words with its line breaks.

    The HTML of ``{% for field in record.fields %}<dt>{{ field.label|capfirst }}</dt><dd>{{
    field.value|plain_value|linebreaksbr }}</dd>{% endfor %}``, built in Python: a resident with
    200 records has some 1,400 fields, which cost the template engine most of the page's time.
    """
    parts = []
    for record in records:
        parts.append('<dl class="summary-list data-record">\n')
        for field in record.fields:
            parts.append(
                f"<dt>{escape(capfirst(field.label))}</dt>"
                f"<dd>{linebreaksbr(plain_text(field.value), autoescape=True)}</dd>\n"
            )
        parts.append("</dl>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.simple_tag
def use_items(uses) -> SafeString:
    """The uses of a page (``exports.EventDescription`` with a ``url``), each an ``<li>`` with a
    linked heading and a ``<dl>`` of who, purpose, legal basis, how and case number.

    Built in Python like :func:`record_fields`: a page of uses has some 250 values, and the
    template engine's loop over them was most of the overview's server time (issue 17, round 2).
    """
    by, purpose, basis = _("By"), _("Purpose"), _("Legal basis")
    how, case, role_label = _("How"), _("Case number"), _("role:")
    department_label = _("department:")
    batch = _("as one of several people in a list or search")
    parts = []
    for use in uses:
        occurred = date_format(localtime(use.occurred_at), "DATETIME_FORMAT")
        actor = str(escape(use.actor))
        if use.role or use.department:
            about = []
            if use.role:
                about.append(f"{escape(role_label)} {escape(use.role)}")
            if use.department:
                about.append(f"{escape(department_label)} {escape(use.department)}")
            actor += f" ({'; '.join(about)})"
        channel = str(escape(capfirst(use.channel_text)))
        if use.in_batch:
            channel += f" · {escape(batch)}"
        case_number = (
            f"<dt>{escape(case)}</dt><dd>{escape(use.case_number)}</dd>\n"
            if use.case_number
            else ""
        )
        parts.append(
            '<li class="data-list__item">\n'
            f'<h3 class="data-list__title"><a href="{escape(use.url)}">{escape(occurred)}: '
            f"{escape(use.summary)}</a></h3>\n"
            '<dl class="summary-list">\n'
            f"<dt>{escape(by)}</dt><dd>{actor}</dd>\n"
            f"<dt>{escape(purpose)}</dt><dd>{escape(use.purpose_title)}</dd>\n"
            f"<dt>{escape(basis)}</dt><dd>{escape(use.legal_basis or '—')}</dd>\n"
            f"<dt>{escape(how)}</dt><dd>{channel}</dd>\n"
            f"{case_number}</dl>\n</li>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above

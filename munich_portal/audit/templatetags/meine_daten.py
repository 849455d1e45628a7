"""Template helpers of Meine Daten: a stored value in plain words, a record's fields."""

import functools
import html
from urllib.parse import quote

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    The labels are translated and escaped once per page, the date format looked up once, and
    values escaped with the standard library's ``html.escape`` (what Django's ``escape`` calls,
    without its lazy-text check around every value: round 5).
    """
    by, purpose, basis, how, case = (
        _esc(_(label)) for label in ("By", "Purpose", "Legal basis", "How", "Case number")
    )
    role_label, department_label = _esc(_("role:")), _esc(_("department:"))
    batch = _esc(_("as one of several people in a list or search"))
    when = _date_format(get_format("DATETIME_FORMAT"))
    parts = []
    for use in uses:
        occurred = _esc(when(localtime(use.occurred_at)))
        actor = _esc(use.actor)
        if use.role or use.department:
            about = []
            if use.role:
                about.append(f"{role_label} {_esc(use.role)}")
            if use.department:
                about.append(f"{department_label} {_esc(use.department)}")
            actor += f" ({'; '.join(about)})"
        channel = _esc(capfirst(use.channel_text))
        if use.in_batch:
            channel += f" · {batch}"
        case_number = (
            f"<dt>{case}</dt><dd>{_esc(use.case_number)}</dd>\n" if use.case_number else ""
        )
        parts.append(
            '<li class="data-list__item">\n'
            f'<h3 class="data-list__title"><a href="{_esc(use.url)}">{occurred}: '
            f"{_esc(use.summary)}</a></h3>\n"
            '<dl class="summary-list">\n'
            f"<dt>{by}</dt><dd>{actor}</dd>\n"
            f"<dt>{purpose}</dt><dd>{_esc(use.purpose_title)}</dd>\n"
            f"<dt>{basis}</dt><dd>{_esc(use.legal_basis or '—')}</dd>\n"
            f"<dt>{how}</dt><dd>{channel}</dd>\n"
            f"{case_number}</dl>\n</li>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.simple_tag
def record_kinds(groups) -> SafeString:
    """The overview's kinds of records (``selectors.RecordCount``), each an ``<li>`` with a link
    to its pages and its number of records.

    The HTML of ``<li><a href="{% url 'audit:records' group.label %}">{{
    group.verbose_name_plural|capfirst }}</a>: {% blocktranslate count counter=group.count %}…``,
    built in Python like :func:`use_items`: the address is worked out once for all kinds (a
    ``reverse`` with an argument per kind was a tenth of the overview's time, issue 17, round 7).
    """
    prefix = reverse("audit:records", args=["x"])[: -len("x/")]
    parts = []
    for group in groups:
        count = ngettext("%(counter)s record", "%(counter)s records", group.count) % {
            "counter": group.count
        }
        parts.append(
            f'    <li><a href="{_esc(prefix + quote(group.label, safe=""))}/">'
            f"{_esc(capfirst(group.verbose_name_plural))}</a>: {_esc(count)}</li>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@functools.lru_cache(maxsize=32)
def _date_format(format_string: str):
    """``dateformat.format(value, format_string)`` with the format string split once: splitting
    and unescaping it on every call was a third of each date's time, and a page of uses has
    twenty (issue 17, round 7). The same ``DateFormat`` methods make each part."""
    parts = tuple(
        (piece, True) if index % 2 else (dateformat.re_escaped.sub(r"\1", piece), False)
        for index, piece in enumerate(dateformat.re_formatchars.split(format_string))
        if piece
    )

    def format_value(value) -> str:
        formatter = dateformat.DateFormat(value)
        return "".join(str(getattr(formatter, piece)()) if code else piece for piece, code in parts)

    return format_value


def _esc(value) -> str:
    """``value`` as HTML text: what ``django.utils.html.escape`` returns, as a plain string."""
    return html.escape(str(value))

"""Template helpers of the catalogue pages: structured texts, JSON-LD, addresses with pages."""

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end a <script> element or open a comment inside it, escaped as
# Django's json_script does; the JSON stays valid.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

_BULLET = re.compile(r"^\s*(?:[-\u2022*\u2013]|\d+[.)])\s+")


@register.filter
def json_ld(data) -> str:
    """``{{ data|json_ld }}``: a schema.org ``<script type="application/ld+json">`` element.

    A data block is not executed, so the strict Content Security Policy allows it.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def text_blocks(text: str) -> str:
    """Plain editorial text as HTML, everything escaped first.

    Blank lines separate paragraphs; lines of a paragraph keep their breaks. Lines starting
    with "-", "•" or "1." are list items (bulleted or numbered); indented lines after an item
    continue it (the way the Leichte Sprache texts are written).
    """
    if not text:
        return ""
    return mark_safe(  # noqa: S308 (every piece is escaped in _block_html)
        "".join(_block_html(block) for block in re.split(r"\n\s*\n", text.strip()))
    )


def _lines_html(lines: list[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


def _block_html(block: str) -> str:
    html: list[str] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    ordered = False

    def flush():
        if paragraph:
            html.append(f"<p>{_lines_html(paragraph)}</p>")
            paragraph.clear()
        if items:
            tag = "ol" if ordered else "ul"
            body = "".join(f"<li>{_lines_html(item)}</li>" for item in items)
            html.append(f"<{tag}>{body}</{tag}>")
            items.clear()

    for line in block.splitlines():
        if not line.strip():
            continue
        if _BULLET.match(line):
            is_number = line.lstrip()[0].isdigit()
            if paragraph or (items and is_number != ordered):
                flush()
            ordered = is_number
            items.append([_BULLET.sub("", line).strip()])
        elif items and line[:1].isspace():
            items[-1].append(line.strip())
        else:
            if items:
                flush()
            paragraph.append(line.strip())
    flush()
    return "".join(html)


@register.filter
def text_list(text: str) -> str:
    """A text with one thing per line (required documents) as a bulleted list."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) < 2:
        return text_blocks(text)
    items = "".join(f"<li>{escape(_BULLET.sub('', line))}</li>" for line in lines)
    return mark_safe(f"<ul>{items}</ul>")  # noqa: S308


@register.simple_tag(takes_context=True)
def with_page(context, number) -> str:
    """This page's address with ``seite`` set to ``number`` (other parameters kept)."""
    request = context["request"]
    # The view's cleaned parameters when it gives them, so odd input is not echoed back.
    params = dict(context.get("page_params") or request.GET.items())
    params.pop("seite", None)
    if int(number) > 1:
        params["seite"] = str(number)
    query = urlencode(sorted((key, value) for key, value in params.items() if value))
    return f"{request.path}?{query}" if query else request.path


@register.inclusion_tag("services/includes/open_status.html")
def open_status(schedule, now=None) -> dict:
    """Open now until 18:00, or closed now and when it opens next, in Munich time."""
    from django.utils import formats
    from django.utils.translation import gettext

    from munich_portal.core.timezone import MUNICH, today_in_munich

    status = schedule.status_at(now)
    today = today_in_munich(now)
    context = {"is_open": status.is_open, "note": status.note}
    if status.is_open:
        context["until"] = status.closes_at.astimezone(MUNICH).strftime("%H:%M")
    elif status.opens_at is not None:
        opens = status.opens_at.astimezone(MUNICH)
        days = (opens.date() - today).days
        context["opens_time"] = opens.strftime("%H:%M")
        if days == 0:
            context["opens_day"] = "today"
        elif days == 1:
            context["opens_day"] = "tomorrow"
        elif days < 7:
            context["opens_day"] = gettext("on %(weekday)s") % {
                "weekday": formats.date_format(opens, "l")
            }
        else:
            context["opens_day"] = gettext("on %(date)s") % {
                "date": formats.date_format(opens, "DATE_FORMAT")
            }
    return context


@register.simple_tag(takes_context=True)
def lang_fallback(context, obj, name: str) -> str:
    """`` lang="de"`` when an English page shows the German text because there is no English."""
    from django.utils.html import format_html

    language = context.get("LANGUAGE_CODE", "de")
    if (
        language.startswith("en")
        and not getattr(obj, f"{name}_en", "")
        and getattr(obj, f"{name}_de", "")
    ):
        return format_html(' lang="{}"', "de")
    return ""


@register.filter
def weekday_name(day: int) -> str:
    """0 → "Monday" (translated)."""
    from services.models import OpeningHours

    return OpeningHours.Weekday(int(day)).label

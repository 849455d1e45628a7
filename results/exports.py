"""Organisers' exports of a process's ideas and comments, as CSV or XLSX (issue 7, item 6).

By default an export holds no personal data: the contributions with their channel, district,
status, answer and moderation state, but no name, contact, account or consent of their authors.
An organiser who needs those (to answer contributors by letter, say) ticks "include personal
data" and names the purpose; :func:`export` then adds the columns and records the export as a
data-use event (``record_batch_use``, action "export"): one batch event with the process, the
content and the format, and one event per contributor with an account.

Cells that a spreadsheet would run as formulas (starting with ``=``, ``+``, ``-``, ``@``) are
written as text: a quote in front in CSV, the cell type "string" in XLSX.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.models import IdeaStatus, Moderation
from munich_portal.audit.actions import record_batch_use
from munich_portal.core.channels import Channel
from participation.models import Process
from results import selectors

__all__ = [
    "COMMENT_COLUMNS",
    "IDEA_COLUMNS",
    "PERSONAL_COMMENT_COLUMNS",
    "PERSONAL_IDEA_COLUMNS",
    "ExportFile",
    "export",
]

CSV = "csv"
XLSX = "xlsx"
IDEAS = "ideas"
COMMENTS = "comments"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

IDEA_COLUMNS: list[tuple[str, object]] = [
    ("pk", _("number")),
    ("created_at", _("received")),
    ("channel", _("channel")),
    ("title", _("title")),
    ("text", _("text")),
    ("category", _("category")),
    ("district", _("city district")),
    ("address", _("place or address")),
    ("status", _("status")),
    ("status_reason", _("reason for the status")),
    ("answer", _("official answer")),
    ("answered_at", _("answered at")),
    ("moderation", _("moderation")),
    ("moderation_reason", _("moderation reason")),
    ("supports_count", _("supports")),
    ("comments_count", _("comments")),
]
PERSONAL_IDEA_COLUMNS: list[tuple[str, object]] = [
    ("author_name", _("name shown")),
    ("author_email", _("account (e-mail)")),
    ("contact_email", _("e-mail for the answer")),
    ("contact_street", _("street and number")),
    ("contact_postal_code", _("postal code")),
    ("contact_city", _("city")),
    ("consent_version", _("consent text version")),
]
COMMENT_COLUMNS: list[tuple[str, object]] = [
    ("pk", _("number")),
    ("created_at", _("received")),
    ("channel", _("channel")),
    ("idea_id", _("idea (number)")),
    ("idea_title", _("idea (title)")),
    ("parent_id", _("reply to (number)")),
    ("text", _("text")),
    ("edited_at", _("edited at")),
    ("deleted_at", _("deleted at")),
    ("moderation", _("moderation")),
    ("moderation_reason", _("moderation reason")),
]
PERSONAL_COMMENT_COLUMNS: list[tuple[str, object]] = [
    ("author_name", _("name shown")),
    ("author_email", _("account (e-mail)")),
]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    return str(value)


def _idea_values(idea, columns) -> list:
    channels, statuses, moderation = (
        dict(Channel.choices),
        dict(IdeaStatus.choices),
        dict(Moderation.choices),
    )
    values = []
    for name, _label in columns:
        if name == "channel":
            value = channels.get(idea.channel, idea.channel)
        elif name == "status":
            value = statuses.get(idea.status, idea.status)
        elif name == "moderation":
            value = moderation.get(idea.moderation, idea.moderation)
        elif name == "category":
            value = idea.category.name_de if idea.category_id else ""
        elif name == "district":
            value = str(idea.district) if idea.district_id else ""
        elif name == "author_email":
            value = idea.author.email if idea.author_id else ""
        else:
            value = getattr(idea, name)
        values.append(value)
    return values


def _comment_values(comment, columns) -> list:
    channels, moderation = dict(Channel.choices), dict(Moderation.choices)
    values = []
    for name, _label in columns:
        if name == "channel":
            value = channels.get(comment.channel, comment.channel)
        elif name == "moderation":
            value = moderation.get(comment.moderation, comment.moderation)
        elif name == "idea_title":
            value = comment.idea.title if comment.idea_id else ""
        elif name == "text":
            value = "" if comment.deleted_at else comment.text
        elif name == "author_email":
            value = comment.author.email if comment.author_id else ""
        else:
            value = getattr(comment, name)
        values.append(value)
    return values


def _csv_bytes(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    # UTF-8 with BOM and semicolons: what German spreadsheet programs open directly.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = []
        for value in row:
            text = _text(value)
            if text.startswith(_FORMULA_STARTS):
                text = "'" + text
            cells.append(text)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(title: str, header: list[str], rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, bool | int) or value is None:
                cells.append(value)
                continue
            text = _text(value)
            try:
                cell = WriteOnlyCell(sheet, value=text)
            except IllegalCharacterError:
                # Control characters cannot be stored in XLSX: drop them, keep the rest.
                text = "".join(ch for ch in text if ch >= " " or ch in "\t\n\r")
                cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # never a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export(
    *,
    process: Process,
    content: str,
    file_format: str,
    personal_data: bool = False,
    purpose: str | None = None,
    case_number: str = "",
    actor=None,
) -> ExportFile:
    """The ideas or comments of ``process`` as a file; logged when it holds personal data."""
    if content not in (IDEAS, COMMENTS) or file_format not in (CSV, XLSX):
        raise ValueError("Unknown export content or format.")
    if personal_data and not purpose:
        raise ValueError("An export with personal data needs a purpose.")
    if content == IDEAS:
        queryset = selectors.ideas_for_export(process)
        columns = IDEA_COLUMNS + (PERSONAL_IDEA_COLUMNS if personal_data else [])
        values = _idea_values
    else:
        queryset = selectors.comments_for_export(process)
        columns = COMMENT_COLUMNS + (PERSONAL_COMMENT_COLUMNS if personal_data else [])
        values = _comment_values
    if personal_data:
        queryset = queryset.select_related("author")
        record_batch_use(
            action="export",
            records=queryset,
            criteria={
                "process": process.pk,
                "content": content,
                "format": file_format,
                "personal_data": True,
                "view": "results_export",
            },
            purpose=purpose,
            case_number=case_number or None,
            **({"actor": actor} if actor is not None else {}),
        )
    header = [str(label) for _name, label in columns]
    rows = (values(row, columns) for row in queryset.iterator(chunk_size=2000))
    stamp = timezone.localdate().isoformat()
    suffix = "-personenbezogen" if personal_data else ""
    name = f"{'ideen' if content == IDEAS else 'kommentare'}-{process.slug}-{stamp}{suffix}"
    if file_format == CSV:
        return ExportFile(_csv_bytes(header, rows), "text/csv; charset=utf-8", f"{name}.csv")
    title = str(_("Ideas") if content == IDEAS else _("Comments"))
    return ExportFile(_xlsx_bytes(title, header, rows), XLSX_TYPE, f"{name}.xlsx")

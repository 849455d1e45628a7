"""PDFs of the paper channel: numbered registration forms.

- :func:`form_sheets_pdf` renders a :class:`FormsDocument` — A4, two pages per sheet for
  double-sided printing: the front is the form (number printed large and as a QR code, the
  event, boxes to fill in by hand in the order of the clerks' entry screen, the consent text with
  its version and the signature), the back the data-protection information (GDPR Art. 13) and
  where to return the sheet. Every sheet starts on a right-hand page, so a sheet whose back runs
  longer never shares a piece of paper with the next one.
- :func:`batch_pdf` builds that document for a :class:`participation.models.FormBatch`.

A sheet in Leichte Sprache (language ``de-x-ls``, as ``ProcessDocument`` marks it) has its own
template, ``form_sheets_easy``: the texts are written in Leichte Sprache there (German by nature,
not a translation of the msgids), in larger type; the consent text of the version and the legal
references follow in standard German, small, on the back.

The HTML and CSS are Django templates under ``templates/paper/print/``; texts are
translated into the document's language, not the request's. The kernel's
:func:`munich_portal.core.pdf.render_pdf` fetches nothing: QR codes and the logo are inline SVG.
The clerks' daily letters are the kernel's letters (``munich_portal.messaging``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from munich_portal.core.numbers import FormNumber, format_number, make_number
from munich_portal.core.pdf import logo_svg, page_count, render_pdf
from munich_portal.core.qr import qr_svg

__all__ = [
    "FormsDocument",
    "SheetEvent",
    "batch_document",
    "batch_pdf",
    "form_sheets_pdf",
    "front_fits",
]

TEMPLATE_DIR = "paper/print"
#: The language code of Leichte Sprache (the code ProcessDocument uses).
EASY_GERMAN = "de-x-ls"


def catalogue_language(language: str) -> str:
    """The language whose catalogue and date names a sheet in ``language`` uses."""
    return "de" if language == EASY_GERMAN else language


@dataclass(frozen=True)
class SheetEvent:
    """An event as a sheet shows it."""

    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    access_support: Sequence[str] = ()


@dataclass(frozen=True)
class FormsDocument:
    """Everything a batch of registration forms prints; the sheets differ only in their number.

    ``events`` holds one event (a batch for an event) or the events a person may tick (a batch
    for a whole process).
    """

    numbers: Sequence[FormNumber]
    process_title: str
    events: Sequence[SheetEvent]
    issued_at_place: str
    issued_on: dt.date
    consent_version: str
    consent_text: str
    department: str
    contact_email: str = ""
    contact_phone: str = ""
    privacy_notice: str = ""
    return_until: dt.date | None = None
    language: str = "de"
    # The controller's postal address for returns by post (GDPR Art. 13 (1) (a) as well).
    controller_name: str = "Landeshauptstadt München"
    controller_address: str = "Marienplatz 8, 80331 München"
    data_protection_email: str = "datenschutz@muenchen.de"


# --- rendering ------------------------------------------------------------------------------------


def _render(template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(catalogue_language(language)):
        html = render_to_string(f"{TEMPLATE_DIR}/{template}.html", context)
        css = render_to_string(f"{TEMPLATE_DIR}/{template}.css", context)
    return html, css


def _sheets_html(document: FormsDocument) -> tuple[str, str]:
    sheets = [
        {
            "digits": number.digits,
            "printed": format_number(number.digits),
            "qr": mark_safe(qr_svg(number.digits)),  # noqa: S308 - segno's own markup, digits only
        }
        for number in document.numbers
    ]
    return _render(
        "form_sheets_easy" if document.language == EASY_GERMAN else "form_sheets",
        {
            "document": document,
            "sheets": sheets,
            "logo": mark_safe(logo_svg()),  # noqa: S308 - our own static file
            "single_event": len(document.events) == 1,
            "language": document.language,
        },
        document.language,
    )


def form_sheets_pdf(document: FormsDocument) -> bytes:
    """The registration forms of ``document``: two A4 pages per number."""
    return render_pdf(*_sheets_html(document))


#: Layouts measured by :func:`front_fits`: the SHA-256 of a sample sheet's HTML and CSS -> fits.
#: Kept per process, bounded; a layout is the same for the same texts, so the answer is too.
_FITS: dict[str, bool] = {}
_FITS_MAX = 256


def front_fits(document: FormsDocument) -> bool:
    """Whether one sheet of ``document`` is one piece of paper: front and back, two pages.

    Laid out with a number of a serial grown to seven digits, the widest a sheet will print soon.
    Laying out takes about a second; the answer is remembered for the sample's exact markup (the
    texts of the event, process, place, date, consent and language), so the admin form's check
    and the check in :func:`paper.actions.issue_batch`, and further batches of the same event,
    place and day, lay it out once.
    """
    sample = replace(
        document, numbers=[make_number(year=document.issued_on.year, serial=9_999_999)]
    )
    html, css = _sheets_html(sample)
    key = hashlib.sha256(f"{html}\0{css}".encode()).hexdigest()
    fits = _FITS.get(key)
    if fits is None:
        fits = page_count(html, css) == 2
        if len(_FITS) >= _FITS_MAX:
            _FITS.clear()
        _FITS[key] = fits
    return fits


# --- from the models ------------------------------------------------------------------------------


def sheet_event(event) -> SheetEvent:
    from participation.notifications import place_text

    return SheetEvent(
        title=event.title,
        starts_at=timezone.localtime(event.starts_at),
        ends_at=timezone.localtime(event.ends_at),
        place=place_text(event),
        access_support=[str(label) for _name, label in event.access_support],
    )


def batch_pdf(batch, *, numbers: Sequence[str] | None = None) -> bytes:
    """The printed forms of ``batch`` (a :class:`paper.models.FormBatch`).

    ``numbers`` limits the PDF to some of the batch's sheets (reprinting one spoiled sheet).
    """
    from paper.selectors import batch_events

    sheet_numbers = list(batch.form_sheets.order_by("number").values_list("number", flat=True))
    if numbers is not None:
        wanted = set(numbers)
        sheet_numbers = [number for number in sheet_numbers if number in wanted]
    with translation.override(catalogue_language(batch.language)):
        event_rows = batch_events(batch)
    return form_sheets_pdf(
        batch_document(
            process=batch.process,
            event_rows=event_rows,
            place=batch.place,
            issued_on=batch.issued_on,
            language=batch.language,
            numbers=sheet_numbers,
        )
    )


def batch_document(
    *, process, event_rows, place: str, issued_on: dt.date, language: str, numbers=()
) -> FormsDocument:
    """What a batch's sheets print; also for a batch not yet issued (to check that it fits)."""
    from participation.consent import current_consent

    with translation.override(catalogue_language(language)):
        events = [sheet_event(event) for event in event_rows]
        consent = current_consent(issued_on)
        # A sheet for one event names its deadline; one for a whole process cannot.
        return_until = None
        if len(event_rows) == 1:
            event = event_rows[0]
            closes_at = event.registration_closes_at or event.starts_at
            return_until = timezone.localtime(closes_at).date()
        department = process.department
        return FormsDocument(
            numbers=[FormNumber(number) for number in numbers],
            process_title=process.title,
            events=events,
            issued_at_place=place,
            issued_on=issued_on,
            consent_version=consent.version,
            consent_text=str(consent.text),
            privacy_notice=str(consent.privacy_notice),
            department=(department.name_en or department.name)
            if language == "en"
            else department.name,
            contact_email=process.contact_email or department.email,
            contact_phone=process.contact_phone,
            return_until=return_until,
            language=language,
        )

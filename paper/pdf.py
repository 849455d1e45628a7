"""PDFs of the paper channel: numbered registration forms and the clerks' daily letters.

- :func:`form_sheets_pdf` renders a :class:`FormsDocument` — A4, two pages per sheet for
  double-sided printing: the front is the form (number printed large and as a QR code, the
  event, boxes to fill in by hand in the order of the clerks' entry screen, the consent text with
  its version and the signature), the back the data-protection information (GDPR Art. 13) and
  where to return the sheet. Every sheet starts on a right-hand page, so a sheet whose back runs
  longer never shares a piece of paper with the next one.
- :func:`batch_pdf` builds that document for a :class:`participation.models.FormBatch`.
- :func:`letters_pdf` renders :class:`LetterContent` — one letter per page, the address in the
  window of a DIN 5008 form B envelope (address field 45 mm from the top, 20 mm from the left,
  85 x 45 mm), fold and punch marks.

The HTML and CSS are Django templates under ``templates/paper/print/``; texts are
translated into the document's language, not the request's. WeasyPrint fetches nothing: QR codes
and the logo are inline SVG, and the URL fetcher allows ``data:`` URIs only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from munich_portal.core.numbers import FormNumber, format_number

__all__ = [
    "FormsDocument",
    "LetterContent",
    "SheetEvent",
    "batch_pdf",
    "form_sheets_pdf",
    "letters_pdf",
    "qr_svg",
    "render_pdf",
]

TEMPLATE_DIR = "paper/print"


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


@dataclass(frozen=True)
class LetterContent:
    """One letter: whom it goes to, about which registration, and what happened."""

    kind: str  # confirmation, waitlisted, promotion, cancellation
    recipient_lines: Sequence[str]
    salutation_name: str
    event_title: str
    process_title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    number_of_people: int
    reference: str
    department: str
    contact_phone: str = ""
    contact_email: str = ""
    access_needs: Sequence[str] = ()
    form_number: str = ""
    language: str = "de"
    date: dt.date = field(default_factory=timezone.localdate)
    sender_name: str = "Landeshauptstadt München"
    sender_address: str = "Marienplatz 8, 80331 München"
    privacy_url: str = ""


# --- rendering ------------------------------------------------------------------------------------


def render_pdf(html: str, css: str) -> bytes:
    """HTML and CSS to PDF bytes; nothing is fetched except ``data:`` URIs."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, base_url="data:,", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(string=css, url_fetcher=fetcher)])


def qr_svg(digits: str, *, title: str = "") -> str:
    """The QR code of ``digits`` as inline SVG, sized by CSS (the four-module quiet zone included).

    The code holds exactly the digits: a hand scanner "types" them and adds Enter itself.
    """
    qr = segno.make_qr(digits, error="m")  # segno raises the level when the size allows
    return qr.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", title=title or None)


@cache
def _logo_svg() -> str:
    path = Path(settings.BASE_DIR) / "static" / "img" / "logo.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:  # the PDF is still complete without the logo
        return ""


def _render(template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        html = render_to_string(f"{TEMPLATE_DIR}/{template}.html", context)
        css = render_to_string(f"{TEMPLATE_DIR}/{template}.css", context)
    return html, css


def form_sheets_pdf(document: FormsDocument) -> bytes:
    """The registration forms of ``document``: two A4 pages per number."""
    sheets = [
        {
            "digits": number.digits,
            "printed": format_number(number.digits),
            "qr": mark_safe(qr_svg(number.digits)),  # noqa: S308 - segno's own markup, digits only
        }
        for number in document.numbers
    ]
    html, css = _render(
        "form_sheets",
        {
            "document": document,
            "sheets": sheets,
            "logo": mark_safe(_logo_svg()),  # noqa: S308 - our own static file
            "single_event": len(document.events) == 1,
            "language": document.language,
        },
        document.language,
    )
    return render_pdf(html, css)


def letters_pdf(letters: Sequence[LetterContent]) -> bytes:
    """One letter per page; each in its own language. An empty list gives no PDF."""
    if not letters:
        raise ValueError("No letters to print.")
    # The letters of one batch may differ in language: render each with its own, join the pages.
    parts = []
    for letter in letters:
        with translation.override(letter.language):
            parts.append(
                render_to_string(
                    f"{TEMPLATE_DIR}/letter.html",
                    {"letter": letter, "logo": mark_safe(_logo_svg())},  # noqa: S308
                )
            )
    html = render_to_string(
        f"{TEMPLATE_DIR}/letters.html",
        {"letters": mark_safe("".join(parts))},  # noqa: S308 - rendered (escaped) templates
    )
    css = render_to_string(f"{TEMPLATE_DIR}/letters.css", {})
    return render_pdf(html, css)


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
    """The printed forms of ``batch`` (a :class:`participation.models.FormBatch`).

    ``numbers`` limits the PDF to some of the batch's sheets (reprinting one spoiled sheet).
    """
    from paper.selectors import batch_events
    from participation.consent import current_consent

    language = batch.language
    with translation.override(language):
        event_rows = batch_events(batch)
        events = [sheet_event(event) for event in event_rows]
        process = batch.process
        consent = current_consent(batch.issued_on)
        sheet_numbers = list(batch.form_sheets.order_by("number").values_list("number", flat=True))
        if numbers is not None:
            wanted = set(numbers)
            sheet_numbers = [number for number in sheet_numbers if number in wanted]
        # A sheet for one event names its deadline; one for a whole process cannot.
        return_until = None
        if len(event_rows) == 1:
            event = event_rows[0]
            closes_at = event.registration_closes_at or event.starts_at
            return_until = timezone.localtime(closes_at).date()
        department = process.department
        document = FormsDocument(
            numbers=[FormNumber(number) for number in sheet_numbers],
            process_title=process.title,
            events=events,
            issued_at_place=batch.place,
            issued_on=batch.issued_on,
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
    return form_sheets_pdf(document)


def letter_content(letter) -> LetterContent:
    """What the letter ``letter`` (a :class:`participation.models.Letter`) prints."""
    from participation.models import AccessNeed
    from participation.notifications import place_text

    registration = letter.registration
    event = registration.event
    process = event.process
    department = process.department
    language = registration.language or "de"
    with translation.override(language):
        return LetterContent(
            kind=letter.kind,
            recipient_lines=[
                line
                for line in (
                    registration.full_name,
                    registration.street,
                    f"{registration.postal_code} {registration.city}".strip(),
                )
                if line
            ],
            salutation_name=registration.full_name,
            event_title=event.title,
            process_title=process.title,
            starts_at=timezone.localtime(event.starts_at),
            ends_at=timezone.localtime(event.ends_at),
            place=place_text(event),
            number_of_people=registration.number_of_people,
            reference=registration.reference,
            department=(department.name_en or department.name)
            if language == "en"
            else department.name,
            contact_phone=process.contact_phone,
            contact_email=process.contact_email or department.email,
            access_needs=[
                str(AccessNeed(need).label)
                for need in registration.access_needs
                if need in AccessNeed.values
            ],
            form_number=format_number(registration.form_number) if registration.form_number else "",
            language=language,
            privacy_url=_privacy_url(),
        )


def _privacy_url() -> str:
    from django.urls import reverse

    site = settings.SITE_URL.rstrip("/")
    return f"{site}{reverse('portal:privacy')}" if site else ""

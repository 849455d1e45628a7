"""The printed forms and letters as a reader (and a hand scanner) sees them.

The registration-form PDF is rendered to an image with poppler's ``pdftoppm`` at 200 dpi, the QR
code is decoded with zxing-cpp, and the number printed beside it is read back with ``pdftotext
-bbox``: the code must hold exactly the digits of the number printed next to it, on every sheet.
"""

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from munich_portal.core.numbers import is_valid
from paper import actions
from paper.pdf import batch_pdf, letter_content, letters_pdf
from participation.models import Letter, RegistrationStatus
from tests.participation.factories import (
    ConsentTextFactory,
    EventFactory,
    ProcessFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
DPI = 200
PRINTED_NUMBER = re.compile(r"^\d{4}-\d{6,}-\d$")


def _pdf_pages(pdf: bytes) -> int:
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _page_image(pdf_path, page: int, tmp_path) -> Image.Image:
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [
            *(PDFTOPPM, "-r", str(DPI), "-png", "-f", str(page), "-l", str(page)),
            *("-singlefile", str(pdf_path), str(prefix)),
        ],
        check=True,
    )
    return Image.open(f"{prefix}.png")


class _Words(HTMLParser):
    """Reads ``pdftotext -bbox`` output: words with their boxes, per page."""

    def __init__(self):
        super().__init__()
        self.pages: list[list[tuple[str, float, float, float, float]]] = []
        self._word = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self._word = tuple(float(values[key]) for key in ("xmin", "ymin", "xmax", "ymax"))

    def handle_data(self, data):
        if self._word is not None and data.strip():
            self.pages[-1].append((data.strip(), *self._word))

    def handle_endtag(self, tag):
        if tag == "word":
            self._word = None


def _words(pdf_path) -> list[list[tuple[str, float, float, float, float]]]:
    html = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf_path), "-"], capture_output=True, check=True
    ).stdout.decode()
    parser = _Words()
    parser.feed(html)
    return parser.pages


def _text(pdf: bytes) -> str:
    return subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(
        title_de="Werkstatt Sendlinger Straße", title_en="Workshop Sendlinger Straße"
    )


@pytest.fixture
def batch(event):
    return actions.issue_batch(
        process=event.process, event=event, place="Bürgerbüro Pasing", sheets=3, issued_by=None
    )


def test_each_sheet_has_a_qr_code_that_decodes_to_the_number_printed_beside_it(batch, tmp_path):
    """Rendered at 200 dpi, every front page's QR code decodes (zxing-cpp) to the digits of the
    form number printed beside it (pdftotext), and that is the sheet's number in the database."""
    pdf = batch_pdf(batch)
    pdf_path = tmp_path / "forms.pdf"
    pdf_path.write_bytes(pdf)
    pages = _words(pdf_path)
    numbers = list(batch.form_sheets.order_by("number").values_list("number", flat=True))
    assert len(pages) == 2 * len(numbers), "two pages (front and back) per sheet"

    for index, number in enumerate(numbers):
        front = 2 * index + 1
        image = _page_image(pdf_path, front, tmp_path)
        codes = zxingcpp.read_barcodes(image)
        assert len(codes) == 1, f"page {front}: {len(codes)} codes"
        code = codes[0]
        assert code.format == zxingcpp.BarcodeFormat.QRCode
        assert code.text == number, "the code holds exactly the digits a scanner types"
        assert is_valid(code.text)

        # The printed number nearest to the code (in points; the image is 200 dpi).
        scale = 72 / DPI
        corners = [code.position.top_left, code.position.bottom_right]
        qr_x = sum(corner.x for corner in corners) / 2 * scale
        qr_y = sum(corner.y for corner in corners) / 2 * scale
        printed = [
            (abs((x0 + x1) / 2 - qr_x) + abs((y0 + y1) / 2 - qr_y), word)
            for word, x0, y0, x1, y1 in pages[front - 1]
            if PRINTED_NUMBER.match(word)
        ]
        distance, beside = min(printed)
        assert distance < 200, "the number is printed beside the code (within 7 cm)"
        assert beside.replace("-", "") == code.text
        # The back carries the number too (in the footer), so a loose back page finds its front.
        assert beside in {word for word, *_box in pages[front]}


def test_sheet_shows_event_consent_version_privacy_information_and_return_place(batch, event):
    """The front names the event, date, place and consent text with version; the back the
    controller, the data protection officer, the rights and where to return the sheet."""
    text = _text(batch_pdf(batch))
    assert "Sendlinger Straße" in text
    assert "Bürgerbüro Pasing" in text
    assert "2026-11" in text  # the consent text's version
    assert "Art. 13" in text
    assert "datenschutz@muenchen.de" in text
    assert "Marienplatz 8" in text
    assert "Alte Kongresshalle" in text
    start = timezone.localtime(event.starts_at)
    assert start.strftime("%H:%M") in text


def test_english_sheets_print_the_english_consent_text(event):
    """A batch in English prints the English consent text and event title."""
    batch = actions.issue_batch(
        process=event.process,
        event=event,
        place="Stadtbibliothek",
        sheets=1,
        issued_by=None,
        language="en",
    )
    text = " ".join(_text(batch_pdf(batch)).split())
    assert "I agree that the city uses my details for this event." in text
    assert "Workshop Sendlinger Straße" in text
    assert "Registration for an event" in text


def test_german_sheets_print_the_german_consent_text(batch):
    """The default language is German: the German consent text and title are printed."""
    text = " ".join(_text(batch_pdf(batch)).split())
    assert "Ich willige ein, dass die Stadt meine Angaben" in text
    assert "Werkstatt Sendlinger Straße" in text


def test_a_sheet_for_a_process_lists_its_events_to_tick():
    """A batch for a whole process lists each upcoming event with a box to tick."""
    ConsentTextFactory()
    process = ProcessFactory()
    EventFactory(process=process, title_de="Stadtspaziergang Nord")
    EventFactory(process=process, title_de="Infoabend Süd")
    batch = actions.issue_batch(process=process, place="Rathaus", sheets=1, issued_by=None)
    text = _text(batch_pdf(batch))
    assert "Stadtspaziergang Nord" in text
    assert "Infoabend Süd" in text


def test_reprinting_some_numbers_of_a_batch(batch):
    """``numbers=`` limits the PDF to those sheets (a spoiled sheet printed again)."""
    first = batch.form_sheets.order_by("number").first()
    pdf = batch_pdf(batch, numbers=[first.number])
    assert _pdf_pages(pdf) == 2
    assert first.printed_number in _text(pdf)


# --- letters --------------------------------------------------------------------------------------


def _letter(kind, **registration):
    values = {
        "channel": "paper",
        "email": "",
        "first_name": "Franziska",
        "last_name": "Obermaier",
        "street": "Lindwurmstraße 88",
        "postal_code": "80337",
        "city": "München",
        "number_of_people": 2,
        "access_needs": ["sign_language"],
        "form_number": None,
    }
    values.update(registration)
    return Letter.objects.create(registration=RegistrationFactory(**values), kind=kind)


def test_letters_pdf_has_one_page_per_letter_with_the_address_and_the_text():
    """Each letter is one page with the recipient's address, the event and the check-in code."""
    letters = [
        _letter(Letter.Kind.CONFIRMATION, language="en", form_number="20260047111"),
        _letter(Letter.Kind.WAITLISTED, language="en", status=RegistrationStatus.WAITLISTED),
        _letter(Letter.Kind.PROMOTION, language="en"),
        _letter(Letter.Kind.CANCELLATION, language="en", status=RegistrationStatus.CANCELLED),
    ]
    pdf = letters_pdf([letter_content(letter) for letter in letters])
    assert _pdf_pages(pdf) == 4
    text = " ".join(_text(pdf).split())
    assert "Franziska Obermaier" in text
    assert "Lindwurmstraße 88" in text
    assert "80337 München" in text
    assert letters[0].registration.reference in text
    assert letters[0].registration.event.title_en in text
    assert "2026-004711-1" in text  # the form number, for the clerks' reference
    for subject in (
        "Your registration is confirmed",
        "You are on the waiting list",
        "A place has become free for you",
        "Your registration has been cancelled",
    ):
        assert subject in text


def test_letter_address_sits_in_the_din_5008_form_b_window(tmp_path):
    """The recipient's lines lie inside the window of a form B envelope: 20-105 mm from the
    left, 45-90 mm from the top (in points: 56.7-297.6 and 127.6-255.1)."""
    letter = _letter(Letter.Kind.CONFIRMATION)
    pdf_path = tmp_path / "letter.pdf"
    pdf_path.write_bytes(letters_pdf([letter_content(letter)]))
    words = _words(pdf_path)[0]
    mm = 72 / 25.4
    for wanted in ("Franziska", "Lindwurmstraße", "80337"):
        boxes = [box for word, *box in words if word == wanted]
        assert boxes, wanted
        x0, y0, x1, y1 = boxes[0]
        assert 20 * mm <= x0 and x1 <= 105 * mm, (wanted, x0, x1)
        assert 45 * mm <= y0 and y1 <= 90 * mm, (wanted, y0, y1)


def test_letters_pdf_refuses_an_empty_batch():
    """There is no PDF without letters."""
    with pytest.raises(ValueError):
        letters_pdf([])


def test_letter_content_uses_the_registration_language_and_dates():
    """A German registration's letter is German data: its event title in German."""
    letter = _letter(Letter.Kind.CONFIRMATION, language="de")
    content = letter_content(letter)
    assert content.language == "de"
    assert content.event_title == letter.registration.event.title_de
    assert content.recipient_lines == ["Franziska Obermaier", "Lindwurmstraße 88", "80337 München"]
    assert content.date == timezone.localdate()
    assert isinstance(content.starts_at, dt.datetime)

"""The printed forms as a reader (and a hand scanner) sees them.

The registration-form PDF is rendered to an image with poppler's ``pdftoppm`` at 200 dpi, the QR
code is decoded with zxing-cpp, and the number printed beside it is read back with ``pdftotext
-bbox``: the code must hold exactly the digits of the number printed next to it, on every sheet.
"""

import re

import pytest
import zxingcpp
from django.utils import timezone

from munich_portal.core.numbers import is_valid
from paper import actions
from paper.pdf import batch_pdf
from tests.participation.factories import (
    ConsentTextFactory,
    EventFactory,
    ProcessFactory,
)
from tests.pdf_tools import DPI
from tests.pdf_tools import page_image as _page_image
from tests.pdf_tools import pdf_pages as _pdf_pages
from tests.pdf_tools import text as _text
from tests.pdf_tools import words as _words

pytestmark = pytest.mark.django_db

PRINTED_NUMBER = re.compile(r"^\d{4}-\d{6,}-\d$")


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

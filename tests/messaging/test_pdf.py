"""The printed letters as the recipient sees them: one letter per page (a long one goes on), the
address in the envelope window, the text as it was written, in the letter's language."""

import pytest
from django.utils import timezone

from munich_portal.messaging import actions
from munich_portal.messaging.models import Letter
from tests.messaging.conftest import idea_letter, registration_letter
from tests.participation.factories import RegistrationFactory
from tests.pdf_tools import pdf_pages, text, words

pytestmark = pytest.mark.django_db

MM = 72 / 25.4


def _pdf(letters, clerk) -> bytes:
    return actions.print_letters(letters=letters, by=clerk)


def _flat(pdf: bytes) -> str:
    return " ".join(text(pdf).split())


def test_one_page_per_letter_with_address_subject_and_text(clerk):
    """Each kind of both apps prints on its own page with the recipient's address, the subject
    and the text; the registration's code and form number are there for the clerks."""
    letters = [
        registration_letter("confirmation", language="en", form_number="20260047111"),
        registration_letter("waitlisted", language="en"),
        registration_letter("promotion", language="en"),
        registration_letter("cancellation", language="en"),
        idea_letter("answer", language="en"),
        idea_letter("status", language="de"),
    ]
    pdf = _pdf(letters, clerk)
    assert pdf_pages(pdf) == 6
    content = _flat(pdf)
    for letter in letters:
        assert letter.subject in content
    assert "Franziska Obermaier" in content and "Lindwurmstraße 88" in content
    assert "80337 München" in content
    assert letters[0].reference in content
    assert "2026-004711-1" in content  # the form number
    assert "Korbinian Huber" in content and "81539 München" in content
    assert "Wir pflanzen im Frühjahr zwölf Linden." in content
    assert "Kind regards" in content and "Mit freundlichen Grüßen" in content


def test_the_address_sits_in_the_din_5008_form_b_window(clerk, tmp_path):
    """The recipient's lines lie inside the window of a form B envelope: 20-105 mm from the
    left, 45-90 mm from the top; for a letter of either app."""
    path = tmp_path / "letters.pdf"
    path.write_bytes(_pdf([registration_letter(), idea_letter()], clerk))
    pages = words(path)
    expected = (("Franziska", "Lindwurmstraße", "80337"), ("Korbinian", "Tegernseer", "81539"))
    for page, wanted in zip(pages, expected, strict=True):
        for word in wanted:
            boxes = [box for found, *box in page if found == word]
            assert boxes, word
            x0, y0, x1, y1 = boxes[0]
            assert x0 >= 20 * MM and x1 <= 105 * MM, (word, x0, x1)
            assert y0 >= 45 * MM and y1 <= 90 * MM, (word, y0, y1)


def test_a_long_letter_goes_on_to_a_second_page_and_the_next_starts_on_its_own(clerk, tmp_path):
    """Nothing is cut off: a long answer continues below a top margin, and the next letter
    starts on a new page with its address in the window."""
    sentence = "Wir prüfen das sorgfältig. "
    long_answer = "\n\n".join(f"Absatz {n}: " + sentence * 25 for n in range(6))
    path = tmp_path / "letters.pdf"
    path.write_bytes(_pdf([idea_letter(answer=long_answer), registration_letter()], clerk))
    pages = words(path)
    assert len(pages) == 3
    assert "5:" in [word for word, *_box in pages[1]]  # the last paragraph, on page two
    assert min(y0 for _word, _x0, y0, *_rest in pages[1]) >= 15 * MM  # below a top margin
    assert max(y1 for *_word, y1 in pages[1]) <= 297 * MM - 15 * MM  # above a bottom margin
    assert "Franziska" in [word for word, *_box in pages[2]]


def test_the_text_is_printed_as_written_not_as_markup(clerk):
    registration = RegistrationFactory(email="", street="Weg 1", postal_code="80331", city="X")
    letter = actions.queue_letter(
        kind="participation.confirmation",
        source=registration,
        recipient=None,
        address=actions.PostalAddress("<b>Anna</b>", "Weg 1", "80331", "München"),
        sender=actions.Sender("Referat"),
        subject="Betreff <i>kursiv</i>",
        body="Zeile mit <script>alert(1)</script>\nund noch eine.",
        language="de",
    )
    content = _flat(_pdf([letter], clerk))
    assert "<b>Anna</b>" in content
    assert "Betreff <i>kursiv</i>" in content
    assert "<script>alert(1)</script>" in content


def test_a_reprint_shows_the_date_of_the_first_print(clerk):
    letter = registration_letter()
    first_day = timezone.localdate().replace(day=1)
    actions.print_letters(letters=[letter], by=clerk, day=first_day)
    letter = Letter.objects.get(pk=letter.pk)
    assert first_day.strftime("%d.%m.%Y") in _flat(_pdf([letter], clerk))

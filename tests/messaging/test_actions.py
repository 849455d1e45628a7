"""Queueing letters as they are written, printing them in batches, and the data-use log."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging import actions, selectors
from munich_portal.messaging.models import Letter
from munich_portal.messaging.registry import UnknownLetterKind
from tests.factories import UserFactory
from tests.messaging.conftest import idea_letter, registration_letter
from tests.participation.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _queue(source, **overrides):
    values = {
        "kind": "participation.confirmation",
        "source": source,
        "recipient": None,
        "address": actions.PostalAddress("Anna Huber", "Weg 1", "80331", "München"),
        "sender": actions.Sender("Referat für Stadtplanung und Bauordnung"),
        "subject": "Betreff",
        "body": "Guten Tag,\n\nText.",
        "language": "de",
    }
    values.update(overrides)
    return actions.queue_letter(**values)


# --- queueing -------------------------------------------------------------------------------------


def test_a_letter_keeps_what_it_said_when_it_was_written():
    """The snapshot is taken when the letter is queued: a later change of the registration does
    not change the letter."""
    letter = registration_letter()
    registration = letter.source
    assert letter.kind == "participation.confirmation"
    assert (letter.recipient_name, letter.street, letter.postal_code, letter.city) == (
        "Franziska Obermaier",
        "Lindwurmstraße 88",
        "80337",
        "München",
    )
    assert letter.reference == registration.reference
    assert registration.event.title_de in letter.subject
    assert "Franziska Obermaier" in letter.body and registration.reference in letter.body
    registration.first_name = "Anders"
    registration.street = "Neue Straße 5"
    registration.save()
    letter.refresh_from_db()
    assert letter.recipient_name == "Franziska Obermaier"
    assert letter.street == "Lindwurmstraße 88"


def test_the_letter_is_written_in_the_recipients_language():
    english = registration_letter(language="en")
    assert english.language == "en"
    assert english.subject.startswith("Registration confirmed: ")
    assert english.body.startswith("Dear Franziska Obermaier,")
    german = registration_letter(language="de")
    assert german.body.startswith("Guten Tag Franziska Obermaier,")


def test_the_recipient_is_the_account_of_the_registration():
    resident = UserFactory()
    assert registration_letter(user=resident).recipient == resident
    assert registration_letter().recipient is None  # a guest or paper registrant


def test_an_idea_letter_carries_the_answer_status_and_opt_out_link():
    letter = idea_letter(kind="answer")
    assert letter.kind == "ideas.answer"
    assert letter.subject == "Die Stadt hat Ihre Idee beantwortet: Mehr Bäume"
    assert "Wir pflanzen im Frühjahr zwölf Linden." in letter.body
    assert "Im Haushalt 2027." in letter.body
    assert "/ideen/nachrichten-abbestellen/" in letter.body
    assert letter.recipient_name == "Korbinian Huber"


def test_queueing_refuses_an_unknown_kind():
    with pytest.raises(UnknownLetterKind):
        _queue(RegistrationFactory(), kind="participation.unheard_of")
    assert not Letter.objects.exists()


def test_queueing_refuses_an_address_without_street_postal_code_or_city():
    for address in (
        actions.PostalAddress("Anna", "", "80331", "München"),
        actions.PostalAddress("Anna", "Weg 1", " ", "München"),
        actions.PostalAddress("Anna", "Weg 1", "80331", ""),
    ):
        with pytest.raises(actions.LetterError):
            _queue(RegistrationFactory(), address=address)
    assert not Letter.objects.exists()


def test_a_letter_queued_in_a_change_that_rolls_back_is_gone():
    """Queued inside the transaction of the change: no letter about something that did not
    happen."""
    registration = RegistrationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(registration)
        raise RuntimeError
    assert not Letter.objects.exists()


def test_the_body_is_kept_as_plain_text_paragraphs():
    letter = _queue(RegistrationFactory(), body="  Erster Absatz\nmit Zeile.\n\n\n\nZweiter.  ")
    assert letter.body == "Erster Absatz\nmit Zeile.\n\nZweiter."


# --- printing -------------------------------------------------------------------------------------


def test_printing_marks_first_prints_and_logs_one_print_event_per_letter(clerk):
    resident = UserFactory()
    letters = [registration_letter(), registration_letter(user=resident), idea_letter()]
    before = DataUseEvent.objects.count()
    pdf = actions.print_letters(letters=letters, by=clerk)
    assert pdf.startswith(b"%PDF")
    for letter in letters:
        letter.refresh_from_db()
        assert letter.printed_at is not None
        assert letter.printed_batch == timezone.localdate()
        assert letter.history.filter(printed_at__isnull=False).exists()
    events = list(DataUseEvent.objects.order_by("seq")[before:])
    assert {event.action for event in events} == {"print"}
    assert {event.channel for event in events} == {"letter"}
    batch_events = [event for event in events if event.subject_pseudonym is None]
    assert sorted(event.details["criteria"]["letter"] for event in batch_events) == sorted(
        letter.pk for letter in letters
    )
    by_letter = {event.details["criteria"]["letter"]: event for event in batch_events}
    # Each print is logged under the purpose of its kind.
    assert by_letter[letters[0].pk].purpose == "participation_events"
    assert by_letter[letters[2].pk].purpose == "participation_ideas"
    assert by_letter[letters[2].pk].details["criteria"]["kind"] == "ideas.answer"
    # The recipient with an account has their own event, naming the letter.
    personal = [event for event in events if event.subject_pseudonym is not None]
    assert [(event.record_type, event.record_id) for event in personal] == [
        ("messaging.letter", str(letters[1].pk))
    ]


def test_printing_again_keeps_the_first_date_and_batch_and_is_logged_again(clerk):
    letter = registration_letter(kind="waitlisted")
    first_day = timezone.localdate() - dt.timedelta(days=3)
    actions.print_letters(letters=[letter], by=clerk, day=first_day)
    letter.refresh_from_db()
    first = (letter.printed_at, letter.printed_batch)
    before = DataUseEvent.objects.filter(action="print").count()
    actions.print_letters(letters=[letter], by=clerk)
    letter.refresh_from_db()
    assert (letter.printed_at, letter.printed_batch) == first
    assert first[1] == first_day
    assert DataUseEvent.objects.filter(action="print").count() == before + 1


def test_printing_nothing_is_refused(clerk):
    with pytest.raises(actions.LetterError):
        actions.print_letters(letters=[], by=clerk)


def test_selectors_give_the_pending_letters_and_the_batches(clerk):
    old, new = registration_letter(), idea_letter()
    Letter.objects.filter(pk=old.pk).delete()
    old = registration_letter()
    assert list(selectors.pending_letters(clerk)) == [new, old]
    assert {row["kind"]: row["letters"] for row in selectors.pending_by_kind(clerk)} == {
        "ideas.answer": 1,
        "participation.confirmation": 1,
    }
    day = dt.date(2026, 12, 1)
    actions.print_letters(letters=[new], by=clerk, day=day)
    assert list(selectors.pending_letters(clerk)) == [old]
    assert list(selectors.letters_of_batch(clerk, day)) == [new]
    assert selectors.printed_letter_batches(clerk) == [{"printed_batch": day, "letters": 1}]

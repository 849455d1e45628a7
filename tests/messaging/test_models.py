"""The letter table's invariants, and letters leaving with their source, their recipient's
erasure and their retention."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from ideas.models import Idea
from munich_portal.accounts.actions import delete_account
from munich_portal.audit import actions as audit_actions
from munich_portal.audit import selectors as audit_selectors
from munich_portal.audit.actions import update_with_history
from munich_portal.audit.context import processing_context
from munich_portal.messaging.models import LETTER_RETENTION, Letter
from participation.models import Registration
from tests.factories import UserFactory
from tests.messaging.conftest import idea_letter, registration_letter
from tests.participation.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _row(**overrides):
    """A letter written straight to the table, past the action's checks."""
    registration = RegistrationFactory()
    values = {
        "kind": "participation.confirmation",
        "source_type": ContentType.objects.get_for_model(Registration),
        "source_id": registration.pk,
        "street": "Weg 1",
        "postal_code": "80331",
        "city": "München",
        "sender": "Referat",
        "subject": "Betreff",
        "body": "Text",
    }
    values.update(overrides)
    return Letter(**values)


@pytest.mark.parametrize(
    ("overrides", "constraint"),
    [
        ({"printed_at": timezone.now()}, "letter_printed_batch_iff_printed"),
        ({"printed_batch": timezone.localdate()}, "letter_printed_batch_iff_printed"),
        ({"street": ""}, "letter_address_complete"),
        ({"postal_code": ""}, "letter_address_complete"),
        ({"city": ""}, "letter_address_complete"),
        ({"body": ""}, "letter_has_text"),
        ({"subject": ""}, "letter_has_text"),
        ({"kind": "confirmation"}, "letter_kind_is_app_dot_name"),
    ],
)
def test_the_database_refuses_a_letter_that_breaks_an_invariant(overrides, constraint):
    letter = _row(**overrides)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        letter.save()


def test_a_printed_letter_has_its_batch():
    letter = _row(printed_at=timezone.now(), printed_batch=timezone.localdate())
    letter.save()
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_deleting_a_registration_deletes_its_letters_only():
    """The generic relation deletes like a foreign key with CASCADE."""
    gone, kept = registration_letter(), registration_letter()
    gone.source.delete()
    assert list(Letter.objects.all()) == [kept]
    # The deletion is in the letter's history (simple-history's "-" row).
    assert Letter.history.filter(id=gone.pk, history_type="-").exists()


def test_deleting_an_idea_deletes_its_letters_only():
    gone, kept = idea_letter(), registration_letter()
    Idea.objects.filter(pk=gone.source_id).delete()
    assert list(Letter.objects.all()) == [kept]


def test_erasing_a_resident_removes_their_letters_and_their_text_from_the_history():
    resident = UserFactory()
    theirs = registration_letter(user=resident)
    someone_elses = registration_letter()
    with processing_context(purpose="data_subject_rights"):
        report = audit_actions.erase_subject(user=resident, reason="request")
    assert report.records["messaging.letter"] == 1
    assert list(Letter.objects.all()) == [someone_elses]
    history = Letter.history.filter(id=theirs.pk)
    assert history.exists()
    assert set(history.values_list("body", flat=True)) == {""}
    assert set(history.values_list("street", flat=True)) == {""}


def test_deleting_an_account_removes_its_letters():
    resident = UserFactory()
    registration_letter(user=resident)
    delete_account(user=resident)
    assert not Letter.objects.exists()


def test_retention_deletes_letters_six_months_after_they_were_written():
    old, new = registration_letter(), registration_letter()
    update_with_history(
        Letter.objects.filter(pk=old.pk),
        created_at=timezone.now() - LETTER_RETENTION - timedelta(days=1),
    )
    results = audit_actions.enforce_retention()
    assert {r.label: r.count for r in results}["messaging.letter"] == 1
    assert list(Letter.objects.all()) == [new]


def test_meine_daten_shows_the_residents_letters_as_written():
    resident = UserFactory()
    letter = registration_letter(user=resident)
    groups = {
        group.declaration.label: group for group in audit_selectors.records_for_subject(resident)
    }
    (record,) = groups["messaging.letter"].records
    values = {field.name: field.value for field in record.fields}
    assert values["kind"] == "Anmeldung bestätigt"  # the kind's label, not its key
    assert values["subject"] == letter.subject
    assert values["body"] == letter.body
    assert values["street"] == "Lindwurmstraße 88"


def test_meine_daten_page_lists_the_letter_and_its_print(client, clerk):
    """The resident reads the letter (kind, subject, text) and that it was printed."""
    from munich_portal.messaging import actions as letter_actions

    resident = UserFactory()
    letter = registration_letter(user=resident, language="en")
    letter_actions.print_letters(letters=[letter], by=clerk)
    client.force_login(resident)
    # The letters' own page of Meine Daten, and the overview's uses (issue 17, round 2).
    text = client.get("/en/meine-daten/daten/messaging.letter/").content.decode()
    text += client.get("/en/meine-daten/").content.decode()
    assert "registration confirmed" in text
    assert letter.subject in text
    assert "Lindwurmstraße 88" in text
    assert "Letter: printed" in text

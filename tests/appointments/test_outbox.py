"""Appointments' e-mails are outbox rows written in the change's transaction (issue 13)."""

import pytest
from django.core import mail
from django.db import transaction

from appointments import actions
from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import EmailStatus, OutgoingEmail
from tests.appointments.factories import SlotFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_booking_writes_its_email_in_the_same_transaction_and_the_outbox_sends_it(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        booking = actions.book(
            slot=SlotFactory(), name="Anna", email="anna@example.org", user=user, verified=True
        )
        (email,) = OutgoingEmail.objects.all()  # written inside the transaction
        assert mail.outbox == []
    email.refresh_from_db()
    assert email.kind == "appointments.confirmation"
    assert email.source == booking and email.status == EmailStatus.SENT
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == email.message_id
    assert [name for name, _content, _type in sent.attachments] == ["termin.ics"]
    # One data-use event for the e-mail, written by the outbox under the appointments' purpose.
    (event,) = DataUseEvent.objects.filter(action="send")
    assert (event.record_type, event.record_id) == ("messaging.outgoingemail", str(email.pk))
    assert (event.purpose, event.details) == ("appointments", {"message": email.kind})


def test_a_booking_that_rolls_back_leaves_no_email(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.book(slot=SlotFactory(), name="Anna", email="anna@example.org")
        assert OutgoingEmail.objects.count() == 1
        raise RuntimeError("the change fails after the e-mail was written")
    assert not OutgoingEmail.objects.exists()
    assert callbacks == [] and mail.outbox == []


def test_an_email_leaves_with_its_booking():
    booking = actions.book(slot=SlotFactory(), name="Anna", email="anna@example.org")
    assert OutgoingEmail.objects.count() == 1
    booking.delete()
    assert not OutgoingEmail.objects.exists()

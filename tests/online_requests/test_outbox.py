"""The applicants' e-mails are outbox rows written in the change's transaction (issue 13)."""

import pytest
from django.core import mail
from django.db import transaction

from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import EmailStatus, OutgoingEmail
from online_requests import actions
from tests.online_requests.factories import caseworker, submitted_request

pytestmark = pytest.mark.django_db


def test_a_submitted_request_writes_its_email_in_the_same_transaction(
    service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        online_request = submitted_request(service)
        (email,) = OutgoingEmail.objects.all()  # written inside the transaction
        assert mail.outbox == []
    email.refresh_from_db()
    assert (email.kind, email.source, email.status) == (
        "online_requests.submitted",
        online_request,
        EmailStatus.SENT,
    )
    (sent,) = mail.outbox
    assert online_request.reference in sent.subject
    (event,) = DataUseEvent.objects.filter(
        action="send", record_type="messaging.outgoingemail", record_id=str(email.pk)
    )
    assert event.purpose == "online_requests"
    # The old direct send wrote its own event about the request: there is only the outbox's now.
    assert not DataUseEvent.objects.filter(
        action="send", record_type="online_requests.onlinerequest"
    ).exists()


def test_a_message_that_rolls_back_leaves_no_email(service, django_capture_on_commit_callbacks):
    online_request = submitted_request(service)
    OutgoingEmail.objects.all().delete()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.send_message(online_request=online_request, body="Bitte.", author=caseworker())
        assert OutgoingEmail.objects.filter(kind="online_requests.news").count() == 1
        raise RuntimeError("the change fails after the e-mail was written")
    assert not OutgoingEmail.objects.exists()
    assert callbacks == []

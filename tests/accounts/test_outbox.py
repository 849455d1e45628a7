"""allauth's account e-mails are outbox rows: durable, sent after commit, one data-use event
(issue 13)."""

import pytest
from django.core import mail
from django.db import transaction

from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


def test_a_password_reset_is_an_outbox_email_with_one_send_event(client, resident):
    client.post("/konto/password/reset/", {"email": resident.email})
    (email,) = OutgoingEmail.objects.all()
    assert (email.kind, email.recipient, email.source) == (
        "accounts.password_reset_key",
        resident,
        resident,
    )
    assert email.status == EmailStatus.SENT and email.to_address == resident.email
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == email.message_id
    # One event, the outbox's (the adapter no longer writes its own).
    (event,) = DataUseEvent.objects.filter(action="send", purpose="user_account")
    assert (event.record_type, event.record_id) == ("messaging.outgoingemail", str(email.pk))


def test_a_mail_to_an_address_without_an_account_names_no_recipient(client):
    client.post("/konto/password/reset/", {"email": "unbekannt@example.org"})
    (email,) = OutgoingEmail.objects.all()
    assert (email.kind, email.recipient, email.status) == (
        "accounts.unknown_account",
        None,
        EmailStatus.SENT,
    )
    assert not DataUseEvent.objects.filter(action="send").exists()


def test_an_account_email_in_a_transaction_that_rolls_back_is_not_stored(resident, rf):
    from allauth.account.adapter import get_adapter

    request = rf.get("/")
    with pytest.raises(RuntimeError), transaction.atomic():
        get_adapter(request).send_mail(
            "account/email/password_changed", resident.email, {"user": resident}
        )
        assert OutgoingEmail.objects.count() == 1
        raise RuntimeError("the change fails after the e-mail was written")
    assert not OutgoingEmail.objects.exists() and mail.outbox == []

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


def test_staff_never_read_a_reset_link_in_the_outbox(client, resident):
    """The outbox admin shows an account e-mail's delivery, not its text: a reset link or login
    code in it would let whoever reads it act for the resident."""
    from django.urls import reverse
    from django.utils import translation

    from munich_portal.core.roles import Role
    from tests.messaging.conftest import staff, staff_client

    client.post("/konto/password/reset/", {"email": resident.email})
    (email,) = OutgoingEmail.objects.all()
    link = next(line for line in email.body.splitlines() if "/konto/password/reset/key/" in line)
    with translation.override("en"):
        url = reverse("admin:messaging_outgoingemail_change", args=[email.pk])
    admin_client = staff_client(client, staff(Role.ADMINISTRATION), "email")
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert resident.email in html  # the delivery is shown
    assert link.strip() not in html and "/konto/password/reset/key/" not in html

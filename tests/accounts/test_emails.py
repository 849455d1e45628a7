"""Account e-mails: plain text, the portal's subject prefix and signature, working links."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core import mail

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def trigger_signup(client, resident):
    client.post(
        "/konto/signup/",
        {"email": "neu@example.org", "password1": "Isar-Ufer-77", "password2": "Isar-Ufer-77"},
    )


def trigger_existing_signup(client, resident):
    client.post(
        "/konto/signup/",
        {"email": resident.email, "password1": "Isar-Ufer-77", "password2": "Isar-Ufer-77"},
    )


def trigger_password_reset(client, resident):
    client.post("/konto/password/reset/", {"email": resident.email})


def trigger_unknown_reset(client, resident):
    client.post("/konto/password/reset/", {"email": "unbekannt@example.org"})


@pytest.mark.parametrize(
    "trigger",
    [trigger_signup, trigger_existing_signup, trigger_password_reset, trigger_unknown_reset],
    ids=["confirm", "already_exists", "reset", "unknown_account"],
)
def test_account_mail_is_plain_text_with_prefix_and_signature(client, resident, trigger):
    trigger(client, resident)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Digitales München] ")
    assert "\n" not in message.subject
    assert not getattr(message, "alternatives", None)
    assert "<html" not in message.body and "<p>" not in message.body
    assert "Digitales München" in message.body
    assert "http://127.0.0.1:8000" in message.body  # the portal's address (PORTAL_SITE_URL)
    assert "Hello from" not in message.body


def test_password_reset_link_sets_a_new_password(client, resident):
    """The link in the mail leads to a form; the new password then works, the old one not."""
    client.post("/konto/password/reset/", {"email": resident.email})
    path = re.search(r"https?://testserver(/konto/password/reset/key/\S+/)", mail.outbox[0].body)
    form = client.get(path.group(1), follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {"password1": "Frauenkirche-1488", "password2": "Frauenkirche-1488"},
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("Frauenkirche-1488")
    assert not resident.check_password(DEFAULT_PASSWORD)


def test_used_reset_link_is_refused_with_explanation(client, resident):
    uidb36 = user_pk_to_url_str(resident)
    key = default_token_generator.make_token(resident)
    resident.set_password("Schon-geaendert-22")
    resident.save()
    response = client.get(f"/en/konto/password/reset/key/{uidb36}-{key}/", follow=True)
    assert response.status_code == 200
    assert "Bad Token" in response.text

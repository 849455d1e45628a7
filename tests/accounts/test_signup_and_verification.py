"""Sign-up with mandatory e-mail verification (PRODUCT.md, Accounts)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.accounts.conftest import submit_login

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Isar-Ufer-Spaziergang-7"
CONFIRM_LINK = re.compile(r"https?://testserver(/konto/confirm-email/[^/\s]+/)")


def sign_up(client, email="neu@example.org", password=NEW_PASSWORD):
    return client.post(
        "/konto/signup/", {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_creates_account_and_asks_for_verification(client):
    """Signing up creates an unverified account, logs nobody in and shows 'check your mail'."""
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == "/konto/confirm-email/"
    user = get_user_model().objects.get(email="neu@example.org")
    assert not user.emailaddress_set.get().verified
    assert "_auth_user_id" not in client.session


def test_verification_mail_has_prefix_plain_text_and_a_working_link(client):
    """The mail is plain text with the portal's subject prefix and a link that verifies."""
    sign_up(client)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert message.subject.startswith("[Digitales München] ")
    assert not getattr(message, "alternatives", None), "plain text only"
    assert "Digitales München" in message.body
    assert "Hello from testserver" not in message.body
    path = CONFIRM_LINK.search(message.body).group(1)

    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="neu@example.org")
    assert user.emailaddress_set.get().verified


def test_unverified_account_cannot_log_in_until_verified(client):
    """Login before verification leads to 'verify your e-mail'; after verifying it works."""
    sign_up(client)
    response = submit_login(client, "neu@example.org", NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == "/konto/confirm-email/"
    assert "_auth_user_id" not in client.session

    path = CONFIRM_LINK.search(mail.outbox[0].body).group(1)
    client.post(path)
    response = submit_login(client, "neu@example.org", NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == "/konto/"
    user = get_user_model().objects.get(email="neu@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_invalid_confirmation_key_explains_and_verifies_nothing(client):
    """A wrong or expired link shows an explanation in the layout, not an error page."""
    response = client.get("/konto/confirm-email/not-a-valid-key/")
    assert response.status_code == 200
    assert "<h1" in response.text


def test_sign_up_form_keeps_values_and_shows_error_summary(client):
    """Mismatched passwords: the e-mail stays filled in and the summary links to the field."""
    response = client.post(
        "/konto/signup/",
        {"email": "tippfehler@example.org", "password1": NEW_PASSWORD, "password2": "anders"},
    )
    assert response.status_code == 200
    html = response.text
    assert 'class="error-summary"' in html
    assert 'href="#id_password2"' in html
    assert 'value="tippfehler@example.org"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_password2_error"' in html
    assert not get_user_model().objects.filter(email="tippfehler@example.org").exists()


def test_weak_password_is_rejected_with_the_rules_shown(client):
    """The password rules (min. 10 characters, not common) are enforced and shown as hint."""
    response = sign_up(client, password="passwort1")
    assert response.status_code == 200
    assert 'id="id_password1_helptext"' in response.text
    assert 'class="error-summary"' in response.text
    assert not get_user_model().objects.filter(email="neu@example.org").exists()


# --- the name (optional; issue 14) ---------------------------------------------------------------


def test_the_sign_up_form_asks_for_an_optional_name_with_autocomplete(client):
    """The name field is labelled, optional, described by its hint, and autofilled as a name."""
    html = client.get("/konto/signup/").text
    field = re.search(r"<input[^>]*name=\"full_name\"[^>]*>", html).group(0)
    assert 'autocomplete="name"' in field
    assert "required" not in field
    assert 'aria-describedby="id_full_name_helptext"' in field
    assert '<label for="id_full_name">' in html
    assert 'id="id_full_name_helptext"' in html
    assert html.index('name="full_name"') < html.index('name="email"'), "the name comes first"


def test_sign_up_with_a_name_stores_it_and_greets_with_it_only_once_verified(client):
    """The name is kept on the account; the confirmation e-mail does not greet with it (the
    address is not proven yet), a later account e-mail to the confirmed address does."""
    response = client.post(
        "/konto/signup/",
        {
            "full_name": "  Anna Muster ",
            "email": "anna@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna@example.org")
    assert user.full_name == "Anna Muster"
    (confirmation,) = mail.outbox
    assert "Anna Muster" not in confirmation.body

    client.post(CONFIRM_LINK.search(confirmation.body).group(1))
    client.post("/konto/password/reset/", {"email": "anna@example.org"})
    reset = mail.outbox[-1]
    assert "/konto/password/reset/key/" in reset.body
    assert "Anna Muster," in reset.body


def test_sign_up_without_a_name_works_and_greets_without_one(client):
    """The name is optional: the account has none, and e-mails greet without one."""
    assert sign_up(client).status_code == 302
    user = get_user_model().objects.get(email="neu@example.org")
    assert user.full_name == ""
    client.post(CONFIRM_LINK.search(mail.outbox[0].body).group(1))
    client.post("/konto/password/reset/", {"email": "neu@example.org"})
    assert mail.outbox[-1].body.lstrip().startswith("Guten Tag,")


def test_a_too_long_name_is_an_error_next_to_the_field(client):
    response = client.post(
        "/konto/signup/",
        {
            "full_name": "A" * 151,
            "email": "lang@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    field = re.search(r"<input[^>]*name=\"full_name\"[^>]*>", response.text).group(0)
    assert 'aria-invalid="true"' in field
    assert "id_full_name_error" in field
    assert 'href="#id_full_name"' in response.text
    assert not get_user_model().objects.filter(email="lang@example.org").exists()

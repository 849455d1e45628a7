"""allauth's forms keep what was typed and explain errors through the portal's error summary."""

import re

import pytest
from django.core import mail

from tests.accounts.conftest import submit_login

pytestmark = pytest.mark.django_db


def assert_error_summary(html, *, field_id=None):
    assert 'class="error-summary" role="alert"' in html
    if field_id:
        assert f'href="#{field_id}"' in html
        assert re.search(rf'aria-describedby="[^"]*{field_id}_error"', html)
        assert f'id="{field_id}_error"' in html


def test_login_error_keeps_the_address(client, resident):
    response = submit_login(client, resident.email, "falsches-passwort")
    assert response.status_code == 200
    assert_error_summary(response.text)
    assert f'value="{resident.email}"' in response.text


def test_login_labels_are_visible_not_only_placeholders(client):
    """allauth asks for unlabelled login fields; the portal shows the labels anyway."""
    html = client.get("/en/konto/login/").text
    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html


def test_password_reset_with_invalid_address_keeps_it(client):
    response = client.post("/en/konto/password/reset/", {"email": "kein-at-zeichen"})
    assert response.status_code == 200
    assert_error_summary(response.text, field_id="id_email")
    assert 'value="kein-at-zeichen"' in response.text
    assert mail.outbox == []


def test_password_change_with_wrong_current_password_shows_summary(client, log_in, resident):
    log_in(resident)
    response = client.post(
        "/konto/password/change/",
        {
            "oldpassword": "falsch",
            "password1": "Neues-Passwort-99",
            "password2": "Neues-Passwort-99",
        },
    )
    assert response.status_code == 200
    assert_error_summary(response.text, field_id="id_oldpassword")


def test_password_change_works(client, log_in, resident):
    """The new password replaces the old one and the person stays logged in."""
    log_in(resident)
    response = client.post(
        "/konto/password/change/",
        {
            "oldpassword": "Sicheres-Passwort-42",
            "password1": "Neues-Passwort-99",
            "password2": "Neues-Passwort-99",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("Neues-Passwort-99")
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_change_email_with_invalid_address_keeps_it(client, log_in, resident):
    log_in(resident)
    response = client.post("/konto/email/", {"email": "nicht gültig", "action_add": ""})
    assert response.status_code == 200
    assert_error_summary(response.text, field_id="id_email")
    assert 'value="nicht gültig"' in response.text


def test_change_email_sends_verification_to_the_new_address(client, log_in, resident):
    """The new address is pending until verified; the page offers re-send and cancel."""
    log_in(resident)
    response = client.post("/konto/email/", {"email": "umgezogen@example.org", "action_add": ""})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["umgezogen@example.org"]
    html = client.get("/en/konto/email/").text
    assert "umgezogen@example.org" in html
    assert 'name="action_send"' in html
    assert 'name="action_remove"' in html
    resident.refresh_from_db()
    assert resident.email == "resident@example.org"


def test_mfa_code_error_shows_summary(client, mfa_user):
    submit_login(client, mfa_user.email)
    response = client.post("/konto/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert_error_summary(response.text, field_id="id_code")

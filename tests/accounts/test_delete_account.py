"""Deleting an account needs the password and an explicit confirmation."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_delete_page_needs_login(client):
    response = client.get("/konto/loeschen/")
    assert response.status_code == 302
    assert response.url == "/konto/login/?next=/konto/loeschen/"


def test_wrong_password_keeps_the_form_with_an_error(client, log_in, resident):
    """A wrong password deletes nothing and shows the error in the summary and at the field."""
    log_in(resident)
    response = client.post("/konto/loeschen/", {"password": "nicht-meins", "confirm": "on"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert 'href="#id_password"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert "checked" in response.text  # the ticked confirmation stays ticked
    assert get_user_model().objects.filter(pk=resident.pk).exists()
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_missing_confirmation_deletes_nothing(client, log_in, resident):
    log_in(resident)
    response = client.post("/konto/loeschen/", {"password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert 'href="#id_confirm"' in response.text
    assert get_user_model().objects.filter(pk=resident.pk).exists()


def test_password_and_confirmation_delete_the_account_and_log_out(client, log_in, resident):
    """The user is gone, the session is anonymous and the home page confirms the deletion."""
    log_in(resident)
    response = client.post(
        "/konto/loeschen/", {"password": DEFAULT_PASSWORD, "confirm": "on"}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    assert "_auth_user_id" not in client.session
    assert 'class="message message--success"' in response.text
    assert client.get("/konto/").status_code == 302

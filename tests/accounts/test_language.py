"""Account pages follow the language of their address: German by default, English under /en/."""

import pytest

pytestmark = pytest.mark.django_db


def test_login_page_is_german_without_prefix(client):
    response = client.get("/konto/login/")
    assert '<html lang="de"' in response.text
    assert "Passwort vergessen?" in response.text  # allauth's own German translation


def test_login_page_is_english_under_en(client):
    response = client.get("/en/konto/login/")
    assert '<html lang="en"' in response.text
    assert "Forgot your password?" in response.text


def test_login_page_links_to_its_other_language_version(client):
    """The language switch points at the same page in the other language."""
    assert 'href="/en/konto/login/"' in client.get("/konto/login/").text
    assert 'href="/konto/login/"' in client.get("/en/konto/login/").text


def test_english_login_keeps_english_through_the_mfa_step(client, mfa_user):
    """Logging in under /en/ continues in English on the second-factor page."""
    response = client.post(
        "/en/konto/login/", {"login": mfa_user.email, "password": "Sicheres-Passwort-42"}
    )
    assert response.url == "/en/konto/2fa/authenticate/"
    assert '<html lang="en"' in client.get(response.url).text

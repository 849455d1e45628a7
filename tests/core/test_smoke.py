import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_german_by_default(client):
    """The home page answers in German without a language prefix."""
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="de"' in response.content
    assert "Digitales München" in response.text


def test_home_page_in_english_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert b'<html lang="en"' in response.content


def test_database_is_postgresql():
    from django.db import connection

    assert connection.vendor == "postgresql"

"""Meine Daten downloads are rate limited per account: a clear 429 page, never a 500."""

import pytest

from munich_portal.audit import views
from munich_portal.audit.models import DataUseEvent

pytestmark = pytest.mark.django_db

DOWNLOADS = ["/meine-daten/export.json", "/meine-daten/dokument/", "/meine-daten/export.pdf"]


def exports_logged() -> int:
    return DataUseEvent.objects.filter(action="export").count()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_past_the_limit_downloads_answer_429_in_the_portal_layout(
    client, resident, monkeypatch, prefix
):
    monkeypatch.setattr(views, "DOWNLOADS_PER_HOUR", 3)
    client.force_login(resident)
    # The three formats share one limit.
    for url in DOWNLOADS:
        assert client.get(prefix + url).status_code == 200
    assert exports_logged() == 3

    for url in DOWNLOADS:
        response = client.get(prefix + url)
        assert response.status_code == 429
        assert response["Content-Type"].startswith("text/html")
        text = response.content.decode()
        assert '<main id="main"' in text and text.count("<h1") == 1
        if prefix:
            assert "Too many downloads" in text and "within an hour" in text
        else:
            assert "Zu viele Downloads" in text
        assert 'href="' + prefix + '/meine-daten/"' in text
    # Nothing was read, so nothing is logged as an export.
    assert exports_logged() == 3
    # The overview stays available.
    assert client.get(prefix + "/meine-daten/").status_code == 200


def test_the_limit_is_per_account(client, resident, monkeypatch):
    from tests.factories import UserFactory

    monkeypatch.setattr(views, "DOWNLOADS_PER_HOUR", 1)
    client.force_login(resident)
    assert client.get("/meine-daten/export.json").status_code == 200
    assert client.get("/meine-daten/export.json").status_code == 429
    client.force_login(UserFactory())
    assert client.get("/meine-daten/export.json").status_code == 200


def test_the_default_limit_allows_ten_downloads_an_hour(client, resident):
    assert views.DOWNLOADS_PER_HOUR == 10
    client.force_login(resident)
    for _ in range(10):
        assert client.get("/meine-daten/export.json").status_code == 200
    assert client.get("/meine-daten/export.json").status_code == 429

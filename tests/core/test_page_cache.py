"""The public-page cache serves anonymous visitors and never anyone with a session."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from munich_portal.core.page_cache import ALIAS
from munich_portal.portal import views
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted_home(monkeypatch):
    """Count how often the home page's data is actually read (= the page rendered)."""
    calls = []
    original = views.selectors.home_page_context

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(views.selectors, "home_page_context", counting)
    caches[ALIAS].clear()
    yield calls
    caches[ALIAS].clear()


@override_settings(PAGE_CACHE_SECONDS=60)
def test_anonymous_repeat_visits_are_served_from_the_cache(client, counted_home):
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(counted_home) == 1
    # The security headers come from middleware and are present on cached responses too.
    assert "Content-Security-Policy" in second.headers


@override_settings(PAGE_CACHE_SECONDS=60)
def test_languages_are_cached_separately(client, counted_home):
    german = client.get("/")
    english = client.get("/en/")
    assert b'lang="de"' in german.content
    assert b'lang="en"' in english.content
    assert len(counted_home) == 2


@override_settings(PAGE_CACHE_SECONDS=60)
def test_logged_in_visitors_are_never_served_cached_pages(client, counted_home):
    client.get("/")
    user = UserFactory()
    client.force_login(user)
    response = client.get("/")
    assert len(counted_home) == 2
    assert "/konto/logout/" in response.text  # the logged-in header, not the cached one


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cache_can_be_switched_off(client, counted_home):
    client.get("/")
    client.get("/")
    assert len(counted_home) == 2

"""The one page cache (munich_portal.core.page_cache): who is served a kept copy, what is kept,
and how long — by time, by a version token, by the page's own validity."""

import datetime as dt
import gzip
import time

import pytest
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings
from django.utils import timezone

from munich_portal.accounts.sessions import SessionStore
from munich_portal.core import page_cache
from munich_portal.core.page_cache import (
    DataVersion,
    cache_public_page,
    cached_response,
    set_valid_until,
)
from munich_portal.portal import views
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BODY = ("<!doctype html><title>Seite</title>" + "<p>Dieselbe Seite für alle.</p>" * 40).encode()


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """Moves the store's clock (``time.time``) forward: ``clock(seconds)``."""
    real = time.time
    offset = [0.0]
    monkeypatch.setattr(time, "time", lambda: real() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance


class Page:
    """A view that counts how often it renders; ``prepare(request, response)`` adds to a page."""

    def __init__(self, prepare=None, *, status=200):
        self.renders = 0
        self.prepare = prepare
        self.status = status

    def __call__(self, request):
        self.renders += 1
        response = HttpResponse(BODY, status=self.status, content_type="text/html; charset=utf-8")
        response["X-Page"] = "seite"
        if self.prepare:
            self.prepare(request, response)
        return response


def get(path="/seite/", **extra):
    return RequestFactory().get(path, **extra)


def in_seconds(seconds: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(seconds=seconds)


# --- served again -----------------------------------------------------------------------------


def test_a_page_is_rendered_once_and_served_again_with_its_headers():
    page = Page()
    view = cache_public_page(page)
    first, second = view(get()), view(get())
    assert page.renders == 1
    assert first.content == second.content == BODY
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["X-Page"] == "seite"


def test_addresses_hosts_and_languages_are_kept_apart(settings):
    settings.ALLOWED_HOSTS = ["testserver", "andere.example"]
    page = Page()
    view = cache_public_page(page)
    view(get("/seite/"))
    view(get("/seite/?seite=2"))
    view(get("/seite/", HTTP_HOST="andere.example"))
    from django.utils import translation

    with translation.override("en"):
        view(get("/seite/"))
    assert page.renders == 4
    view(get("/seite/?seite=2"))
    assert page.renders == 4


def test_letter_case_and_port_of_a_host_share_one_copy():
    """Variants of an allowed host cannot flood the store with copies of one page."""
    page = Page()
    view = cache_public_page(page)
    for host in ("testserver", "TestServer", "testserver:8443", "TESTSERVER:1"):
        view(get(HTTP_HOST=host))
    assert page.renders == 1


def test_the_display_cookie_is_part_of_the_key(settings):
    settings.PAGE_CACHE_VARY_COOKIES = ["portal_display"]
    page = Page()
    view = cache_public_page(page)
    view(get())
    view(get(HTTP_COOKIE="portal_display=contrast:high"))
    view(get(HTTP_COOKIE="portal_display=contrast:high"))
    assert page.renders == 2


# --- how long: version, valid_until, time -----------------------------------------------------


def test_a_new_version_token_renders_the_page_again():
    token = ["v1"]
    page = Page()
    view = cache_public_page(page, version=lambda: token[0])
    view(get())
    view(get())
    assert page.renders == 1
    token[0] = "v2"
    view(get())
    view(get())
    assert page.renders == 2
    token[0] = "v1"  # the copy of v1 was replaced, never served again
    view(get())
    assert page.renders == 3


def test_without_a_version_token_nothing_is_kept():
    page = Page()
    view = cache_public_page(page, version=lambda: None)
    view(get())
    view(get())
    assert page.renders == 2


def _valid_for_30_seconds(request, response):
    set_valid_until(response, in_seconds(30))


@pytest.mark.parametrize(
    ("options", "prepare", "seconds"),
    [
        ({}, None, 60),
        ({"seconds": 5}, None, 5),
        ({"version": lambda: "v1"}, None, 3600),
        ({"version": lambda: "v1"}, _valid_for_30_seconds, 30),
        ({}, _valid_for_30_seconds, 30),
    ],
    ids=[
        "PAGE_CACHE_SECONDS",
        "the decorator's seconds",
        "versioned: PAGE_CACHE_MAX_SECONDS",
        "versioned: valid_until",
        "valid_until before PAGE_CACHE_SECONDS",
    ],
)
def test_a_page_is_served_again_until_its_time_is_up(settings, clock, options, prepare, seconds):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_MAX_SECONDS = 3600
    page = Page(prepare)
    view = cache_public_page(page, **options)
    view(get())
    clock(seconds - 1)
    view(get())
    assert page.renders == 1
    clock(2)
    view(get())
    assert page.renders == 2


def test_a_page_valid_until_a_moment_past_is_not_kept():
    page = Page(lambda request, response: set_valid_until(response, in_seconds(-1)))
    view = cache_public_page(page, version=lambda: "v1")
    view(get())
    view(get())
    assert page.renders == 2


@pytest.mark.parametrize(
    "switch", [{"PAGE_CACHE_SECONDS": 0}, {"PAGE_CACHE_MAX_SECONDS": 0}, {"DEBUG": True}]
)
def test_the_cache_can_be_switched_off(switch):
    page = Page()
    view = cache_public_page(page)
    with override_settings(**switch):
        view(get())
        view(get())
    assert page.renders == 2


def test_page_cache_seconds_0_leaves_versioned_pages_cached(settings):
    settings.PAGE_CACHE_SECONDS = 0
    page = Page()
    view = cache_public_page(page, version=lambda: "v1")
    view(get())
    view(get())
    assert page.renders == 1


# --- gzip and Vary ----------------------------------------------------------------------------


def test_gzip_is_served_only_to_clients_that_accept_it():
    view = cache_public_page(Page())
    miss = view(get(HTTP_ACCEPT_ENCODING="gzip, deflate, br"))
    assert miss["Content-Encoding"] == "gzip"
    assert gzip.decompress(miss.content) == BODY
    plain = view(get())
    assert not plain.has_header("Content-Encoding")
    assert plain.content == BODY
    other = view(get(HTTP_ACCEPT_ENCODING="br, deflate"))
    assert not other.has_header("Content-Encoding")
    assert other.content == BODY
    hit = view(get(HTTP_ACCEPT_ENCODING="gzip"))
    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == BODY


def test_pages_that_put_something_of_the_visitor_in_are_never_compressed():
    page = Page()

    def view(request):
        return cached_response(request, lambda: page(request), compress=False)

    for _ in range(2):
        response = view(get(HTTP_ACCEPT_ENCODING="gzip"))
        assert not response.has_header("Content-Encoding")
        assert response.content == BODY
        assert "Cookie" in response["Vary"]
    assert page.renders == 1


@pytest.mark.parametrize(
    "request_headers",
    [{}, {"HTTP_ACCEPT_ENCODING": "gzip"}, {"HTTP_COOKIE": "sessionid=abc"}],
    ids=["plain", "gzip", "session"],
)
def test_every_response_says_it_varies_by_encoding_and_cookie(request_headers):
    view = cache_public_page(Page())
    for _ in range(2):  # rendered, then served from the cache (or rendered again)
        vary = {part.strip() for part in view(get(**request_headers))["Vary"].split(",")}
        assert vary == {"Accept-Encoding", "Cookie"}


# --- who is served a kept copy ----------------------------------------------------------------


@pytest.mark.parametrize(
    "cookie", [django_settings.SESSION_COOKIE_NAME, page_cache.MESSAGES_COOKIE]
)
def test_visitors_with_a_session_or_messages_are_never_served_or_stored(cookie):
    page = Page()
    view = cache_public_page(page)
    view(get())
    view(get(HTTP_COOKIE=f"{cookie}=abc"))
    assert page.renders == 2  # not served the anonymous copy
    page_cache.clear()
    view(get(HTTP_COOKIE=f"{cookie}=abc"))
    view(get())
    assert page.renders == 4  # their page was not stored


def test_head_is_served_from_the_cache_but_does_not_fill_it():
    page = Page()
    view = cache_public_page(page)
    view(RequestFactory().head("/seite/"))
    view(get())
    assert page.renders == 2
    head = view(RequestFactory().head("/seite/"))
    assert page.renders == 2
    assert head.status_code == 200


def test_other_methods_are_always_rendered():
    page = Page()
    view = cache_public_page(page)
    view(get())
    view(RequestFactory().post("/seite/"))
    assert page.renders == 2


def test_very_long_addresses_are_not_kept():
    page = Page()
    view = cache_public_page(page)
    path = "/seite/?q=" + "x" * page_cache.MAX_PATH_LENGTH
    view(get(path))
    view(get(path))
    assert page.renders == 2


# --- what is stored ---------------------------------------------------------------------------


def _sets_cookie(request, response):
    response.set_cookie("gemerkt", "1")


def _uses_csrf_token(request, response):
    get_token(request)


def _changes_session(request, response):
    request.session["gesehen"] = True


def _adds_message(request, response):
    messages.info(request, "Nur für diese Person")


def _private(request, response):
    response["Cache-Control"] = "private"


def _no_store(request, response):
    response["Cache-Control"] = "no-store"


@pytest.mark.parametrize(
    "prepare",
    [_sets_cookie, _uses_csrf_token, _changes_session, _adds_message, _private, _no_store],
)
def test_responses_that_carry_something_of_the_visitor_are_not_stored(prepare):
    page = Page(prepare)
    view = cache_public_page(page)
    for _ in range(2):
        request = get()
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        view(request)
    assert page.renders == 2


@pytest.mark.parametrize("status", [404, 302, 500])
def test_only_200_responses_are_stored(status):
    page = Page(status=status)
    view = cache_public_page(page)
    view(get())
    view(get())
    assert page.renders == 2


def test_streaming_responses_are_not_stored():
    renders = []

    def streaming(request):
        renders.append(1)
        return StreamingHttpResponse(iter([b"a", b"b"]))

    view = cache_public_page(streaming)
    view(get())
    view(get())
    assert len(renders) == 2


def test_an_anonymous_session_that_is_only_read_does_not_stop_caching():
    page = Page(lambda request, response: request.session.get("gesehen"))
    view = cache_public_page(page)
    for _ in range(2):
        request = get()
        request.session = SessionStore()
        view(request)
    assert page.renders == 1


def test_the_store_is_bounded_least_recently_used_out_first(settings):
    settings.CACHES = {
        **settings.CACHES,
        page_cache.ALIAS: {
            "BACKEND": "munich_portal.core.memory_cache.ProcessMemoryCache",
            "LOCATION": "page-cache-bound-test",
            "OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 3},
        },
    }
    page = Page()
    view = cache_public_page(page)
    for path in ("/a/", "/b/", "/c/"):
        view(get(path))
    view(get("/a/"))  # /a/ is now the most recently used
    view(get("/d/"))  # the store is full: /b/ goes
    assert page.renders == 4
    view(get("/a/"))
    view(get("/c/"))
    assert page.renders == 4
    view(get("/b/"))
    assert page.renders == 5


# --- version tokens ---------------------------------------------------------------------------


def test_a_data_version_is_read_at_most_every_page_cache_version_seconds(settings):
    reads = []
    version = DataVersion(lambda: reads.append(1) or "t1")
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    assert version() == version() == "t1"
    assert len(reads) == 1
    version.forget(sender=object)  # a signal receiver
    assert version() == "t1"
    assert len(reads) == 2
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    version()
    version()
    assert len(reads) == 4


def test_a_data_version_memo_is_computed_once_per_token(settings):
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    token = ["t1"]
    version = DataVersion(lambda: token[0])
    computed = []

    def compute():
        computed.append(token[0])
        return len(computed)

    assert version.memo("zahl", compute) == version.memo("zahl", compute) == 1
    token[0] = "t2"
    assert version.memo("zahl", compute) == 2
    token[0] = None
    assert version.memo("zahl", compute) == 3
    assert version.memo("zahl", compute) == 4  # without a token nothing is kept


def test_a_data_version_as_the_version_of_a_page(settings):
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    token = ["t1"]
    version = DataVersion(lambda: token[0])
    page = Page()
    view = cache_public_page(page, version=version)
    view(get())
    token[0] = "t2"
    view(get())
    assert page.renders == 1  # the token is trusted for PAGE_CACHE_VERSION_SECONDS
    version.forget()
    view(get())
    assert page.renders == 2


# --- the portal's pages -----------------------------------------------------------------------


@pytest.fixture
def counted_home(monkeypatch):
    """Count how often the home page's data is actually read (= the page rendered)."""
    calls = []
    original = views.selectors.home_page_context

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(views.selectors, "home_page_context", counting)
    return calls


def test_anonymous_repeat_visits_are_served_from_the_cache(client, counted_home):
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(counted_home) == 1
    # The security headers come from middleware and are present on cached responses too.
    assert "Content-Security-Policy" in second.headers


def test_languages_are_cached_separately(client, counted_home):
    german = client.get("/")
    english = client.get("/en/")
    assert b'lang="de"' in german.content
    assert b'lang="en"' in english.content
    assert len(counted_home) == 2


def test_logged_in_visitors_are_never_served_cached_pages(client, counted_home):
    client.get("/")
    user = UserFactory()
    client.force_login(user)
    response = client.get("/")
    assert len(counted_home) == 2
    assert "/konto/logout/" in response.text  # the logged-in header, not the cached one


def test_a_message_for_one_visitor_is_never_kept(client, counted_home):
    """After logging out, the visitor sees that they did: rendered for them, never stored."""
    client.force_login(UserFactory())
    client.post("/konto/logout/")
    assert 'class="messages"' in client.get("/").text
    client.cookies.clear()
    assert 'class="messages"' not in client.get("/").text
    assert 'class="messages"' not in client.get("/").text
    assert len(counted_home) == 2


def test_cache_can_be_switched_off(client, counted_home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    client.get("/")
    assert len(counted_home) == 2


def test_page_cache_pages_false_renders_every_page_but_keeps_fragments(settings):
    from munich_portal.core.fragment_cache import cached_fragment

    settings.PAGE_CACHE_PAGES = False
    calls = []

    def render():
        calls.append("page")
        cached_fragment(None, "teil", render=lambda: calls.append("fragment") or "x", version="1")
        return HttpResponse(BODY)

    request = RequestFactory().get("/seite/")
    cached_response(request, render, version=lambda: "v1")
    cached_response(request, render, version=lambda: "v1")
    assert calls == ["page", "fragment", "page"]

"""Event pages for anonymous visitors are rendered once and served with each visitor's own CSRF
token; the form on a served copy works with Django's CSRF checks switched on."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from participation.event_cache import PLACEHOLDER
from participation.models import Registration
from tests.participation.factories import ConsentTextFactory, EventFactory

pytestmark = pytest.mark.django_db

URL = "/en/veranstaltungen/cache-werkstatt/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(slug="cache-werkstatt", capacity=5)


def token_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_served_copy_needs_no_queries_and_carries_a_fresh_token(event, django_assert_num_queries):
    first_client, second_client = Client(), Client()
    first = first_client.get(URL).content.decode()
    with django_assert_num_queries(0):
        second = second_client.get(URL).content.decode()
    assert PLACEHOLDER not in first and PLACEHOLDER not in second
    assert token_of(first) != token_of(second)
    assert len(token_of(second)) == 64


def test_the_form_of_a_served_copy_passes_the_csrf_check(event):
    Client().get(URL)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(URL).content.decode()
    response = visitor.post(
        URL,
        {
            "csrfmiddlewaretoken": token_of(html),
            "first_name": "Maria",
            "last_name": "Huber",
            "email": "maria@example.org",
            "number_of_people": "1",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="maria@example.org").exists()


def test_a_post_without_the_token_is_refused(event):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(URL)
    response = visitor.post(URL, {"first_name": "Maria"})
    assert response.status_code == 403


def test_a_registration_in_this_process_shows_at_once(event, django_capture_on_commit_callbacks):
    from participation import actions
    from participation.event_cache import forget_event_page

    assert "5 of 5 places left" in Client().get(URL).content.decode()
    actions.register(
        event=event, channel="paper", person={"first_name": "A", "last_name": "B"},
        number_of_people=2, access_needs=[], consent_version="x",
    )  # fmt: skip
    forget_event_page(event.slug)
    assert "3 of 5 places left" in Client().get(URL).content.decode()
    assert event.starts_at > timezone.now()


def test_logged_in_visitors_get_a_live_page(event, client):
    from tests.factories import UserFactory

    Client().get(URL)
    client.force_login(UserFactory())
    html = client.get(URL).content.decode()
    assert "You can register without an account" not in html


def test_a_returning_visitor_keeps_their_csrf_secret(event):
    """With the CSRF cookie already set, the served token is masked from that cookie's secret."""
    Client().get(URL)
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(URL)
    cookie = visitor.cookies["csrftoken"].value
    html = visitor.get(URL).content.decode()
    assert visitor.cookies["csrftoken"].value == cookie
    response = visitor.post(
        URL,
        {
            "csrfmiddlewaretoken": token_of(html),
            "first_name": "Maria",
            "last_name": "Huber",
            "email": "maria2@example.org",
            "number_of_people": "1",
            "consent": "on",
        },
    )
    assert response.status_code == 302


def test_a_served_copy_goes_out_gzip_compressed_with_a_working_token(event):
    """Compressed once per rendering, the visitor's token put in as a stored block: a valid gzip
    file (checksum and length checked by the decompressor) whose form passes the CSRF check."""
    import gzip

    Client().get(URL)  # fills the cache
    plain = Client().get(URL)
    visitor = Client(enforce_csrf_checks=True, HTTP_ACCEPT_ENCODING="gzip, deflate")
    first, second = visitor.get(URL), visitor.get(URL)
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"] and "Cookie" in first["Vary"]
    assert len(first.content) < len(plain.content) / 2
    html, again = gzip.decompress(first.content).decode(), gzip.decompress(second.content).decode()
    assert PLACEHOLDER not in html
    assert token_of(html) != token_of(again)
    without_token = html.replace(token_of(html), "")
    assert without_token == plain.content.decode().replace(token_of(plain.content.decode()), "")
    response = visitor.post(
        URL,
        {
            "csrfmiddlewaretoken": token_of(again),
            "first_name": "Maria",
            "last_name": "Huber",
            "email": "maria3@example.org",
            "number_of_people": "1",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert "Content-Encoding" not in Client().get(URL)  # only to clients that accept gzip

"""The participation pages' fragments (issue 17): what is the same for everyone is rendered once
per participation version and kept; a change shows at once, the language and the display cookie
get their own copies, and nothing of one visitor reaches another.

The tests run with PAGE_CACHE_VERSION_SECONDS=0 (the token is read on every request) and with the
page cache keeping nothing (PAGE_CACHE_SECONDS=0), so every request is rendered from fragments.
"""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from munich_portal.core import page_cache
from munich_portal.core.models import Stadtbezirk
from participation import actions, selectors
from participation.event_cache import PLACEHOLDER
from participation.models import Event, Phase, Process, ProcessStatus
from tests.factories import UserFactory
from tests.participation.factories import (
    ConsentTextFactory,
    EventFactory,
    PhaseFactory,
    ProcessFactory,
    person,
)
from tests.services.factories import OfficeFactory

pytestmark = pytest.mark.django_db


def main_html(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def process():
    process = ProcessFactory(
        slug="altstadt", title_de="Altstadt neu denken", title_en="Rethinking the old town"
    )
    PhaseFactory(process=process)
    return process


@pytest.fixture
def event(process):
    ConsentTextFactory()
    return EventFactory(
        process=process,
        slug="altstadt-werkstatt",
        title_de="Werkstatt Altstadt",
        title_en="Old town workshop",
        capacity=10,
    )


def token_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def stored_text() -> str:
    """Everything the page store holds, as text (to look for what must never be in it)."""
    cache = caches[page_cache.ALIAS]
    # The store's own keys carry the cache's prefix and version (":1:").
    return "\n".join(repr(cache.get(key.split(":", 2)[2])) for key in list(cache._cache))


def without_csrf_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def store_size() -> int:
    return len(caches[page_cache.ALIAS]._cache)


# --- kept, and a hit runs no query ---------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/beteiligung/",
        "/beteiligung/?thema=housing&seite=1",
        "/beteiligung/altstadt/",
        "/beteiligung/altstadt/?sprache=leicht",
    ],
)
def test_a_second_visit_is_served_from_fragments_without_a_query(
    client, event, settings, django_assert_num_queries, path
):
    settings.PAGE_CACHE_VERSION_SECONDS = 60  # as in production: the token is remembered
    first = main_html(client.get(path))
    assert store_size() > 0
    with django_assert_num_queries(0):
        second = main_html(client.get(path))
    assert second == first


def test_a_guests_event_page_hit_runs_no_query_and_carries_a_fresh_token(
    client, event, settings, django_assert_num_queries
):
    """A guest's whole page, registration section included, comes from fragments; the section
    holds the placeholder, each response gets its own token (participation.event_cache)."""
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    first = main_html(client.get("/veranstaltungen/altstadt-werkstatt/"))
    with django_assert_num_queries(0):
        second = main_html(client.get("/veranstaltungen/altstadt-werkstatt/"))
    assert without_csrf_token(second) == without_csrf_token(first)
    assert token_of(second) != token_of(first)
    assert PLACEHOLDER not in second


# --- a change shows at once ----------------------------------------------------------------------
def test_a_title_changed_with_the_orm_shows_at_once_on_every_page(client, event, process):
    pages = [
        "/en/beteiligung/",
        "/en/beteiligung/altstadt/",
        "/en/veranstaltungen/altstadt-werkstatt/",
    ]
    for path in pages:
        assert "Rethinking the old town" in main_html(client.get(path))
    process.title_en = "The old town, rethought"
    process.save()
    for path in pages:
        html = main_html(client.get(path))
        assert "The old town, rethought" in html
        assert "Rethinking the old town" not in html


def test_writes_without_signals_show_at_once(client, event, process):
    """Queryset updates and deletes send no signal: the database triggers change the token."""
    assert "Old town workshop" in main_html(client.get("/en/beteiligung/altstadt/"))
    Event.objects.filter(pk=event.pk).update(title_en="Workshop in the old town")
    assert "Workshop in the old town" in main_html(client.get("/en/beteiligung/altstadt/"))
    Event.objects.filter(pk=event.pk).delete()
    html = main_html(client.get("/en/beteiligung/altstadt/"))
    assert "Workshop in the old town" not in html
    # A phase (no "updated" column) moved into the future: the process is upcoming now.
    assert "process-state--running" in main_html(client.get("/en/beteiligung/"))
    future = timezone.localdate() + dt.timedelta(days=30)
    Phase.objects.filter(process=process).update(starts_on=future, ends_on=future)
    html = main_html(client.get("/en/beteiligung/"))
    assert "process-state--upcoming" in html and "process-state--running" not in html
    # Unpublished: the pages are gone at once.
    Process.objects.filter(pk=process.pk).update(status=ProcessStatus.DRAFT)
    assert client.get("/en/beteiligung/altstadt/").status_code == 404
    assert "Rethinking the old town" not in main_html(client.get("/en/beteiligung/"))


def test_a_registration_changes_the_places_left_at_once(client, event, on_commit):
    event_url = "/en/veranstaltungen/altstadt-werkstatt/"
    assert "10 of 10 places left" in main_html(client.get(event_url))
    assert "10 places left" in main_html(client.get("/en/beteiligung/altstadt/"))
    on_commit(
        actions.register,
        event=event,
        channel="paper",
        person=person(1),
        number_of_people=3,
        access_needs=[],
        consent_version="2026-11",
    )
    assert "7 of 10 places left" in main_html(client.get(event_url))
    assert "7 places left" in main_html(client.get("/en/beteiligung/altstadt/"))


def test_a_change_of_the_venue_office_shows_on_the_event_page(client, event):
    office = OfficeFactory(name_en="Citizens' office Pasing")
    Event.objects.filter(pk=event.pk).update(office=office)
    assert "Citizens&#x27; office Pasing" in main_html(
        client.get("/en/veranstaltungen/altstadt-werkstatt/")
    )
    type(office).objects.filter(pk=office.pk).update(name_en="Pasing office")
    assert "Pasing office" in main_html(client.get("/en/veranstaltungen/altstadt-werkstatt/"))


def test_a_district_renamed_shows_in_the_list(client, process):
    district, _created = Stadtbezirk.objects.get_or_create(
        number=23, defaults={"name": "Allach-Untermenzing", "slug": "allach"}
    )
    process.stadtbezirke.set([district])
    assert "Allach-Untermenzing" in main_html(client.get("/beteiligung/"))
    Stadtbezirk.objects.filter(pk=district.pk).update(name="Allach")
    html = main_html(client.get("/beteiligung/"))
    assert "Allach-Untermenzing" not in html and "Allach" in html


def test_the_event_page_changes_when_the_event_is_over_by_the_clock_alone(client, event):
    assert '<form method="post"' in main_html(client.get("/en/veranstaltungen/altstadt-werkstatt/"))
    later = event.ends_at + dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        html = main_html(client.get("/en/veranstaltungen/altstadt-werkstatt/"))
        timeline = main_html(client.get("/en/beteiligung/altstadt/"))
    assert "The event has taken place." in html
    assert '<form method="post"' not in html
    assert "(took place)" in timeline


def test_the_time_part_changes_exactly_when_a_moment_passes(event):
    before = selectors.time_part(event.ends_at - dt.timedelta(seconds=1))
    at = selectors.time_part(event.ends_at)
    after = selectors.time_part(event.ends_at + dt.timedelta(seconds=1))
    assert len({before, at, after}) == 3
    assert selectors.time_part(event.ends_at + dt.timedelta(seconds=2)) == after


# --- language and display settings --------------------------------------------------------------
def test_german_and_english_pages_get_their_own_fragments(client, event):
    for _round in range(2):
        german = main_html(client.get("/beteiligung/altstadt/"))
        english = main_html(client.get("/en/beteiligung/altstadt/"))
        assert "Altstadt neu denken" in german and "Rethinking the old town" not in german
        assert "Rethinking the old town" in english
        assert "Zeitplan" in german and "Timeline" in english


def test_the_display_cookie_gets_its_own_fragments(event):
    plain, large = Client(), Client()
    large.cookies["portal_display"] = "contrast:high"
    main_html(plain.get("/beteiligung/altstadt/"))
    kept = store_size()
    assert main_html(large.get("/beteiligung/altstadt/")) == main_html(
        plain.get("/beteiligung/altstadt/")
    )
    assert store_size() > kept  # the second display setting has copies of its own


# --- nothing of a person -----------------------------------------------------------------------
def test_each_visitor_sees_only_their_own_registration_part(event, on_commit):
    anna = UserFactory(email="anna@example.org", full_name="Anna Bürger")
    ben = UserFactory(email="ben@example.org", full_name="Ben Huber")
    registration = on_commit(
        actions.register,
        event=event,
        channel="online",
        user=anna,
        person=person(2, first_name="Anna", last_name="Bürger", email="anna@example.org"),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
    )
    clients = {"anna": Client(), "ben": Client(), "guest": Client()}
    clients["anna"].force_login(anna)
    clients["ben"].force_login(ben)
    url = "/en/veranstaltungen/altstadt-werkstatt/"
    for _round in range(2):  # the second round is served from the fragments the first kept
        pages = {name: main_html(client.get(url)) for name, client in clients.items()}
        assert "You are registered for this event." in pages["anna"]
        assert registration.reference in pages["anna"]
        for other in ("ben", "guest"):
            assert registration.reference not in pages[other]
            assert "You are registered" not in pages[other]
            assert 'name="first_name"' in pages[other]
            assert "anna@example.org" not in pages[other]
        assert 'value="ben@example.org"' in pages["ben"]
        assert 'value="Ben"' in pages["ben"]
        assert "ben@example.org" not in pages["guest"] and 'value="Ben"' not in pages["guest"]
        assert "log in</a> to register" in pages["guest"]
        assert "log in</a> to register" not in pages["ben"]
        # Only the person's part differs: the event's facts are the same fragment.
        assert (
            pages["anna"].split("register-heading")[0]
            == pages["guest"].split("register-heading")[0]
        )


def test_a_staff_preview_of_a_draft_is_never_kept(client, event, process):
    Process.objects.filter(pk=process.pk).update(status=ProcessStatus.DRAFT)
    staff = UserFactory(email="redaktion@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    page_cache.clear()
    client.get("/en/impressum/")
    kept_by_the_layout = store_size()  # whatever the base layout keeps, for comparison
    page_cache.clear()
    for path in ("/en/beteiligung/altstadt/", "/en/veranstaltungen/altstadt-werkstatt/"):
        assert "This process is not published." in main_html(client.get(path))
    assert store_size() == kept_by_the_layout
    assert Client().get("/en/beteiligung/altstadt/").status_code == 404


def test_the_version_changes_when_the_transaction_commits_not_before(process):
    """The triggers are deferred: other transactions see the new token with the new data."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS participation_version DEFERRED")
    before = selectors._participation_token()
    Process.objects.filter(pk=process.pk).update(title_en="Deferred")
    assert selectors._participation_token() == before  # not yet: the commit fires them
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS participation_version IMMEDIATE")  # as a commit would
    assert selectors._participation_token() not in (before, None)

"""The public participation pages: structure, filters, timeline, languages, queries, 404s."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from munich_portal.core.models import Stadtbezirk
from munich_portal.core.timezone import today_in_munich
from participation import actions
from participation.models import Phase, Topic
from participation.selectors import ProcessState, state_of
from tests.participation.factories import EventFactory, PhaseFactory, ProcessFactory, person

pytestmark = pytest.mark.django_db


# String assertions read the English pages (/en/): German translations may change any wording.


def main_html(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def district():
    return Stadtbezirk.objects.get_or_create(
        number=22, defaults={"name": "Aubing-Lochhausen-Langwied", "slug": "aubing"}
    )[0]


@pytest.fixture
def processes(district):
    """A running, an upcoming and a finished process, and a draft."""
    today = today_in_munich()
    running = ProcessFactory(
        slug="freiham",
        title_de="Freiham",
        title_en="",
        topic=Topic.HOUSING,
        stadtbezirke=[district],
        easy_language_summary="Freiham ist ein neuer Stadt-Teil.",
    )
    PhaseFactory(
        process=running,
        kind=Phase.Kind.INFORMATION,
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=11),
    )
    PhaseFactory(
        process=running,
        kind=Phase.Kind.PARTICIPATION,
        starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=10),
    )
    upcoming = ProcessFactory(
        slug="freiraum", title_de="Freiraumnutzung", title_en="", topic=Topic.OPEN_SPACES
    )
    PhaseFactory(
        process=upcoming,
        starts_on=today + dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=50),
    )
    finished = ProcessFactory(slug="hochhaus", title_de="Hochhausstudie", title_en="")
    PhaseFactory(
        process=finished,
        kind=Phase.Kind.RESULTS,
        starts_on=today - dt.timedelta(days=100),
        ends_on=today - dt.timedelta(days=1),
    )
    draft = ProcessFactory(slug="geheim", title_de="Geheimer Entwurf", status="draft")
    event = EventFactory(
        process=running, slug="werkstatt-freiham", title_de="Werkstatt Freiham", title_en=""
    )
    return {
        "running": running,
        "upcoming": upcoming,
        "finished": finished,
        "draft": draft,
        "event": event,
    }


PAGES = ["/beteiligung/", "/beteiligung/freiham/", "/veranstaltungen/werkstatt-freiham/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_page_has_one_h1_breadcrumbs_and_title(client, processes, prefix, path):
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'class="breadcrumbs' in html
    assert re.search(r"<title>\S.*</title>", html)
    assert f'<html lang="{prefix.strip("/") or "de"}"' in html


def test_list_shows_published_processes_with_their_state_in_text(client, processes):
    html = main_html(client.get("/en/beteiligung/"))
    assert "Freiham" in html and "Freiraumnutzung" in html and "Hochhausstudie" in html
    assert "Geheimer Entwurf" not in html
    # The state is written out, not only a colour.
    assert "process-state--running" in html and ">Running<" in html
    assert "Current phase:" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=running", "Freiham", "Hochhausstudie"),
        ("status=upcoming", "Freiraumnutzung", "Freiham<"),
        ("status=finished", "Hochhausstudie", "Freiraumnutzung"),
        ("thema=housing", "Freiham", "Freiraumnutzung"),
        ("bezirk=aubing", "Freiham", "Hochhausstudie"),
    ],
)
def test_list_filters_by_status_topic_and_district(client, processes, query, shown, hidden):
    html = main_html(client.get(f"/en/beteiligung/?{query}"))
    assert shown in html
    assert hidden not in html


def test_list_filter_is_a_get_form_without_javascript(client, processes):
    html = main_html(client.get("/en/beteiligung/?status=running"))
    assert '<form class="process-filter" method="get"' in html
    assert '<option value="running" selected>' in html
    assert "<script" not in html


def test_unknown_filter_values_are_ignored_not_errors(client, processes):
    response = client.get("/beteiligung/?status=<b>&thema=x&bezirk=nirgends&seite=abc")
    assert response.status_code == 200
    assert "Hochhausstudie" in main_html(response)


def test_list_is_paged(client, processes):
    for n in range(13):
        ProcessFactory(slug=f"extra-{n}", title_de=f"Weiteres Verfahren {n}")
    first = main_html(client.get("/en/beteiligung/"))
    assert 'rel="next"' in first
    second = main_html(client.get("/en/beteiligung/?seite=2"))
    assert 'rel="prev"' in second


def test_process_page_lists_phases_and_events_as_an_ordered_timeline(client, processes):
    html = main_html(client.get("/en/beteiligung/freiham/"))
    timeline = html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    assert timeline.index("Phase: information") < timeline.index("Phase: participation")
    assert timeline.index("Phase: participation") < timeline.index("Werkstatt Freiham")
    # The current phase is marked in text and for assistive technology, not by colour only.
    assert 'aria-current="step"' in timeline
    assert "current phase" in timeline
    assert "(completed)" in timeline
    assert "<time datetime=" in timeline


def test_process_page_shows_department_contact_and_districts(client, processes):
    html = main_html(client.get("/en/beteiligung/freiham/"))
    assert "Department of Urban Planning" in html
    assert "mailto:beteiligung@muenchen.de" in html
    assert "Aubing-Lochhausen-Langwied" in html


def test_easy_language_switch_shows_the_summary_marked_german(client, processes):
    html = main_html(client.get("/en/beteiligung/freiham/"))
    assert 'href="/en/beteiligung/freiham/?sprache=leicht"' in html
    easy = main_html(client.get("/en/beteiligung/freiham/?sprache=leicht"))
    assert '<section class="easy-language" lang="de"' in easy
    assert "Freiham ist ein neuer Stadt-Teil." in easy
    assert "Show this page in standard language" in easy


def test_english_page_falls_back_to_german_text_marked_as_german(client, processes):
    html = main_html(client.get("/en/beteiligung/freiham/"))
    assert '<h1 id="process-title" lang="de">Freiham</h1>' in html
    assert 'lang="de">How should' not in html  # the English summary is shown as English
    assert "How should the city centre develop" in html


def test_drafts_are_not_public(client, processes):
    assert client.get("/beteiligung/geheim/").status_code == 404
    assert client.get("/beteiligung/unbekannt/").status_code == 404
    assert client.get("/veranstaltungen/unbekannt/").status_code == 404


def test_event_page_shows_time_place_support_and_places_left(client, processes):
    html = main_html(client.get("/en/veranstaltungen/werkstatt-freiham/"))
    assert "Alte Kongresshalle" in html
    assert "Sign language interpreter" in html
    assert "10 of 10 places left" in html
    assert 'href="/en/veranstaltungen/werkstatt-freiham/kalender.ics"' in html
    assert '<form method="post"' in html


def test_event_page_names_the_waiting_list_when_full(client, processes):
    event = processes["event"]
    event.capacity = 1
    event.save()
    for n in range(2):
        actions.register(
            event=event,
            channel="paper",
            person=person(n, email=""),
            number_of_people=1,
            access_needs=[],
            consent_version="x",
        )
    html = main_html(client.get("/en/veranstaltungen/werkstatt-freiham/"))
    assert "Fully booked." in html
    assert "Waiting list: 1 registration." in html
    assert "Join the waiting list" in html


def test_event_in_an_office_shows_the_buildings_accessibility(client, processes):
    from tests.services.factories import OfficeFactory

    office = OfficeFactory(
        slug="buergerbuero-pasing", name_de="Bürgerbüro Pasing", name_en="Citizens' Office Pasing"
    )
    event = EventFactory(process=processes["running"], office=office, place_name="")
    html = main_html(client.get(f"/en/veranstaltungen/{event.slug}/"))
    assert "The building: Citizens&#x27; Office Pasing" in html
    assert "Step-free entrance" in html


def test_closed_and_past_events_have_no_form(client, processes):
    closed = EventFactory(
        process=processes["running"], registration_closes_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert "Registration for this event is closed." in main_html(
        client.get(f"/en/veranstaltungen/{closed.slug}/")
    )
    past = EventFactory(
        process=processes["running"],
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2),
    )
    html = main_html(client.get(f"/en/veranstaltungen/{past.slug}/"))
    assert "This event has taken place." in html
    assert '<form method="post"' not in html


def test_event_calendar_file_is_icalendar(client, processes):
    from icalendar import Calendar

    response = client.get("/veranstaltungen/werkstatt-freiham/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entry = calendar.walk("VEVENT")[0]
    assert str(entry["SUMMARY"]) == "Werkstatt Freiham" or "Werkstatt" in str(entry["SUMMARY"])
    assert entry.decoded("DTSTART") == processes["event"].starts_at.replace(microsecond=0)


@pytest.mark.parametrize("path", PAGES)
def test_pages_keep_a_constant_number_of_queries(
    client, processes, django_assert_max_num_queries, path
):
    """Ten times the data costs no more queries (no query per process, phase or event)."""
    with django_assert_max_num_queries(8):
        client.get(path)
    for n in range(10):
        process = ProcessFactory(slug=f"mehr-{n}", title_de=f"Mehr {n}")
        PhaseFactory(process=process)
        EventFactory(process=processes["running"])
        EventFactory(process=process)
    with django_assert_max_num_queries(8):
        response = client.get(path)
    assert response.status_code == 200


def test_process_state_is_computed_from_the_phases():
    today = dt.date(2026, 11, 26)
    assert state_of(None, None, today) == ProcessState.UPCOMING
    assert state_of(dt.date(2026, 11, 27), dt.date(2026, 12, 1), today) == ProcessState.UPCOMING
    assert state_of(dt.date(2026, 11, 26), dt.date(2026, 11, 26), today) == ProcessState.RUNNING
    assert state_of(dt.date(2026, 1, 1), dt.date(2026, 11, 25), today) == ProcessState.FINISHED


def test_today_is_munich_time_not_utc():
    """23:30 UTC on 30 November is already 1 December in Munich."""
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
    assert today_in_munich(late) == dt.date(2026, 12, 1)

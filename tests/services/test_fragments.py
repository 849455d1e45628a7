"""The catalogue's fragments (issue 17): the parts of the service, office, catalogue and search
pages that are the same for everyone, kept per catalogue version. A kept part is served again
(its includes are not rendered, its data not read), shows a change at once, varies by language
and display cookie, never outlives "open now", and holds nothing of the visitor."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.models import AppointmentType
from munich_portal.core.timezone import MUNICH
from services.models import Office, OpeningHours, Service
from services.selectors import open_status_valid_until
from tests.appointments.factories import AppointmentTypeFactory
from tests.factories import UserFactory
from tests.services.text import de

pytestmark = pytest.mark.django_db

SERVICE = "/dienstleistungen/wohnsitz-anmelden/"
OFFICE = "/dienststellen/buergerbuero-pasing/"
OFFICE_CARD = "services/includes/office_summary.html"


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Whole pages are rendered for every request, as for a logged-in resident: only the
    fragments can be kept."""
    settings.PAGE_CACHE_PAGES = False


def templates(response) -> set[str]:
    return {template.name for template in response.templates}


def queries(client, path) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, len(captured)


def test_service_page_is_served_from_its_fragments_the_second_time(client, catalogue, settings):
    settings.PAGE_CACHE_VERSION_SECONDS = 60  # as in production: the version is remembered
    first, first_queries = queries(client, SERVICE)
    second, second_queries = queries(client, SERVICE)
    assert OFFICE_CARD in templates(first)
    assert OFFICE_CARD not in templates(second)
    # No service, no offices, no hours, no booking links (kept with the appointments offer).
    assert second_queries == 0 < first_queries
    assert second.content == first.content


def test_an_edit_shows_at_once_without_a_signal(client, catalogue):
    client.get(SERVICE)
    Service.objects.filter(slug="wohnsitz-anmelden").update(name_de="Wohnsitz neu anmelden")
    assert "Wohnsitz neu anmelden" in client.get(SERVICE).text
    Office.objects.filter(slug="buergerbuero-pasing").update(street="Neue Straße 1")
    assert "Neue Straße 1" in client.get(SERVICE).text
    assert "Neue Straße 1" in client.get(OFFICE).text
    assert "Neue Straße 1" in client.get("/dienststellen/").text


def test_an_unpublished_service_is_gone_at_once(client, catalogue):
    assert client.get(SERVICE).status_code == 200
    Service.objects.filter(slug="wohnsitz-anmelden").update(status="draft")
    assert client.get(SERVICE).status_code == 404


def test_fragments_vary_by_language_and_display_cookie(client, catalogue):
    german = client.get(SERVICE).text
    english = client.get("/en" + SERVICE).text
    assert "<title>Wohnsitz anmelden" in german
    assert "<title>Registering your address" in english
    assert "Registering your address" not in german
    client.cookies["portal_display"] = "contrast:high"
    assert OFFICE_CARD in templates(client.get(SERVICE))  # not the other cookie's fragment
    assert OFFICE_CARD not in templates(client.get(SERVICE))


def test_easy_language_has_its_own_fragment(client, catalogue):
    client.get(SERVICE)
    easy = client.get(SERVICE + "?sprache=leicht").text
    assert "Dann melden Sie sich an." in easy
    assert "Dann melden Sie sich an." not in client.get(SERVICE).text


def test_the_visitors_header_is_never_kept(client, catalogue):
    """A resident fills the fragments, an anonymous visitor and another resident are served from
    them: each sees their own header, no one sees another's CSRF token or account links."""
    first = UserFactory(email="erste@example.org")
    second = UserFactory(email="zweite@example.org")
    client.force_login(first)
    resident_page = client.get(SERVICE)
    assert OFFICE_CARD in templates(resident_page)
    assert de("Log out") in resident_page.text
    first_token = resident_page.context["csrf_token"]
    client.logout()
    anonymous = client.get(SERVICE)
    assert OFFICE_CARD not in templates(anonymous)  # served from the resident's fragments
    assert de("Log out") not in anonymous.text
    assert de("Log in") in anonymous.text
    assert str(first_token) not in anonymous.text
    client.force_login(second)
    other = client.get(SERVICE)
    assert OFFICE_CARD not in templates(other)
    assert de("Log out") in other.text
    assert str(first_token) not in other.text


def test_booking_links_follow_the_appointments_app_at_once(client, catalogue):
    """The booking buttons are the appointments app's data; its triggers raise the catalogue
    version, so the kept fragment follows them at once (tests/appointments/test_offer_fragments.py
    for the rest)."""
    service = catalogue["services"]["anmeldung"]
    appointment_type = AppointmentTypeFactory(office=catalogue["offices"]["pasing"])
    appointment_type.services.add(service)
    assert de("Make an appointment") in client.get(SERVICE).text
    AppointmentType.objects.filter(pk=appointment_type.pk).update(active=False)
    assert de("Make an appointment") not in client.get(SERVICE).text


def test_office_appointment_types_follow_the_appointments_app_at_once(client, catalogue):
    appointment_type = AppointmentTypeFactory(
        office=catalogue["offices"]["pasing"], name_de="Pass abholen"
    )
    assert "Pass abholen" in client.get(OFFICE).text
    second = client.get(OFFICE)
    assert OFFICE_CARD not in templates(second) and "Pass abholen" in second.text
    AppointmentType.objects.filter(pk=appointment_type.pk).update(active=False)
    assert "Pass abholen" not in client.get(OFFICE).text


_NEXT_WEEK = dt.date.today() + dt.timedelta(days=7)
_MONDAY = _NEXT_WEEK - dt.timedelta(days=_NEXT_WEEK.weekday())


def _monday(hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(_MONDAY, dt.time(hour, minute), tzinfo=MUNICH)


def test_open_now_is_never_kept_past_the_moment_it_changes(client, catalogue, monkeypatch):
    """Pasing is open until 12:00 on Mondays: the fragments kept at 11:59 are not served at
    12:01, on the service page, the office page and the office list."""
    Office.objects.exclude(slug="buergerbuero-pasing").update(status="draft")
    monkeypatch.setattr(timezone, "now", lambda: _monday(11, 59))
    open_until = de("until %(until)s", until="12:00")
    for path in (SERVICE, OFFICE, "/dienststellen/"):
        assert open_until in client.get(path).text, path
        assert OFFICE_CARD not in templates(client.get(SERVICE))
    monkeypatch.setattr(timezone, "now", lambda: _monday(12, 1))
    for path in (SERVICE, OFFICE, "/dienststellen/"):
        html = client.get(path).text
        assert open_until not in html, path
        assert de("Closed now") in html, path


def test_open_status_is_valid_until_the_first_change_of_any_office(catalogue):
    assert open_status_valid_until(_monday(9, 0)) == _monday(12, 0)
    # Closed for the rest of the day: midnight ("opens tomorrow" becomes "opens today").
    assert open_status_valid_until(_monday(12, 0)) == _monday(0, 0) + dt.timedelta(days=1)
    OpeningHours.objects.create(
        office=catalogue["offices"]["ruppert"], weekday=0, opens=dt.time(10), closes=dt.time(11)
    )
    assert open_status_valid_until(_monday(9, 0)) == _monday(10, 0)


def test_catalogue_start_and_letters_are_kept_and_follow_an_edit(client, catalogue):
    first, first_queries = queries(client, "/dienstleistungen/?buchstabe=W")
    second, second_queries = queries(client, "/dienstleistungen/?buchstabe=W")
    assert second.content == first.content and second_queries < first_queries
    Service.objects.filter(slug="wohnsitz-abmelden").update(name_de="Wohnsitz endgültig abmelden")
    assert "Wohnsitz endgültig abmelden" in client.get("/dienstleistungen/?buchstabe=W").text
    assert "Wohnsitz endgültig abmelden" not in client.get("/dienstleistungen/").text


def test_a_repeated_search_runs_no_search_and_sees_a_new_service_at_once(
    client, catalogue, settings
):
    path = "/dienstleistungen/?q=anmelden"
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    first, first_queries = queries(client, path)
    second, second_queries = queries(client, path)
    assert second.content == first.content
    assert second_queries == 0 < first_queries
    settings.PAGE_CACHE_VERSION_SECONDS = 0  # update() sends no signal: read the version again
    Service.objects.filter(slug="fahrzeug-zulassen").update(keywords_de="anmelden")
    assert "Fahrzeug zulassen" in client.get(path).text
    assert "Fahrzeug zulassen" not in client.get(path + "&seite=2").text  # one page of results


def test_search_fragments_are_kept_apart_by_query_filters_and_language(client, catalogue):
    german = client.get("/dienstleistungen/?q=anmelden").text
    filtered = client.get("/dienstleistungen/?q=anmelden&dienststelle=buergerbuero-pasing").text
    english = client.get("/en/dienstleistungen/?q=anmelden").text
    assert "Wohnsitz abmelden" in german and "Wohnsitz abmelden" not in filtered
    assert "Registering your address" in english and "Registering your address" not in german
    assert "Reisepass beantragen" in client.get("/dienstleistungen/?q=reisepass").text


def test_suggestions_are_kept_per_query_and_follow_an_edit(client, catalogue, settings):
    path = "/dienstleistungen/vorschlaege/?q=reisep"
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    first, first_queries = queries(client, path)
    second, second_queries = queries(client, path)
    assert second.content == first.content and second_queries == 0 < first_queries
    settings.PAGE_CACHE_VERSION_SECONDS = 0
    assert first["Content-Type"] == "application/json"
    assert json.loads(first.content) == {
        "query": "reisep",
        "results": [
            {"name": "Reisepass beantragen", "url": "/dienstleistungen/reisepass-beantragen/"}
        ],
    }
    Service.objects.filter(slug="reisepass-beantragen").update(name_de="Reisepass neu beantragen")
    assert json.loads(client.get(path).content)["results"][0]["name"] == "Reisepass neu beantragen"
    english = json.loads(client.get("/en/dienstleistungen/vorschlaege/?q=passp").content)
    assert english["results"][0]["name"] == "Applying for a passport"

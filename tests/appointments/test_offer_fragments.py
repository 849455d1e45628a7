"""The appointments offer on the service and office pages (issue 17, round 2): the booking links
and an office's appointment types are kept as fragments per offer version (the catalogue version,
raised by the types' triggers), so a warm process serves both pages without a query of their own.
A change of the offer shows at once, from any writer; the fragments vary by language and hold
nothing of a person."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.models import AppointmentType
from services.models import Office, PublicationStatus
from services.selectors import catalogue_version
from tests.appointments.factories import AppointmentTypeFactory
from tests.factories import UserFactory
from tests.services.conftest import build_catalogue
from tests.services.text import de

pytestmark = pytest.mark.django_db

SERVICE = "/dienstleistungen/wohnsitz-anmelden/"
OFFICE = "/dienststellen/buergerbuero-pasing/"
SECTION = "appointments/includes/office_section.html"
BOOK = "/dienststellen/buergerbuero-pasing/termin/"


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Whole pages are rendered for every request, as for a logged-in resident or with
    ``PAGE_CACHE_PAGES=false``: only the fragments can be kept."""
    settings.PAGE_CACHE_PAGES = False


@pytest.fixture
def offer(db):
    """The catalogue, and at Pasing a type that books "Wohnsitz anmelden"."""
    catalogue = build_catalogue()
    appointment_type = AppointmentTypeFactory(
        office=catalogue["offices"]["pasing"], name_de="Meldewesen", name_en="Registration"
    )
    appointment_type.services.add(catalogue["services"]["anmeldung"])
    return {**catalogue, "type": appointment_type}


def templates(response) -> set[str]:
    return {template.name for template in response.templates}


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def booking_links(html: str) -> int:
    return html.count(BOOK)


@pytest.mark.parametrize("path", [SERVICE, OFFICE])
def test_a_warm_process_serves_the_page_without_a_query(
    client, offer, settings, path, django_assert_max_num_queries
):
    """With the version remembered (production: for a second), the page with its appointments
    part needs no query at all once its fragments are kept."""
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    first = get(client, path)
    assert booking_links(first.text)
    with django_assert_max_num_queries(0):
        second = get(client, path)
    assert SECTION not in templates(second)
    assert second.content == first.content


@pytest.mark.parametrize("path", [SERVICE, OFFICE])
def test_kept_parts_cost_only_version_reads(client, offer, path):
    """Reading the version on every request (the tests' setting), a warm page's queries are all
    reads of the one version row: none of the offer, the service or the office."""
    get(client, path)
    with CaptureQueriesContext(connection) as captured:
        get(client, path)
    assert len(captured) >= 1
    assert all("services_catalogueversion" in query["sql"] for query in captured.captured_queries)


def test_a_new_type_shows_at_once_without_a_signal(client, offer):
    """bulk_create sends no signal: the triggers alone raise the version."""
    pasing = offer["offices"]["pasing"]
    assert "Pass abholen" not in get(client, OFFICE).text
    (created,) = AppointmentType.objects.bulk_create(
        [AppointmentType(office=pasing, name_de="Pass abholen", position=5)]
    )
    assert "Pass abholen" in get(client, OFFICE).text
    ruppert_booking = "/dienststellen/buergerbuero-ruppertstrasse/termin/"
    assert ruppert_booking not in get(client, SERVICE).text
    AppointmentType.objects.filter(pk=created.pk).update(office=offer["offices"]["ruppert"])
    AppointmentType.services.through.objects.create(
        appointmenttype_id=created.pk, service_id=offer["services"]["anmeldung"].pk
    )
    assert ruppert_booking in get(client, SERVICE).text


def test_a_deactivated_type_is_gone_at_once(client, offer):
    assert "Meldewesen" in get(client, OFFICE).text
    assert de("Make an appointment") in get(client, SERVICE).text
    AppointmentType.objects.filter(pk=offer["type"].pk).update(active=False)
    assert "Meldewesen" not in get(client, OFFICE).text
    service_page = get(client, SERVICE).text
    assert de("Make an appointment") not in service_page
    assert not booking_links(service_page)


def test_a_renamed_type_shows_at_once(client, offer):
    get(client, OFFICE)
    AppointmentType.objects.filter(pk=offer["type"].pk).update(name_de="Meldeangelegenheiten")
    assert "Meldeangelegenheiten" in get(client, OFFICE).text


def test_a_service_no_longer_bookable_loses_its_button_at_once(client, offer):
    """Removing the service from the type (the through table, no signal) ends its booking."""
    assert de("Make an appointment") in get(client, SERVICE).text
    AppointmentType.services.through.objects.filter(appointmenttype_id=offer["type"].pk).delete()
    assert de("Make an appointment") not in get(client, SERVICE).text
    assert "Meldewesen" in get(client, OFFICE).text  # the type itself is still offered


def test_an_unpublished_office_is_gone_at_once(client, offer):
    assert booking_links(get(client, SERVICE).text)
    Office.objects.filter(slug="buergerbuero-pasing").update(status=PublicationStatus.DRAFT)
    assert client.get(OFFICE).status_code == 404
    service_page = get(client, SERVICE).text
    assert not booking_links(service_page)
    assert de("Make an appointment") not in service_page


def test_a_change_in_this_process_shows_at_once_while_the_version_is_remembered(
    client, offer, settings
):
    """Edits through the ORM (the admin) forget the remembered version at once (signals)."""
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    appointment_type = offer["type"]
    assert "Meldewesen" in get(client, OFFICE).text
    assert de("Make an appointment") in get(client, SERVICE).text
    appointment_type.services.remove(offer["services"]["anmeldung"])
    assert de("Make an appointment") not in get(client, SERVICE).text
    appointment_type.active = False
    appointment_type.save()
    assert "Meldewesen" not in get(client, OFFICE).text


def test_extending_the_slots_keeps_the_version(offer):
    """``ensure_slots`` sets only ``slots_generated_until``: that is no change of the offer and
    must not throw the catalogue's pages away; an edit of what the pages show is."""
    before = catalogue_version()
    AppointmentType.objects.filter(pk=offer["type"].pk).update(slots_generated_until=None)
    assert catalogue_version() == before
    AppointmentType.objects.filter(pk=offer["type"].pk).update(position=9)
    assert catalogue_version().token != before.token


def test_the_office_section_varies_by_language(client, offer):
    german = get(client, OFFICE).text
    english = get(client, "/en" + OFFICE).text
    assert "Meldewesen" in german and "Registration" not in german
    assert "Registration" in english
    assert SECTION not in templates(get(client, "/en" + OFFICE))  # kept, in English
    assert "Registration" not in get(client, OFFICE).text


def test_the_kept_parts_hold_nothing_of_the_resident(client, offer):
    """A resident fills the fragments; an anonymous visitor served from them sees nothing of
    the resident: no name, no CSRF token, no account links."""
    resident = UserFactory(full_name="Anna Amsel", email="anna@example.org")
    client.force_login(resident)
    for path in (SERVICE, OFFICE):
        page = get(client, path)
        assert de("Log out") in page.text
    token = str(page.context["csrf_token"])
    client.logout()
    for path in (SERVICE, OFFICE):
        page = get(client, path)
        assert booking_links(page.text)
        assert "Anna Amsel" not in page.text and "anna@example.org" not in page.text
        assert token not in page.text
        assert de("Log out") not in page.text
    assert SECTION not in templates(page)


def test_a_cached_office_page_shows_a_new_type_at_once(client, offer, settings):
    """The whole-page cache is kept per catalogue version too: a new type is no longer missing
    until the cached page expires (the known limit of issue 16)."""
    settings.PAGE_CACHE_PAGES = True
    assert "Pass abholen" not in get(client, OFFICE).text
    assert "Pass abholen" not in get(client, OFFICE).text  # served from the page cache
    AppointmentType.objects.bulk_create(
        [AppointmentType(office=offer["offices"]["pasing"], name_de="Pass abholen")]
    )
    assert "Pass abholen" in get(client, OFFICE).text

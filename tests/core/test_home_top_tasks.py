"""The home page's top tasks (issue 16, part 4): search, "Termin vereinbaren" with the bookable
services, the most used services, the resident's own appointments and requests, participation —
in that order; under 60 KB; the anonymous page cached by the data it shows, the personal block
never shown to anyone else."""

import re

import pytest
from django.utils.formats import date_format
from django.utils.timezone import localtime

from appointments.models import BookingStatus
from munich_portal.core import page_cache
from munich_portal.portal import selectors
from services.models import PublicationStatus, Service
from services.selectors import catalogue_token
from tests.appointments.factories import AppointmentTypeFactory, BookingFactory, SlotFactory
from tests.factories import UserFactory
from tests.online_requests.factories import published_service, submitted_request
from tests.participation.factories import EventFactory, PhaseFactory
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

SIZE_LIMIT = 60 * 1024


@pytest.fixture(autouse=True)
def _fresh_cache():
    page_cache.clear()
    catalogue_token.forget()
    selectors.bookable_token.forget()
    yield
    page_cache.clear()
    catalogue_token.forget()
    selectors.bookable_token.forget()


def bookable(service: Service, *, office=None, active=True):
    """Make ``service`` bookable at ``office`` (a new published office by default)."""
    office = office or OfficeFactory()
    service.offices.add(office)
    appointment_type = AppointmentTypeFactory(office=office, active=active)
    appointment_type.services.add(service)
    return appointment_type


def appointment_links(html: str) -> list[str]:
    """The service addresses "Termin vereinbaren" links to, in order."""
    section = html.split('id="home-appointment"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'href="(/(?:en/)?dienstleistungen/[^"]+/termin/)"', section)


def popular_links(html: str) -> list[str]:
    section = html.split('id="home-popular"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li><a href="([^"]+)"', section)


# --- what counts as bookable, and in which order -----------------------------------------------


def test_only_services_with_an_active_type_at_a_published_office_offering_them_are_bookable():
    offered = ServiceFactory(slug="reisepass-beantragen")
    bookable(offered)
    inactive = ServiceFactory(slug="inaktiv")
    bookable(inactive, active=False)
    closed_office = ServiceFactory(slug="entwurfsbuero")
    bookable(closed_office, office=OfficeFactory(status=PublicationStatus.DRAFT))
    draft = ServiceFactory(slug="entwurf", status=PublicationStatus.DRAFT)
    bookable(draft)
    # The type lists the service, but the office does not provide it (any more).
    not_at_office = ServiceFactory(slug="nicht-dort")
    AppointmentTypeFactory(office=OfficeFactory()).services.add(not_at_office)
    ServiceFactory(slug="ohne-termin")

    assert [s.slug for s in selectors.bookable_services()] == ["reisepass-beantragen"]


def test_appointment_task_links_the_most_used_bookable_services_to_their_booking_pages(client):
    ranked = {
        rank: ServiceFactory(slug=f"rang-{rank}", name_de=f"Rang {rank}", popular_rank=rank)
        for rank in (3, 1, 2)
    }
    for service in ranked.values():
        bookable(service)
    unranked = ServiceFactory(slug="ohne-rang", name_de="Aaa ohne Rang")
    bookable(unranked)
    ServiceFactory(slug="beliebt-aber-ohne-termin", popular_rank=0)

    html = client.get("/").text
    assert appointment_links(html) == [
        "/dienstleistungen/rang-1/termin/",
        "/dienstleistungen/rang-2/termin/",
        "/dienstleistungen/rang-3/termin/",
        "/dienstleistungen/ohne-rang/termin/",
    ]
    assert '<a href="/dienstleistungen/">' in html.split('id="home-appointment"')[1]
    english = client.get("/en/").text
    assert appointment_links(english)[0] == "/en/dienstleistungen/rang-1/termin/"


def test_at_most_six_services_are_linked_for_appointments():
    for rank in range(10):
        bookable(ServiceFactory(popular_rank=rank))
    assert len(selectors.top_bookable_services()) == selectors.HOME_APPOINTMENT_LIMIT == 6


def test_most_used_services_follow_the_popularity_rank(client):
    ServiceFactory(slug="zweiter", popular_rank=2)
    ServiceFactory(slug="erster", popular_rank=1)
    ServiceFactory(slug="ohne-rang")
    ServiceFactory(slug="entwurf", popular_rank=0, status=PublicationStatus.DRAFT)
    assert popular_links(client.get("/").text) == [
        "/dienstleistungen/erster/",
        "/dienstleistungen/zweiter/",
    ]


# --- order of the sections ---------------------------------------------------------------------


def positions(html: str, markers: list[str]) -> list[int]:
    found = [html.find(marker) for marker in markers]
    assert -1 not in found, dict(zip(markers, found, strict=True))
    return found


def test_sections_come_in_order_search_appointment_popular_participation(client):
    bookable(ServiceFactory(popular_rank=1))
    EventFactory(process=PhaseFactory().process)
    html = client.get("/").text
    order = positions(
        html,
        ['role="search"', 'id="home-appointment"', 'id="home-popular"', 'id="home-processes"'],
    )
    assert order == sorted(order)
    assert 'id="home-mine"' not in html


def test_the_residents_block_comes_after_popular_and_before_participation(client):
    bookable(ServiceFactory(popular_rank=1))
    PhaseFactory()
    client.force_login(UserFactory())
    html = client.get("/").text
    order = positions(
        html,
        [
            'role="search"',
            'id="home-appointment"',
            'id="home-popular"',
            'id="home-mine"',
            'id="home-processes"',
        ],
    )
    assert order == sorted(order)


# --- the resident's block ----------------------------------------------------------------------


def test_resident_sees_their_next_appointment_and_open_requests(client):
    resident = UserFactory()
    office = OfficeFactory(name_de="Bürgerbüro Pasing")
    appointment_type = AppointmentTypeFactory(office=office, name_de="Ausweis und Reisepass")
    sooner = SlotFactory(appointment_type=appointment_type)
    later = SlotFactory(appointment_type=appointment_type)
    assert sooner.starts_at < later.starts_at
    BookingFactory(slot=later, user=resident)
    BookingFactory(slot=sooner, user=resident)
    BookingFactory(user=resident, status=BookingStatus.CANCELLED)
    service = published_service()
    submitted_request(service, user=resident)
    client.force_login(resident)

    html = client.get("/").text
    block = html.split('id="home-mine"', 1)[1].split("</section>", 1)[0]
    assert "Ausweis und Reisepass" in block and "Bürgerbüro Pasing" in block
    assert date_format(localtime(sooner.starts_at), "l, j. F Y, H:i") in block
    assert "Meine Termine (2 anstehend)" in block
    assert "Meine Anträge (1 in Bearbeitung)" in block
    assert 'href="/termine/"' in block
    assert 'href="/antraege/"' in block
    assert 'href="/konto/"' in block


def test_resident_overview_counts_only_their_own_upcoming_appointments_and_open_requests():
    resident, other = UserFactory(), UserFactory()
    first = BookingFactory(user=resident)
    BookingFactory(user=resident, status=BookingStatus.CANCELLED)
    BookingFactory(user=other)
    service = published_service()
    submitted_request(service, user=other)

    overview = selectors.resident_overview(resident)
    assert overview.upcoming_appointments == 1
    following = overview.next_appointment
    assert following.starts_at == first.slot.starts_at
    assert following.appointment_type.name_de == first.slot.appointment_type.name_de
    assert following.office.name_de == first.slot.appointment_type.office.name_de
    assert overview.open_requests == 0
    assert selectors.resident_overview(other).open_requests == 1


def test_one_residents_appointment_is_never_shown_to_another_or_to_anonymous_visitors(
    client, settings
):
    """With the page cache on: the resident's page is rendered for them alone and never kept."""
    settings.PAGE_CACHE_SECONDS = 60
    office = OfficeFactory(name_de="Bürgerbüro Geheimort")
    resident = UserFactory()
    BookingFactory(user=resident, slot=SlotFactory(appointment_type__office=office))

    anonymous_before = client.get("/").text  # an anonymous copy is in the cache now
    client.force_login(resident)
    assert "Bürgerbüro Geheimort" in client.get("/").text
    client.logout()
    client.cookies.clear()
    assert "Bürgerbüro Geheimort" not in client.get("/").text
    assert client.get("/").text == anonymous_before

    client.force_login(UserFactory())
    other = client.get("/").text
    assert 'id="home-mine"' in other
    assert "Bürgerbüro Geheimort" not in other


# --- size ---------------------------------------------------------------------------------------


def test_home_page_stays_under_60_kb_with_full_sections_and_long_names(client):
    """Every list at its limit, names at their longest: the HTML as rendered (uncompressed)."""
    long_name = "Bescheinigung über die Eintragung im Melderegister mit erweiterten Angaben "
    for rank in range(20):
        service = ServiceFactory(
            name_de=(long_name + str(rank))[:200],
            name_en=(long_name + str(rank))[:200],
            popular_rank=rank,
        )
        bookable(service)
    for _ in range(5):
        EventFactory(process=PhaseFactory().process)
    resident = UserFactory()
    BookingFactory(user=resident)

    anonymous = client.get("/").content
    english = client.get("/en/").content
    client.force_login(resident)
    personal = client.get("/").content
    for body in (anonymous, english, personal):
        assert len(body) < SIZE_LIMIT, len(body)


# --- cache correctness --------------------------------------------------------------------------


@pytest.fixture
def cached(settings):
    """The page cache as in production; the version tokens are trusted for an hour, so a change
    shows only through this process's signals (another process's after a second in production)."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_VERSION_SECONDS = 3600


def test_anonymous_home_is_served_from_the_cache_until_bookable_services_change(client, cached):
    passport = ServiceFactory(slug="reisepass-beantragen", name_de="Reisepass beantragen")
    appointment_type = bookable(passport)
    first = client.get("/")
    assert appointment_links(first.text) == ["/dienstleistungen/reisepass-beantragen/termin/"]
    assert client.get("/").content == first.content

    appointment_type.active = False
    appointment_type.save()
    assert appointment_links(client.get("/").text) == []

    appointment_type.active = True
    appointment_type.save()
    assert appointment_links(client.get("/").text) == [
        "/dienstleistungen/reisepass-beantragen/termin/"
    ]

    identity_card = ServiceFactory(slug="personalausweis", popular_rank=1)
    identity_card.offices.add(appointment_type.office)
    appointment_type.services.add(identity_card)  # m2m: a new bookable service
    assert appointment_links(client.get("/").text) == [
        "/dienstleistungen/personalausweis/termin/",
        "/dienstleistungen/reisepass-beantragen/termin/",
    ]


def test_anonymous_home_changes_when_popular_services_change(client, cached):
    service = ServiceFactory(slug="beliebt", name_de="Beliebte Leistung", popular_rank=None)
    assert "Beliebte Leistung" not in client.get("/").text
    service.popular_rank = 1
    service.save()
    assert "Beliebte Leistung" in client.get("/").text


def test_home_version_changes_with_the_bookable_set_even_from_another_process():
    """The token is read from the database: a change by another app server (no signal here)
    changes it once this process reads again."""
    service = ServiceFactory()
    before = selectors.home_version()
    appointment_type = bookable(service)
    selectors.bookable_token.forget()
    catalogue_token.forget()
    during = selectors.home_version()
    assert during != before
    type(appointment_type).objects.filter(pk=appointment_type.pk).update(active=False)
    selectors.bookable_token.forget()
    assert selectors.home_version() != during


def test_home_reads_are_constant_whatever_the_number_of_services(
    client, django_assert_max_num_queries
):
    for rank in range(30):
        bookable(ServiceFactory(popular_rank=rank))
        EventFactory(process=PhaseFactory().process)
    # The page's six reads and the two version tokens its fragment is kept by (read on every
    # request in the tests; at most once a second per process in production).
    with django_assert_max_num_queries(8):
        client.get("/")


def test_logged_in_home_reads_are_constant_whatever_the_residents_history(
    client, django_assert_max_num_queries
):
    """The session, the user, the page's six reads, its two version tokens and the resident's
    two: twelve at most."""
    resident = UserFactory()
    for _ in range(10):
        BookingFactory(user=resident)
        bookable(ServiceFactory(popular_rank=1))
    client.force_login(resident)
    with django_assert_max_num_queries(12):
        client.get("/")

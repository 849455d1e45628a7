"""The fragments of the layout and the home page (issue 17): kept once per process, never with
anything of a person in them, varying by language and display settings, and new at once when the
data they show changes."""

import pytest

from munich_portal.core import page_cache
from munich_portal.portal import selectors
from services.selectors import catalogue_token
from tests.appointments.factories import AppointmentTypeFactory, BookingFactory, SlotFactory
from tests.factories import UserFactory
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept(settings):
    """Fragments without a version are kept too (60 s, as in production); whole pages are not
    served from the page cache, so every request renders and only fragments are reused."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_PAGES = False
    page_cache.clear()
    catalogue_token.forget()
    selectors.bookable_token.forget()
    yield
    page_cache.clear()


def _bookable(name):
    service = ServiceFactory(name_de=name, popular_rank=1)
    office = OfficeFactory()
    service.offices.add(office)
    AppointmentTypeFactory(office=office).services.add(service)
    return service


def test_the_header_is_the_visitors_own_after_another_visitor_filled_the_fragments(client):
    anonymous = client.get("/impressum/").text
    assert "Abmelden" not in anonymous and "Anmelden" in anonymous

    resident = UserFactory()
    client.force_login(resident)
    own = client.get("/impressum/").text
    assert "Abmelden" in own and 'href="/konto/"' in own
    assert 'name="csrfmiddlewaretoken"' in own
    assert ">Anmelden<" not in own

    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert ">Verwaltung</a>" in client.get("/impressum/").text
    client.force_login(resident)
    assert ">Verwaltung</a>" not in client.get("/impressum/").text
    client.logout()
    client.cookies.clear()
    again = client.get("/impressum/").text
    assert "Abmelden" not in again and "csrfmiddlewaretoken" not in again


def test_two_residents_each_get_their_own_csrf_token_and_home_block(client):
    first, second = UserFactory(), UserFactory()
    office = OfficeFactory(name_de="Bürgerbüro Nur-Für-Eine")
    BookingFactory(user=first, slot=SlotFactory(appointment_type__office=office))

    client.force_login(first)
    page_first = client.get("/").text
    token_first = client.cookies["csrftoken"].value
    client.logout()
    client.cookies.clear()
    client.force_login(second)
    page_second = client.get("/").text
    assert "Bürgerbüro Nur-Für-Eine" in page_first
    assert "Bürgerbüro Nur-Für-Eine" not in page_second
    assert 'id="home-mine"' in page_second
    assert client.cookies["csrftoken"].value != token_first


def test_the_layout_varies_by_language_display_settings_and_address(client):
    german = client.get("/impressum/").text
    english = client.get("/en/impressum/").text
    assert "Zum Inhalt springen" in german or "Hauptnavigation" in german
    assert "Main navigation" in english and "Main navigation" not in german
    # The page's own address is in the header's and footer's links ("?seite=…", aria-current).
    contact = client.get("/kontakt/").text
    assert "seite=/kontakt/" in contact and "seite=/impressum/" not in contact
    assert "seite=/impressum/" in german
    # The other language's link is this page's.
    assert 'href="/en/kontakt/"' in contact
    client.cookies["portal_display"] = "contrast:high"
    contrast = client.get("/kontakt/").text
    assert "pref-contrast-high" in contrast and "pref-contrast-high" not in contact
    assert contrast.count("seite=/kontakt/") == contact.count("seite=/kontakt/")


def test_home_fragments_are_kept_and_new_at_once_when_the_bookable_services_change(
    client, django_assert_max_num_queries
):
    _bookable("Reisepass Erstes")
    first = client.get("/").text
    assert "Reisepass Erstes" in first
    # Kept: the second request reads only the two version tokens (tests read them every time).
    with django_assert_max_num_queries(2):
        assert client.get("/").text == first
    _bookable("Personalausweis Zweites")
    catalogue_token.forget()
    selectors.bookable_token.forget()
    assert "Personalausweis Zweites" in client.get("/").text


def test_home_fragments_follow_the_language(client):
    _bookable("Reisepass Sprachtest")
    german = client.get("/").text
    english = client.get("/en/").text
    assert 'lang="en"' in english and "Make an appointment" in english
    assert "Make an appointment" not in german

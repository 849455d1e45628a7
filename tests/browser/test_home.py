"""The home page's top tasks in Chromium (issue 16, part 4): the search and "Termin vereinbaren"
are on the first screen at 1280 x 800 and at 320 px and among the first tab stops; axe finds
nothing; nothing scrolls sideways; German and English, anonymous and logged in. Screenshots in
test-artifacts/screenshots/home-top-tasks-*.png."""

import pytest
from playwright.sync_api import Page

from tests.appointments.factories import AppointmentTypeFactory, BookingFactory, SlotFactory
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    tab_to,
    visit,
)
from tests.participation.factories import EventFactory, PhaseFactory
from tests.services.conftest import build_catalogue

pytestmark = pytest.mark.browser

# Skip link, brand, five or six header links, the search field and its button come first.
FIRST_TAB_STOPS = 14
APPOINTMENT_LINK = "#home-appointment ~ ul a"


@pytest.fixture
def home_data(transactional_db, resident):
    """The test catalogue with passports, ID cards and registrations bookable, a running
    participation process with events, and an appointment of the resident."""
    catalogue = build_catalogue()
    services, offices = catalogue["services"], catalogue["offices"]
    documents = AppointmentTypeFactory(
        office=offices["ruppert"], name_de="Ausweis und Reisepass", name_en="ID card and passport"
    )
    documents.services.add(services["perso"], services["pass"], services["anmeldung"])
    registration = AppointmentTypeFactory(office=offices["pasing"], name_de="Meldeangelegenheiten")
    registration.services.add(services["anmeldung"])
    process = PhaseFactory().process
    EventFactory(process=process)
    BookingFactory(user=resident, slot=SlotFactory(appointment_type=documents))
    return catalogue


def assert_on_first_screen(page: Page, selector: str) -> None:
    box = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size
    assert box is not None, f"{selector} is not shown"
    assert box["y"] + box["height"] <= viewport["height"], (
        f"{selector} ends at {box['y'] + box['height']:.0f} px, below the first screen "
        f"({viewport['height']} px)"
    )


def check_home(page: Page, path: str, name: str) -> None:
    visit(page, path)
    screenshot(page, name)
    assert_page_structure(page)
    axe_check(page)
    assert_no_horizontal_scroll(page)
    # The search and the appointment task with its first service are on the first screen.
    assert_on_first_screen(page, "#service-search")
    assert_on_first_screen(page, "#home-appointment")
    assert_on_first_screen(page, APPOINTMENT_LINK)


@pytest.mark.parametrize(("path", "language"), [("/", "de"), ("/en/", "en")])
def test_anonymous_home_at_desktop_and_320_pixels(page, narrow_page, home_data, path, language):
    for current, width in ((page, "desktop"), (narrow_page, "320")):
        check_home(current, path, f"home-top-tasks-{language}-{width}")
    heading = page.locator("#home-appointment")
    assert (
        heading.inner_text() == {"de": "Termin vereinbaren", "en": "Make an appointment"}[language]
    )
    assert page.locator("#home-mine").count() == 0


@pytest.mark.parametrize(("path", "language"), [("/", "de"), ("/en/", "en")])
def test_logged_in_home_shows_the_residents_appointment(
    page, narrow_page, home_data, log_in_resident, path, language
):
    for current, width in ((page, "desktop"), (narrow_page, "320")):
        log_in_resident(current)
        check_home(current, path, f"home-top-tasks-{language}-{width}-logged-in")
        block = current.locator("section[aria-labelledby=home-mine]")
        expected = {"de": "Ausweis und Reisepass", "en": "ID card and passport"}[language]
        assert expected in block.inner_text()
        assert block.locator("a[href$='/termine/']").is_visible()


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
def test_first_tab_stops_reach_the_search_and_an_appointment(
    page, home_data, log_in_resident, logged_in
):
    """By keyboard alone: the search field and the first "Termin vereinbaren" link are among the
    first tab stops, and Enter on the link opens the service's booking page."""
    if logged_in:
        log_in_resident(page)
    visit(page, "/")
    tab_to(page, "#service-search", max_tabs=FIRST_TAB_STOPS)
    tab_to(page, APPOINTMENT_LINK, max_tabs=3)
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target == "/dienstleistungen/wohnsitz-anmelden/termin/"
    with page.expect_navigation(wait_until="commit") as navigation:
        page.keyboard.press("Enter")
    # The service-first booking page is built in another branch (issue 16, part 1); the link's
    # address is what this part promises.
    assert navigation.value is not None
    assert page.url.endswith("/dienstleistungen/wohnsitz-anmelden/termin/")

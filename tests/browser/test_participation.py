"""Participation pages in a real browser (issue 6): axe-core finds no WCAG A/AA violation and
nothing scrolls sideways at 320 px on the process list, a process, an event, the registration
form with errors and the confirmation page; a guest registers with the keyboard alone."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from munich_portal.portal.demo import load_accounts, load_city_structure
from munich_portal.portal.demo.participation import load_participation
from participation.models import Registration, RegistrationStatus
from tests.browser.support import (
    assert_focus_visible,
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    focused,
    visit,
)

pytestmark = pytest.mark.browser

EVENT = "/veranstaltungen/freiham-werkstatt-quartiersmitte/"
OPEN_EVENT = "/veranstaltungen/innenstadt-online-dialog/"
# The registration flows run on the English pages: their assertions read English texts.
OPEN_EVENT_EN = "/en" + OPEN_EVENT

PAGES = {
    "list": "/beteiligung/",
    "list filtered": "/beteiligung/?status=finished&thema=urban_development",
    "process": "/beteiligung/innenstadtkonzept/",
    "process easy language": "/beteiligung/innenstadtkonzept/?sprache=leicht",
    "process english": "/en/beteiligung/freiham/",
    "event full with waiting list": EVENT,
    "event in an office": "/veranstaltungen/innenstadt-werkstatt-altstadt/",
    "event online": OPEN_EVENT,
    "event online english": OPEN_EVENT_EN,
    "event past": "/veranstaltungen/hochhausstudie-ergebnisse/",
}


@pytest.fixture
def participation(transactional_db):
    """The demo processes, events and registrations, visible to the live server."""
    load_city_structure()
    load_accounts()
    load_participation()


def show_errors(page: Page) -> None:
    """Submit the registration form empty: the page comes back with the error summary."""
    visit(page, OPEN_EVENT_EN)
    with page.expect_navigation(wait_until="load"):
        page.locator("form.registration-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def register_as_guest(page: Page) -> None:
    visit(page, OPEN_EVENT_EN)
    page.locator("#id_first_name").fill("Maria")
    page.locator("#id_last_name").fill("Huber")
    page.locator("#id_email").fill("maria.huber@example.org")
    page.locator("#id_consent").check()
    with page.expect_navigation(wait_until="load"):
        page.locator("form.registration-form button[type=submit]").click()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_participation_page_has_no_axe_violations(page, participation, path):
    visit(page, path)
    assert_page_structure(page)
    axe_check(page)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_participation_page_fits_320_pixels(narrow_page, participation, path):
    visit(narrow_page, path)
    assert_no_horizontal_scroll(narrow_page)


def test_registration_form_with_errors_has_no_axe_violations_and_fits_320(
    page, narrow_page, participation
):
    show_errors(page)
    axe_check(page)
    show_errors(narrow_page)
    assert_no_horizontal_scroll(narrow_page)


def test_confirmation_pages_have_no_axe_violations_and_fit_320(
    page_at, narrow_page, resident_page, participation
):
    guest_page = page_at()
    register_as_guest(guest_page)
    heading = guest_page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Please confirm your e-mail address")
    axe_check(guest_page)
    visit(narrow_page, "/en/veranstaltungen/" + guest_page.url.split("/veranstaltungen/", 1)[1])
    assert_no_horizontal_scroll(narrow_page)

    # A resident with an account is confirmed at once.
    visit(resident_page, OPEN_EVENT_EN)
    resident_page.locator("#id_consent").check()
    with resident_page.expect_navigation(wait_until="load"):
        resident_page.locator("form.registration-form button[type=submit]").click()
    expect(resident_page.get_by_role("heading", level=1)).to_have_text("Registration confirmed")
    axe_check(resident_page)


def press_tab_until(page: Page, selector: str, max_tabs: int = 80) -> None:
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if focused(page) is not None and page.evaluate(
            "(s) => document.activeElement.matches(s)", selector
        ):
            assert_focus_visible(page)
            return
    pytest.fail(f"{selector} not reached by Tab on {page.url}")


def test_a_guest_registers_with_the_keyboard_alone(page, participation):
    """Tab to each field, type, tick the boxes with Space, send with Enter; errors first, then
    the corrected form goes through and the e-mail with the confirmation link is sent."""
    visit(page, OPEN_EVENT_EN)
    press_tab_until(page, "#id_first_name")
    page.keyboard.type("Maria")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "last_name"
    page.keyboard.type("Huber")
    page.keyboard.press("Tab")
    page.keyboard.type("keine-adresse")  # a mistake, caught by the server
    press_tab_until(page, "#id_access_needs_1")  # sign language interpreter
    page.keyboard.press("Space")
    press_tab_until(page, "#id_consent")
    page.keyboard.press("Space")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    # The error summary takes the focus target; its link leads to the field; values are kept.
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(page.locator("#id_first_name")).to_have_value("Maria")
    expect(page.locator("#id_access_needs_1")).to_be_checked()
    press_tab_until(page, ".error-summary a[href='#id_email']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("maria.huber@example.org")
    press_tab_until(page, "#id_consent")
    if not page.locator("#id_consent").is_checked():
        page.keyboard.press("Space")
    press_tab_until(page, "form.registration-form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Please confirm your e-mail address")
    registration = Registration.objects.get(email="maria.huber@example.org")
    assert registration.status == RegistrationStatus.PENDING
    assert registration.access_needs == ["sign_language"]
    assert any("/anmeldung/bestaetigen/" in message.body for message in mail.outbox)

"""A resident registered by phone who registers again online is told so (issue 15, part 4), in a
real browser: axe-core on the notice, reflow at 320 px, and by keyboard alone the resident says
"this is someone else" and is registered.

WCAG 2.1.1 (Keyboard), 2.4.7 (Focus Visible), 1.4.10 (Reflow), 3.3.1 (Error Identification).
"""

import pytest
from playwright.sync_api import Page, expect

from participation import actions
from participation.models import Event, Registration
from tests.browser.support import assert_no_horizontal_scroll, axe_check, visit
from tests.browser.test_participation import (
    OPEN_EVENT,
    OPEN_EVENT_EN,
    participation,
    press_tab_until,
)

pytestmark = pytest.mark.browser

__all__ = ["participation"]  # the fixture, imported for this module's tests


@pytest.fixture
def by_phone(participation, resident):
    """A clerk took Anna Huber's call for the open online dialogue: name and e-mail as on her
    account."""
    event = Event.objects.get(slug=OPEN_EVENT.strip("/").rsplit("/", 1)[1])
    return actions.register(
        event=event,
        channel="phone",
        person={
            "first_name": "Anna",
            "last_name": "Huber",
            "email": resident.email,
            "phone": "089 1234567",
            "street": "",
            "postal_code": "",
            "city": "",
        },
        number_of_people=1,
        access_needs=[],
        consent_version="x",
    )


def send_registration(page: Page) -> None:
    visit(page, OPEN_EVENT_EN)
    page.locator("#id_consent").check()
    with page.expect_navigation(wait_until="load"):
        page.locator("form.registration-form button[type=submit]").click()
    expect(page.locator(".duplicate-notice")).to_be_visible()


def test_the_notice_passes_axe_and_fits_320_pixels(page_at, log_in_resident, by_phone):
    page = log_in_resident(page_at())
    send_registration(page)
    expect(page.locator(".duplicate-notice")).to_contain_text("by phone on")
    axe_check(page)
    narrow = log_in_resident(page_at(width=320, height=640))
    send_registration(narrow)
    assert_no_horizontal_scroll(narrow)
    assert Registration.objects.filter(event=by_phone.event, email=by_phone.email).count() == 1


def test_someone_else_registers_by_keyboard_after_the_notice(resident_page, by_phone):
    send_registration(resident_page)
    press_tab_until(resident_page, ".duplicate-notice button[type=submit]")
    with resident_page.expect_navigation(wait_until="load"):
        resident_page.keyboard.press("Enter")
    expect(resident_page.get_by_role("heading", level=1)).to_have_text("Registration confirmed")
    axe_check(resident_page)
    channels = sorted(
        Registration.objects.filter(event=by_phone.event, status="confirmed")
        .filter(first_name="Anna", last_name="Huber")
        .values_list("channel", flat=True)
    )
    assert channels == ["online", "phone"]

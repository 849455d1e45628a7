"""The organiser at the door checks people in by scanning the code on their confirmation (issue 15,
part 3): a keyboard-wedge scanner types the code and Enter into the focused field, so the keyboard
alone drives the page. axe-core on every state (the errors included), reflow at 320 px (a phone),
and the page works without JavaScript.

WCAG 2.1.1 (Keyboard), 3.3.1 (Error Identification), 1.4.10 (Reflow).
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from participation import actions
from participation.models import Registration
from tests.browser.support import (
    assert_no_horizontal_scroll,
    axe_check,
    focused,
    screenshot,
    staff_session,
    visit,
)
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, person

pytestmark = pytest.mark.browser


@pytest.fixture
def door(transactional_db):
    """An event with one guest who asked for an induction loop, and the organiser at the door."""
    event = EventFactory(capacity=10, title_de="Werkstatt Freiham")
    guest = actions.register(
        event=event, channel="online", person=person(1, first_name="Zeynep", last_name="Kaya"),
        number_of_people=2, access_needs=["induction_loop"], consent_version="x",
    )  # fmt: skip
    organiser = UserFactory(
        staff=True, mfa=True, roles=["Veranstaltungsorganisation"], full_name="Olga Organ"
    )
    with translation.override("en"):
        path = reverse("admin:participation_registration_check_in", args=[event.pk])
    return {"guest": guest, "organiser": organiser, "path": path}


def with_session(page: Page, user, live_server) -> Page:
    """The organiser's session, the purpose of work already chosen."""
    return staff_session(page, user, live_server, "participation_events")


def scan(page: Page, code: str) -> None:
    """What a keyboard-wedge scanner does: type into the focused field, then Enter."""
    assert focused(page)["name"] == "code", focused(page)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.type(code)
        page.keyboard.press("Enter")


def test_scanning_checks_in_and_a_second_scan_is_an_error(page, door, live_server):
    with_session(page, door["organiser"], live_server)
    visit(page, door["path"])
    axe_check(page)
    code = door["guest"].reference

    scan(page, code.replace("-", "").lower())
    result = page.locator("#check-in-result")
    assert "Zeynep" in result.inner_text() and "induction loop" in result.inner_text()
    assert page.locator(".errornote").count() == 0
    assert Registration.objects.get(pk=door["guest"].pk).checked_in_at is not None
    axe_check(page)

    scan(page, code)  # the focus is back in the empty field, ready for the next scan
    summary = page.locator(".errornote")
    assert summary.count() == 1 and "Olga Organ" in summary.inner_text()
    assert summary.get_by_role("link").first.get_attribute("href") == "#id_code"
    field = page.locator("#id_code")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == code
    assert "Olga Organ" in page.locator("#id_code_error").inner_text()
    axe_check(page)
    screenshot(page, "admin-check-in-second-scan")


def test_the_door_page_fits_a_phone_in_every_state(page_at, door, live_server):
    narrow = with_session(page_at(width=320, height=640), door["organiser"], live_server)
    visit(narrow, door["path"])
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    scan(narrow, "ZZZ-ZZZZ")  # no such code
    assert narrow.locator("#id_code_error").count() == 1
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    narrow.locator("#id_code").fill("")
    scan(narrow, door["guest"].reference)
    assert "Zeynep" in narrow.locator("#check-in-result").inner_text()
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, "admin-check-in-320")


def test_the_door_page_works_without_javascript(page_at, door, live_server):
    page = with_session(page_at(java_script_enabled=False), door["organiser"], live_server)
    visit(page, door["path"])
    page.locator("#id_code").fill(door["guest"].reference)
    with page.expect_navigation(wait_until="load"):
        page.locator("#id_code").press("Enter")
    assert "Zeynep" in page.locator("#check-in-result").inner_text()
    assert Registration.objects.get(pk=door["guest"].pk).checked_in_at is not None

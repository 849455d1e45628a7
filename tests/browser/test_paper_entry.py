"""A clerk types in printed forms with the keyboard alone (issue 6): three sheets in a row,
a typo in a number, a duplicate; axe-core on every screen and state; reflow at 320 px.

The clerk works in German (the default language); the assertions use structure, roles and data
rather than wording, so that edited translations do not break them.

WCAG 2.1.1 (Keyboard), 2.4.3 (Focus Order), 3.3.1 (Error Identification), 1.4.10 (Reflow).
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from paper import actions
from paper.models import DuplicateDecision, FormSheet
from participation.models import RegistrationStatus
from tests.browser.support import (
    assert_focus_visible,
    assert_no_horizontal_scroll,
    axe_check,
    focused,
    screenshot,
    visit,
)
from tests.factories import UserFactory
from tests.participation.factories import ConsentTextFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def clerk():
    return UserFactory(
        email="erfassung@muenchen.example",
        full_name="Klara Klerk",
        staff=True,
        roles=["Erfassung"],
        mfa=True,
    )


@pytest.fixture
def clerk_page(page, clerk, live_server) -> Page:
    client = Client()
    client.force_login(clerk, backend=settings.AUTHENTICATION_BACKENDS[-1])
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    return page


@pytest.fixture
def sheets(transactional_db):
    ConsentTextFactory()
    event = EventFactory(capacity=10, title_de="Werkstatt Pasing")
    batch = actions.issue_batch(
        process=event.process, event=event, place="Bürgerbüro Pasing", sheets=3, issued_by=None
    )
    # Someone registered online already; the third sheet is the same person.
    RegistrationFactory(
        event=event,
        first_name="Josef",
        last_name="Huber",
        email="sepp.huber@example.org",
        phone="089 111222",
    )
    return list(batch.form_sheets.order_by("number"))


def _keyboard_to_number_field(page: Page) -> None:
    """From the top of the page: the skip link, Enter, then Tab reaches the number field."""
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#main"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "number", focused(page)


def _type_sheet(page: Page, values: list[str], *, ticks: int = 0) -> None:
    """Type the sheet field by field with Tab, starting in the focused first field.

    ``values``: first name, last name, street, postal code, city, phone, e-mail, people.
    ``ticks``: how many of the support boxes to tick (Space) before the signature box.
    """
    assert focused(page)["name"] == "first_name", "typing starts in the first field"
    for index, value in enumerate(values):
        if value:
            page.keyboard.press("Control+A")
            page.keyboard.type(value)
        if index < len(values) - 1:
            page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # to the support boxes
    for tick in range(5):
        assert focused(page)["name"] == "access_needs"
        if tick < ticks:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert focused(page)["name"] == "access_needs_note"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "signed"
    page.keyboard.press("Space")


def _status_of(sheet) -> str:
    return FormSheet.objects.select_related("registration").get(pk=sheet.pk).registration.status


def _enter_number(page: Page, number: str) -> None:
    assert focused(page)["name"] == "number"
    page.keyboard.press("Control+A")
    page.keyboard.type(number)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def test_keyboard_only_clerk_enters_three_sheets_with_a_typo_and_a_duplicate(clerk_page, sheets):
    page = clerk_page
    visit(page, "/erfassung/")
    axe_check(page)
    _keyboard_to_number_field(page)
    assert_focus_visible(page)

    # Sheet 1, typed with a typo: the check digit catches it, the focus stays in the field.
    first = sheets[0].number
    typo = first[:5] + str((int(first[5]) + 3) % 10) + first[6:]
    _enter_number(page, typo)
    assert "/erfassung/" in page.url
    assert page.locator(".error-summary").count() == 1
    assert page.locator("input[name=number]").get_attribute("aria-invalid") == "true"
    axe_check(page)
    screenshot(page, "paper-entry-typo")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'number'"
    )
    _enter_number(page, sheets[0].printed_number)
    assert page.url.endswith(f"/erfassung/{first}/")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'first_name'"
    )
    axe_check(page)
    screenshot(page, "paper-entry-sheet")
    _type_sheet(
        page,
        ["Franziska", "Obermaier", "Lindwurmstraße 88", "80337", "München", "089 7654321", "", "2"],
        ticks=2,
    )
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")  # "Save and next" is the default button
    assert sheets[0].printed_number in page.locator(".message--success").inner_text()
    assert _status_of(sheets[0]) == RegistrationStatus.CONFIRMED
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'number'"
    )
    axe_check(page)

    # Sheet 2: a refused save (no signature) first, then saved.
    _enter_number(page, sheets[1].number)
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'first_name'"
    )
    page.keyboard.type("Heinz")
    page.keyboard.press("Tab")
    page.keyboard.type("Gruber")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").count() == 1
    axe_check(page)  # the entry screen's error state
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    # The summary links to the fields: Tab to the first link, Enter, and type.
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#id_street"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.name === 'street'")
    page.keyboard.type("Fürstenrieder Straße 5")
    page.keyboard.press("Tab")
    page.keyboard.type("81377")
    page.keyboard.press("Tab")
    page.keyboard.type("München")
    assert page.locator("input[name=first_name]").input_value() == "Heinz"  # nothing typed lost
    for _ in range(10):  # phone, e-mail, people, five support boxes, details, the signature
        page.keyboard.press("Tab")
    assert focused(page)["name"] == "signed"
    page.keyboard.press("Space")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert sheets[1].printed_number in page.locator(".message--success").inner_text()
    assert _status_of(sheets[1]) == RegistrationStatus.CONFIRMED

    # Sheet 3: the same person as an online registration.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'number'"
    )
    _enter_number(page, sheets[2].number)
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'first_name'"
    )
    _type_sheet(
        page, ["Josef", "Huber", "Schleißheimer Str. 9", "80797", "München", "089/111 222", "", "1"]
    )
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.locator("input[name=decision]").count() == 2  # the candidate, or someone else
    assert "•••222" in page.locator("main").inner_text()  # the phone matched, masked
    assert "sepp.huber@example.org" not in page.content()
    axe_check(page)
    screenshot(page, "paper-entry-duplicate")
    # Without a choice: asked again (error state), with the sheet carried along.
    page.wait_for_function("() => document.activeElement.name === 'decision'")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").count() == 1
    assert page.locator("input[name=decision]").count() == 2  # still the decision screen
    axe_check(page)
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the summary's link leads to the first choice
    page.wait_for_function("() => document.activeElement.name === 'decision'")
    page.keyboard.press("Space")  # "Same person as Josef Huber"
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert sheets[2].printed_number in page.locator(".message--success").inner_text()

    entered = FormSheet.objects.filter(status="entered").select_related("registration")
    assert entered.count() == 3
    statuses = sorted(sheet.registration.status for sheet in entered)
    assert statuses == sorted(
        [RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED]
    )
    assert DuplicateDecision.objects.get().decision == "same_person"
    # A number entered already is refused, naming the clerk.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'number'"
    )
    _enter_number(page, sheets[0].number)
    assert "Klara Klerk" in page.locator(".error-summary").inner_text()
    axe_check(page)


@pytest.mark.parametrize("screen", ["number", "sheet", "duplicate", "letters"])
def test_clerk_screens_reflow_at_320_px(screen, narrow_page, clerk, live_server, sheets):
    """At 320 CSS pixels no screen scrolls sideways; axe finds nothing there either."""
    client = Client()
    client.force_login(clerk, backend=settings.AUTHENTICATION_BACKENDS[-1])
    narrow_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = narrow_page
    if screen == "number":
        visit(page, "/erfassung/")
    elif screen == "letters":
        visit(page, "/erfassung/briefe/")
    else:
        visit(page, f"/erfassung/{sheets[2].number}/")
        if screen == "duplicate":
            page.locator("input[name=first_name]").fill("Josef")
            page.locator("input[name=last_name]").fill("Huber")
            page.locator("input[name=email]").fill("sepp.huber@example.org")
            page.locator("input[name=signed]").check()
            with page.expect_navigation(wait_until="load"):
                page.locator("input[name=email]").press("Enter")
            assert page.locator("input[name=decision]").count() == 2
    assert_no_horizontal_scroll(page)
    axe_check(page)
    screenshot(page, f"paper-{screen}-320")


def test_letters_page_with_waiting_letters_has_no_axe_violations(clerk_page, sheets):
    """The letters page with letters of both apps waiting and a printed batch: a list of kinds,
    a form and a table."""
    from munich_portal.messaging import actions as letter_actions
    from tests.messaging.conftest import idea_letter, registration_letter

    registration_letter()
    idea_letter()
    printed = registration_letter(kind="waitlisted")
    letter_actions.print_letters(letters=[printed], by=None)
    visit(clerk_page, "/erfassung/briefe/")
    assert clerk_page.locator("main form").count() == 2  # print today's, print a batch again
    axe_check(clerk_page)

"""Phone entry and walk-ins at the door with the keyboard alone (issue 15, part 1): a caller typed
in (an error first, then saved, then a possible duplicate decided), and a walk-in registered and
checked in at the door (an error first); axe-core on every step and state; reflow at 320 px.

The clerk works in German (the default language); the assertions use structure and data.

WCAG 2.1.1 (Keyboard), 2.4.3 (Focus Order), 3.3.1 (Error Identification), 1.4.10 (Reflow).
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from participation.models import Registration, RegistrationStatus
from tests.browser.support import (
    assert_no_horizontal_scroll,
    axe_check,
    focused,
    screenshot,
    staff_session,
    tab_to,
    visit,
)
from tests.factories import UserFactory
from tests.participation.factories import ConsentTextFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.browser

CALL = "/erfassung/anmeldung/"


@pytest.fixture
def setting(transactional_db):
    ConsentTextFactory()
    event = EventFactory(capacity=3, title_de="Werkstatt Pasing")
    # Someone registered online already: the second caller is the same person.
    RegistrationFactory(
        event=event, first_name="Josef", last_name="Huber", email="sepp.huber@example.org",
        phone="089 111222",
    )  # fmt: skip
    clerk = UserFactory(staff=True, mfa=True, roles=["Erfassung"], full_name="Klara Klerk")
    organiser = UserFactory(
        staff=True, mfa=True, roles=["Veranstaltungsorganisation"], full_name="Olga Organ"
    )
    with translation.override("de"):
        door = reverse("admin:participation_registration_check_in", args=[event.pk])
    return {"event": event, "clerk": clerk, "organiser": organiser, "door": door}


def with_session(page: Page, user, live_server) -> Page:
    return staff_session(page, user, live_server, "participation_events")


def _wait_for_focus(page: Page, name: str) -> None:
    page.wait_for_function(
        "(name) => document.activeElement && document.activeElement.name === name", arg=name
    )


def _submit(page: Page, key: str = "Enter") -> None:
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press(key)


def _type_person(page: Page, values: list[str]) -> None:
    """From the first name on: first name, last name, street, postal code, city, phone, e-mail,
    people — each field with Tab."""
    assert focused(page)["name"] == "first_name", focused(page)
    for index, value in enumerate(values):
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
        if index < len(values) - 1:
            page.keyboard.press("Tab")


def _to_consent_and_tick(page: Page, selector: str = "input[name=consent]") -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")


def test_keyboard_only_clerk_takes_two_calls_with_an_error_and_a_duplicate(
    page, setting, live_server
):
    with_session(page, setting["clerk"], live_server)
    visit(page, CALL)
    _wait_for_focus(page, "event")  # the script starts typing in the first field
    axe_check(page)
    page.keyboard.press("ArrowDown")  # the one upcoming event
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "channel"
    page.keyboard.press("Space")  # by phone
    page.keyboard.press("Tab")
    _type_person(page, ["Franziska", "Obermaier"])
    _submit(page)  # no e-mail, no address, no consent: refused
    assert page.locator(".error-summary").count() == 1
    assert page.locator("input[name=street]").get_attribute("aria-invalid") == "true"
    assert page.locator("input[name=last_name]").input_value() == "Obermaier"
    axe_check(page)
    screenshot(page, "phone-entry-error")
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#id_street"
    page.keyboard.press("Enter")
    _wait_for_focus(page, "street")
    page.keyboard.type("Lindwurmstraße 88")
    page.keyboard.press("Tab")
    page.keyboard.type("80337")
    page.keyboard.press("Tab")
    page.keyboard.type("München")
    _to_consent_and_tick(page)
    _submit(page)
    assert page.locator(".message--success").count() == 1
    caller = Registration.objects.get(last_name="Obermaier")
    assert caller.channel == "phone" and caller.status == RegistrationStatus.CONFIRMED
    assert caller.reference in page.locator(".message--success").inner_text()
    axe_check(page)

    # The next caller: event and channel are still chosen; the same person as online.
    _wait_for_focus(page, "event")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "channel"
    page.keyboard.press("Tab")
    _type_person(
        page, ["Josef", "Huber", "Schleißheimer Str. 9", "80797", "München", "089/111 222"]
    )
    _to_consent_and_tick(page)
    _submit(page)
    assert page.locator("input[name=decision]").count() == 2
    assert "sepp.huber@example.org" not in page.content()
    axe_check(page)
    screenshot(page, "phone-entry-duplicate")
    _wait_for_focus(page, "decision")
    page.keyboard.press("Space")  # the same person
    _submit(page)
    assert page.locator(".message--success").count() == 1
    linked = Registration.objects.get(channel="phone", last_name="Huber")
    assert linked.linked_to is not None and linked.status == RegistrationStatus.CANCELLED
    axe_check(page)


def _walk_in(page: Page, first: str, last: str, people: str) -> None:
    tab_to(page, "#id_walkin-first_name", max_tabs=150)
    page.keyboard.type(first)
    page.keyboard.press("Tab")
    page.keyboard.type(last)
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type(people)


def test_keyboard_only_organiser_lets_a_walk_in_in_and_is_refused_when_full(
    page, setting, live_server
):
    with_session(page, setting["organiser"], live_server)
    visit(page, setting["door"])
    axe_check(page)
    # Capacity 3 and three places free (the online row holds none): four people are too many.
    _walk_in(page, "Wendelin", "Laufkundschaft", "4")
    _to_consent_and_tick(page, "#id_walkin-consent")
    tab_to(page, ".walk-in-form button[type=submit]")
    _submit(page)
    assert page.locator("#id_walkin-number_of_people_error").count() == 1
    assert page.locator("#id_walkin-last_name").input_value() == "Laufkundschaft"
    assert not Registration.objects.filter(last_name="Laufkundschaft").exists()
    axe_check(page)
    screenshot(page, "door-walk-in-error")
    # Three people: registered and checked in.
    tab_to(page, "#id_walkin-number_of_people", max_tabs=150)
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    tab_to(page, ".walk-in-form button[type=submit]")
    _submit(page)
    walk_in = Registration.objects.get(last_name="Laufkundschaft")
    assert walk_in.channel == "on_site" and walk_in.checked_in_at is not None
    assert walk_in.reference in page.locator(".messagelist").inner_text()
    axe_check(page)
    # Now full: the next walk-in is refused with a message in the summary.
    _walk_in(page, "Xaver", "Spaet", "1")
    _to_consent_and_tick(page, "#id_walkin-consent")
    tab_to(page, ".walk-in-form button[type=submit]")
    _submit(page)
    assert page.locator(".walk-in .errornote").count() == 1
    assert not Registration.objects.filter(last_name="Spaet").exists()
    axe_check(page)


def test_phone_entry_and_walk_in_reflow_at_320_px(page_at, setting, live_server):
    clerk = with_session(page_at(width=320, height=640), setting["clerk"], live_server)
    visit(clerk, CALL)
    assert_no_horizontal_scroll(clerk)
    axe_check(clerk)
    with clerk.expect_navigation(wait_until="load"):
        clerk.locator(".paper-form button[type=submit]").click()
    assert clerk.locator(".error-summary").count() == 1
    assert_no_horizontal_scroll(clerk)
    axe_check(clerk)
    screenshot(clerk, "phone-entry-320")
    door = with_session(page_at(width=320, height=640), setting["organiser"], live_server)
    visit(door, setting["door"])
    assert_no_horizontal_scroll(door)
    with door.expect_navigation(wait_until="load"):
        door.locator(".walk-in-form button[type=submit]").click()
    assert door.locator(".walk-in .errornote").count() == 1
    assert_no_horizontal_scroll(door)
    axe_check(door)
    screenshot(door, "door-walk-in-320")

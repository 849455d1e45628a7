"""Issue 15, part 7 in the browser: the organiser moves or cancels an event in its change form,
and a clerk books an appointment for a caller without e-mail (the postal address then needed).
Keyboard only, axe-core on every state (the errors included), reflow at 320 px.

WCAG 2.1.1 (Keyboard), 3.3.1 (Error Identification), 3.3.3 (Error Suggestion), 1.4.10 (Reflow).
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from appointments.models import Booking
from appointments.slots import sync_slots, today
from participation import actions
from participation.models import Event, RegistrationStatus
from tests.appointments.factories import AppointmentTypeFactory, SlotRuleFactory
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
from tests.participation.factories import EventFactory, person
from tests.services.factories import OfficeFactory

pytestmark = pytest.mark.browser


#: The event's change form is long (navigation, five fieldsets): Tab presses to reach a field.
TABS = 250


def save_by_keyboard(page: Page) -> None:
    """Tab to the change form's "Save" button and press Enter."""
    tab_to(page, "input[name=_save]", max_tabs=TABS)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def submit_by_keyboard(page: Page) -> None:
    """Enter in the focused text field sends the form with its default button."""
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


# --- the event moved or cancelled -----------------------------------------------------------------
@pytest.fixture
def event(transactional_db):
    event = EventFactory(title_de="Werkstatt Freiham", capacity=5)
    for n, email in ((1, "zeynep@example.org"), (2, "")):
        actions.register(
            event=event, channel="paper", person=person(n, email=email), number_of_people=1,
            access_needs=[], consent_version="x",
        )  # fmt: skip
    organiser = UserFactory(staff=True, mfa=True, roles=["Veranstaltungsorganisation"])
    with translation.override("en"):
        path = reverse("admin:participation_event_change", args=[event.pk])
    return {"event": event, "organiser": organiser, "path": path}


def test_cancelling_an_event_by_keyboard_with_the_error_first(page, event, live_server):
    staff_session(page, event["organiser"], live_server, "participation_events")
    visit(page, event["path"])
    axe_check(page)
    # Change the place, then tick "Cancel this event" with the space bar: refused.
    tab_to(page, "#id_place_name", max_tabs=TABS)
    page.keyboard.press("Control+A")
    page.keyboard.type("Rathaus")
    tab_to(page, "#id_cancel_event", max_tabs=TABS)
    page.keyboard.press("Space")
    save_by_keyboard(page)
    summary = page.locator(".errornote")
    assert summary.count() == 1
    error = page.locator(".field-cancel_event .errorlist")
    assert "not both at once" in error.inner_text()
    assert page.locator("#id_place_name").input_value() == "Rathaus"  # the input is kept
    assert page.locator("#id_cancel_event").is_checked()
    axe_check(page)
    screenshot(page, "admin-event-cancel-error")
    assert Event.objects.get(pk=event["event"].pk).cancelled_at is None

    # Put the place back, keep the cancellation, add a note: the event is cancelled.
    tab_to(page, "#id_place_name", max_tabs=TABS)
    page.keyboard.press("Control+A")
    page.keyboard.type(event["event"].place_name)
    tab_to(page, "#id_message_to_registrants", max_tabs=TABS)
    page.keyboard.type("Die Moderatorin ist krank.")
    save_by_keyboard(page)
    assert "was cancelled" in page.locator(".messagelist").inner_text()
    axe_check(page)
    stored = Event.objects.get(pk=event["event"].pk)
    assert stored.cancelled_at is not None
    registrations = list(stored.registrations.all())
    assert {r.status for r in registrations} == {RegistrationStatus.CANCELLED}
    by_post = next(r for r in registrations if not r.email)
    assert "Die Moderatorin ist krank." in by_post.letters.get(kind__endswith="cancelled").body
    # The change form of a cancelled event: the date, no checkbox.
    visit(page, event["path"])
    assert page.locator("#id_cancel_event").count() == 0
    axe_check(page)


def test_the_move_or_cancel_fieldset_fits_320_px_with_its_error(page_at, event, live_server):
    narrow = staff_session(
        page_at(width=320, height=640), event["organiser"], live_server, "participation_events"
    )
    visit(narrow, event["path"])
    narrow.locator("#id_cancel_event").scroll_into_view_if_needed()
    assert_no_horizontal_scroll(narrow)
    narrow.locator("#id_cancel_event").check()
    narrow.locator("#id_place_name").fill("Anderswo")
    with narrow.expect_navigation(wait_until="load"):
        narrow.locator("#id_place_name").press("Enter")
    assert narrow.locator(".field-cancel_event .errorlist").count() == 1
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, "admin-event-cancel-320")


# --- a clerk books for a caller without e-mail ----------------------------------------------------
@pytest.fixture
def clerk_booking(transactional_db):
    office = OfficeFactory(slug="buergerbuero-brief", name_de="Bürgerbüro Brief")
    appointment_type = AppointmentTypeFactory(office=office, slots_generated_until=None)
    for weekday in range(7):
        SlotRuleFactory(
            appointment_type=appointment_type, weekday=weekday, starts=dt.time(8),
            ends=dt.time(18), capacity=2, valid_from=today() + dt.timedelta(days=1),
        )  # fmt: skip
    sync_slots(appointment_type)
    clerk = UserFactory(staff=True, mfa=True, roles=["Erfassung"], departments=["KVR"])
    day = today() + dt.timedelta(days=10)
    path = (
        reverse("admin:appointments_booking_clerk")
        + f"?art={appointment_type.pk}&tag={day:%Y-%m-%d}"
    )
    return {"clerk": clerk, "path": path}


def fill_caller(page: Page, *, postal_code: str) -> None:
    # From the first free time on (the day picker above is another form): Space selects it.
    page.locator("input[name=slot]").first.focus()
    page.keyboard.press("Space")
    tab_to(page, "#id_name")
    page.keyboard.press("Control+A")
    page.keyboard.type("Herr Maier")
    tab_to(page, "#id_street")
    page.keyboard.press("Control+A")
    page.keyboard.type("Sendlinger Str. 1")
    tab_to(page, "#id_postal_code")
    page.keyboard.press("Control+A")
    page.keyboard.type(postal_code)


def test_a_caller_without_email_needs_the_address_by_keyboard_and_at_320(
    page, page_at, clerk_booking, live_server
):
    staff_session(page, clerk_booking["clerk"], live_server, "appointments")
    visit(page, clerk_booking["path"])
    axe_check(page)
    fill_caller(page, postal_code="")
    submit_by_keyboard(page)
    assert page.locator(".error-summary").count() == 1
    assert page.locator("#id_city").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_street").input_value() == "Sendlinger Str. 1"
    axe_check(page)
    screenshot(page, "appointments-clerk-address-error")

    narrow = staff_session(
        page_at(width=320, height=640), clerk_booking["clerk"], live_server, "appointments"
    )
    visit(narrow, clerk_booking["path"])
    narrow.locator("input[name=slot]").first.check()
    narrow.locator("#id_name").fill("Herr Maier")
    with narrow.expect_navigation(wait_until="load"):
        narrow.locator("#id_name").press("Enter")
    assert narrow.locator(".error-summary").count() == 1
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)

    # Complete on the wide page: booked, and the confirmation letter is queued.
    fill_caller(page, postal_code="80331")
    tab_to(page, "#id_city")
    page.keyboard.press("Control+A")
    page.keyboard.type("München")
    assert focused(page)["name"] == "city"
    submit_by_keyboard(page)
    booking = Booking.objects.get(name="Herr Maier")
    assert booking.letters.get().kind == "appointments.confirmation"
    axe_check(page)

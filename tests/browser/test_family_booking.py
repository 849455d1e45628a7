"""A booking for three people with two services in a real browser (issue 16, part 2), without
JavaScript and by keyboard alone: the number of people, the calendar, the time page with one
fieldset per person (an error first: a person without a name and without a service), the
confirmation page with what to bring — axe-core finds no WCAG A/AA violation on any step, and
nothing scrolls sideways at 320 px. In German and in English."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from appointments.models import Booking, BookingStatus
from appointments.slots import sync_slots, today
from tests.appointments.factories import AppointmentTypeFactory, SlotRuleFactory
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    visit,
)
from tests.browser.test_appointments import press_tab_until
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.browser

TEXTS = {
    "de": {
        "prefix": "",
        "day": "Tag wählen",
        "time": "Zeit wählen",
        "held": "Bitte bestätigen Sie Ihren Termin",
        "bring": "Was Sie mitbringen",
        "name_error": "Geben Sie den Namen von Person 2 ein.",
        "fee": "70 Euro",
        "document": "biometrisches Passfoto",
    },
    "en": {
        "prefix": "/en",
        "day": "Choose a day",
        "time": "Choose a time",
        "held": "Please confirm your appointment",
        "bring": "What to bring",
        "name_error": "Enter the name of person 2.",
        "fee": "70 euros",
        "document": "biometric passport photo",
    },
}


@pytest.fixture
def office(transactional_db, settings):
    """A Bürgerbüro whose type offers two services, with four places a slot from tomorrow."""
    office = OfficeFactory(slug="buergerbuero-familie", name_de="Bürgerbüro Familie")
    appointment_type = AppointmentTypeFactory(
        office=office,
        name_de="Ausweis und Reisepass",
        name_en="ID card and passport",
        slots_generated_until=None,
    )
    appointment_type.services.add(
        ServiceFactory(
            name_de="Personalausweis beantragen",
            name_en="Apply for an ID card",
            required_documents_de="Alter Ausweis",
            required_documents_en="Old ID card",
            fees_de="37 Euro",
            fees_en="37 euros",
        ),
        ServiceFactory(
            name_de="Reisepass beantragen",
            name_en="Apply for a passport",
            required_documents_de="Personalausweis\nbiometrisches Passfoto",
            required_documents_en="Identity card\nbiometric passport photo",
            fees_de="70 Euro",
            fees_en="70 euros",
        ),
    )
    for weekday in range(7):
        SlotRuleFactory(
            appointment_type=appointment_type,
            weekday=weekday,
            starts=dt.time(8),
            ends=dt.time(18),
            capacity=4,
            valid_from=today() + dt.timedelta(days=1),
        )
    sync_slots(appointment_type)
    return office


def check(page: Page, name: str, axe_page: Page) -> None:
    """Structure, axe and a screenshot of ``page`` as it is. axe-core runs asynchronously, which
    a page without JavaScript cannot: the same document (the very HTML the no-script page shows,
    error state included) is checked in a page with scripts, at the same address."""
    assert_page_structure(page)
    axe_page.goto(page.url, wait_until="load")
    axe_page.set_content(page.content(), wait_until="load")
    axe_check(axe_page)
    screenshot(page, f"family-{name}")


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def tick(page: Page, selector: str) -> None:
    press_tab_until(page, selector)
    page.keyboard.press("Space")
    expect(page.locator(selector)).to_be_checked()


def type_into(page: Page, selector: str, text: str) -> None:
    press_tab_until(page, selector)
    page.keyboard.type(text)


@pytest.mark.parametrize("language", ["de", "en"])
def test_three_people_with_two_services_by_keyboard_without_javascript(page_at, office, language):
    texts = TEXTS[language]
    page = page_at(java_script_enabled=False)
    narrow = page_at(width=320, height=640, java_script_enabled=False)
    axe_page = page_at()
    appointment_type = office.appointment_types.get()
    calendar = f"{texts['prefix']}/dienststellen/{office.slug}/termin/?art={appointment_type.pk}"

    # The calendar: choose three people by keyboard (a select of its own, a GET form).
    visit(page, calendar)
    expect(page.get_by_role("heading", level=1)).to_contain_text(texts["day"])
    check(page, f"{language}-calendar", axe_page)
    press_tab_until(page, "#id_personen")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_personen")).to_have_value("3")
    press_tab_until(page, ".people-form button[type=submit]")
    press_enter_and_wait(page)
    assert "personen=3" in page.url
    check(page, f"{language}-calendar-3", axe_page)
    press_tab_until(page, ".calendar-day--free a")
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(texts["time"])
    assert "personen=3" in page.url
    expect(page.locator("fieldset.person")).to_have_count(3)
    check(page, f"{language}-details", axe_page)
    details = page.url

    # First attempt: person 2 has no name, person 3 no service — errors next to the fields.
    tick(page, "#id_slot_0")
    type_into(page, "#id_name", "Anna Huber")
    tick(page, "#id_service_0")
    tick(page, "#id_service_1")
    type_into(page, "#id_email", "anna.huber@example.org")
    tick(page, "#id_person_2_services_1")
    type_into(page, "#id_person_3_name", "Clara Huber")
    press_tab_until(page, "form.appointment-form button[type=submit]")
    press_enter_and_wait(page)
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_person_2_name_error")).to_contain_text(texts["name_error"])
    expect(page.locator("#id_person_3_name")).to_have_value("Clara Huber")
    expect(page.locator("#id_service_1")).to_be_checked()
    check(page, f"{language}-details-error", axe_page)
    press_tab_until(page, ".error-summary a[href='#id_person_2_name']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_person_2_name")).to_be_focused()
    page.keyboard.type("Ben Huber")
    tick(page, "#id_person_3_services_0")
    press_tab_until(page, "form.appointment-form button[type=submit]")
    press_enter_and_wait(page)

    # Held (a guest confirms by e-mail): the page lists the people and what to bring.
    expect(page.get_by_role("heading", level=1)).to_have_text(texts["held"])
    booking = Booking.objects.get(email="anna.huber@example.org")
    assert booking.status == BookingStatus.HELD and booking.places == 3
    people = [(p.name, sorted(s.name_de for s in p.services.all())) for p in booking.people.all()]
    assert people == [
        ("Anna Huber", ["Personalausweis beantragen", "Reisepass beantragen"]),
        ("Ben Huber", ["Reisepass beantragen"]),
        ("Clara Huber", ["Personalausweis beantragen"]),
    ]
    expect(page.get_by_role("heading", level=2, name=texts["bring"])).to_be_visible()
    expect(page.locator(".what-to-bring")).to_contain_text(texts["document"])
    expect(page.locator(".what-to-bring")).to_contain_text(texts["fee"])
    check(page, f"{language}-held", axe_page)

    for path in (calendar + "&personen=3", details.split("://", 1)[1], page.url):
        path = path if path.startswith("/") else path[path.index("/") :]
        visit(narrow, path)
        assert_no_horizontal_scroll(narrow)

"""Issue 16's first acceptance journey in a real browser: from the home page to a booked passport
appointment at the earliest office with a step-free entrance, in at most four pages — the home
page, the service-first page (filtered in place), the time and details page, the confirmation —
by keyboard alone, with axe-core on every page and 320 px reflow, in German and in English."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from appointments.models import Booking, BookingStatus
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    tab_to,
)
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.browser

TEXTS = {
    "de": {"prefix": "", "booked": "Ihr Termin ist gebucht", "bring": "biometrisches Passfoto"},
    "en": {"prefix": "/en", "booked": "Your appointment is booked", "bring": "biometric photo"},
}


@pytest.fixture
def passport(transactional_db):
    """The passport service at two offices: the earliest times are at one with steps, the
    step-free one has its first time a day later."""
    service = ServiceFactory(
        slug="reisepass",
        name_de="Reisepass beantragen",
        name_en="Apply for a passport",
        popular_rank=1,
        required_documents_de="Personalausweis\nbiometrisches Passfoto",
        required_documents_en="Identity card\nbiometric photo",
        fees_de="70 Euro",
        fees_en="70 euros",
    )
    first_slots = {}
    for slug, step_free, day in (("mit-stufen", False, 1), ("stufenlos", True, 2)):
        office = OfficeFactory(
            slug=f"buergerbuero-{slug}",
            name_de=f"Bürgerbüro {slug}",
            name_en=f"Citizens' office {slug}",
            step_free_entrance=step_free,
        )
        service.offices.add(office)
        appointment_type = AppointmentTypeFactory(office=office, name_de="Pass", name_en="Passport")
        appointment_type.services.add(service)
        for hour in range(9, 12):
            slot = SlotFactory(appointment_type=appointment_type, starts_at=in_days(day, hour))
            first_slots.setdefault(slug, slot)
    return first_slots


def check(page: Page, narrow: Page, name: str) -> None:
    """axe and structure on the page as it is; the same address at 320 px does not scroll
    sideways (a GET page: the narrow page opens it with the same session)."""
    assert_page_structure(page)
    axe_check(page)
    screenshot(page, f"journey-{name}")
    narrow.goto(page.url, wait_until="load")
    assert_no_horizontal_scroll(narrow)


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["de", "en"])
def test_from_the_home_page_to_a_booked_passport_appointment_at_a_step_free_office(
    page_at, log_in_resident, resident, passport, language
):
    texts, prefix = TEXTS[language], TEXTS[language]["prefix"]
    page = log_in_resident(page_at())
    narrow = log_in_resident(page_at(width=320, height=640))
    pages: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and pages.append(frame.url))

    # 1. The home page: "Termin vereinbaren" lists the passport among the top tasks.
    page.goto(f"{prefix}/", wait_until="load")
    check(page, narrow, f"{language}-home")
    link = f".home-task--appointment a[href='{prefix}/dienstleistungen/reisepass/termin/']"
    tab_to(page, link, max_tabs=60)
    press_enter_and_wait(page)

    # 2. The service-first page: the earliest time is at the office with steps; filtering for a
    # step-free entrance reloads the same page.
    expect(page.locator(".finder-times a").first).to_have_attribute(
        "href", re.compile("/buergerbuero-mit-stufen/")
    )
    check(page, narrow, f"{language}-times")
    tab_to(page, "#id_stufenlos", max_tabs=150)
    page.keyboard.press("Space")
    tab_to(page, "form.time-finder button[type=submit]", max_tabs=20)
    press_enter_and_wait(page)
    earliest = passport["stufenlos"]
    expect(page.locator(".finder-times a").first).to_have_attribute(
        "href", re.compile("/buergerbuero-stufenlos/")
    )
    check(page, narrow, f"{language}-times-step-free")
    tab_to(page, ".finder-times a", max_tabs=60)
    press_enter_and_wait(page)

    # 3. Time and details: the time and the service are chosen already, the name and e-mail
    # come from the account.
    expect(page.locator(f"input[name=slot][value='{earliest.pk}']")).to_be_checked()
    expect(page.locator("#id_name")).to_have_value(resident.full_name)
    check(page, narrow, f"{language}-details")
    tab_to(page, "form.appointment-form button[type=submit]", max_tabs=150)
    press_enter_and_wait(page)

    # 4. The confirmation, with what to bring.
    expect(page.get_by_role("heading", level=1)).to_have_text(texts["booked"])
    expect(page.locator("main")).to_contain_text(texts["bring"])
    check(page, narrow, f"{language}-booked")
    booking = Booking.objects.get(user=resident)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.slot_id == earliest.pk

    distinct = []
    for url in pages:
        path = urlsplit(url).path
        if path not in distinct:
            distinct.append(path)
    assert len(distinct) <= 4, distinct

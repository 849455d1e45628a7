"""The service-first page in a real browser (issue 16, part 1): from the service page's "Termin
vereinbaren" to the preselected time of the earliest office with a step-free entrance, by
keyboard alone, with axe-core on every state (results, filtered, nothing free, a bad filter),
320 px reflow, German and English, and the filter form without JavaScript."""

import re

import pytest
from playwright.sync_api import Page, expect

from munich_portal.core.models import Stadtbezirk
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    tab_to,
    visit,
)
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.browser

PAGE = "/dienstleistungen/reisepass/termin/"


@pytest.fixture
def passport(transactional_db):
    district = Stadtbezirk.objects.create(number=5, name="Au-Haidhausen", slug="au-haidhausen")
    service = ServiceFactory(slug="reisepass", name_de="Reisepass beantragen",
                             name_en="Apply for a passport")  # fmt: skip
    step_free = OfficeFactory(slug="ost", name_de="Bürgerbüro Ost", name_en="Citizens' office East",
                              stadtbezirk=district, step_free_entrance=True, lift=True)  # fmt: skip
    steps = OfficeFactory(slug="mitte", name_de="Bürgerbüro Mitte",
                          name_en="Citizens' office Centre", step_free_entrance=False)  # fmt: skip
    slots = {}
    for office, day in ((steps, 1), (step_free, 2)):
        appointment_type = AppointmentTypeFactory(office=office, name_de="Pass", name_en="Passport")
        appointment_type.services.add(service)
        service.offices.add(office)
        for hour in range(8, 16):
            slot = SlotFactory(appointment_type=appointment_type, starts_at=in_days(day, hour))
            slots.setdefault(office.slug, slot)
    return {"service": service, "slots": slots}


def press_tab_until(page: Page, selector: str) -> None:
    tab_to(page, selector, max_tabs=150)


def check(page: Page, name: str) -> None:
    assert_page_structure(page)
    axe_check(page)
    screenshot(page, f"service-times-{name}")


@pytest.mark.parametrize(
    ("prefix", "button", "heading"),
    [
        ("", "Termin vereinbaren", "Termin vereinbaren: Reisepass beantragen"),
        ("/en", "Make an appointment", "Make an appointment: Apply for a passport"),
    ],
)
def test_from_the_service_page_to_a_step_free_office_by_keyboard(
    page, passport, prefix, button, heading
):
    visit(page, f"{prefix}/dienstleistungen/reisepass/")
    check(page, f"service{prefix.replace('/', '-')}")
    press_tab_until(page, f"a.button[href='{prefix}{PAGE}']")
    expect(page.locator(f"a.button[href='{prefix}{PAGE}']")).to_contain_text(button)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator(".finder-times a").first).to_have_attribute("href", re.compile("mitte"))
    check(page, f"results{prefix.replace('/', '-')}")

    press_tab_until(page, "#id_stufenlos")
    page.keyboard.press("Space")
    press_tab_until(page, "form.time-finder button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert "stufenlos=on" in page.url
    expect(page.locator("#id_stufenlos")).to_be_checked()
    expect(page.locator(".finder-times a").first).to_have_attribute("href", re.compile("/ost/"))
    check(page, f"filtered{prefix.replace('/', '-')}")

    press_tab_until(page, ".finder-times a")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    earliest = passport["slots"]["ost"]
    expect(page.locator(f"input[name=slot][value='{earliest.pk}']")).to_be_checked()
    expect(page.locator(f"input[name=service][value='{passport['service'].pk}']")).to_be_checked()


def test_nothing_free_and_a_bad_filter_pass_axe_and_fit_320(page, narrow_page, passport):
    visit(page, f"{PAGE}?hoerschleife=on")
    expect(page.locator(".notice")).to_contain_text("Keine freien Termine mit diesen Filtern.")
    expect(page.locator(".notice a[href$='warteliste/?hoerschleife=on']")).to_have_count(1)
    check(page, "nothing-free")
    response = page.goto(f"/en{PAGE}?bezirk=abc&tageszeit=x&stufenlos=zzz", wait_until="load")
    assert response is not None and response.status == 400
    expect(page.locator(".error-summary")).to_be_visible()
    check(page, "bad-filter")
    press_tab_until(page, ".error-summary a[href='#id_bezirk']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_bezirk")).to_be_focused()
    for path in (PAGE, f"/en{PAGE}?stufenlos=on", f"{PAGE}?hoerschleife=on"):
        visit(narrow_page, path)
        assert_no_horizontal_scroll(narrow_page)
    narrow_page.goto(f"{PAGE}?bezirk=abc", wait_until="load")
    assert_no_horizontal_scroll(narrow_page)


def test_the_filter_form_works_without_javascript(page_at, passport):
    page = page_at(java_script_enabled=False)
    visit(page, PAGE)
    page.locator("#id_stufenlos").check()
    page.locator("#id_tageszeit").select_option("nachmittag")
    with page.expect_navigation(wait_until="load"):
        page.locator("form.time-finder button[type=submit]").click()
    assert "stufenlos=on" in page.url and "tageszeit=nachmittag" in page.url
    links = page.locator(".finder-times a")
    expect(links.first).to_have_attribute("href", re.compile("/ost/"))
    for href in links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))"):
        assert "/ost/" in href
    expect(page.locator(".finder-times a", has_text="09:00")).to_have_count(0)

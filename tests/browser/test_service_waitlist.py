"""The waiting list for a service at any office (issue 16) in a real browser: arriving with the
service-first page's filters, an error first, joining, the e-mail confirmation — by keyboard
alone, axe-core finding no WCAG A/AA violation on any step (the error state included), nothing
scrolling sideways at 320 px, in German and English."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from appointments.models import WaitingListEntry, WaitingStatus
from munich_portal.core.models import Stadtbezirk
from tests.appointments.factories import AppointmentTypeFactory
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

PATH = "/dienstleistungen/reisepass-beantragen/termin/warteliste/"


@pytest.fixture
def passport(transactional_db):
    """A passport service booked at two Bürgerbüros in two districts, one with an induction
    loop; visible to the live server."""
    service = ServiceFactory(
        slug="reisepass-beantragen", name_de="Reisepass beantragen", name_en="Apply for a passport"
    )
    for number, name, loop in ((3, "Maxvorstadt", True), (21, "Pasing", False)):
        district = Stadtbezirk.objects.create(number=number, name=name, slug=name.lower())
        office = OfficeFactory(
            name_de=f"Bürgerbüro {name}",
            name_en=f"Citizens' office {name}",
            stadtbezirk=district,
            induction_loop=loop,
        )
        AppointmentTypeFactory(office=office).services.add(service)
    return service


def check(page: Page, name: str) -> None:
    assert_page_structure(page)
    axe_check(page)
    screenshot(page, f"service-waitlist-{name}")


def submit_by_keyboard(page: Page) -> None:
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("prefix", "texts"),
    [
        (
            "",
            {
                "title": "Warteliste für alle Dienststellen",
                "pending": "Bitte bestätigen Sie Ihre E-Mail-Adresse",
                "waiting": "Sie stehen auf der Warteliste",
            },
        ),
        (
            "/en",
            {
                "title": "Waiting list for any office",
                "pending": "Please confirm your e-mail address",
                "waiting": "You are on the waiting list",
            },
        ),
    ],
)
def test_a_guest_joins_by_keyboard_with_axe_on_every_step(
    page, narrow_page, passport, prefix, texts
):
    url = f"{prefix}{PATH}?bezirk=3&hoerschleife=1"
    visit(page, url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(texts["title"])
    # The filters came along: district 3 and the loop; only the office there is listed.
    expect(page.locator("#id_bezirk")).to_have_value("3")
    expect(page.locator("#id_hoerschleife")).to_be_checked()
    offices = page.locator("section[aria-labelledby='waitlist-offices-heading']")
    expect(offices).to_contain_text("3. Maxvorstadt")
    expect(offices).not_to_contain_text("Pasing")
    check(page, f"form{prefix.replace('/', '-')}")

    tab_to(page, "#id_name")
    page.keyboard.type("Maria Huber")
    page.keyboard.press("Tab")
    page.keyboard.type("keine-adresse")  # a mistake, caught by the server
    submit_by_keyboard(page)
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Maria Huber")
    expect(page.locator("#id_hoerschleife")).to_be_checked()
    check(page, f"error{prefix.replace('/', '-')}")

    tab_to(page, ".error-summary a[href='#id_email']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("maria.huber@example.org")
    submit_by_keyboard(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(texts["pending"])
    check(page, f"pending{prefix.replace('/', '-')}")
    entry = WaitingListEntry.objects.get(email="maria.huber@example.org")
    assert entry.service_id == passport.pk and entry.induction_loop
    assert entry.stadtbezirk.number == 3

    link = re.search(
        r"https?://[^/\s]+(\S*/termine/warteliste/bestaetigen/\S+)", mail.outbox[-1].body
    )
    visit(page, link[1])
    check(page, f"confirm{prefix.replace('/', '-')}")
    submit_by_keyboard(page)
    expect(page.locator("main .notice")).to_contain_text(texts["waiting"])
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.WAITING

    visit(narrow_page, url)
    assert_no_horizontal_scroll(narrow_page)
    with narrow_page.expect_navigation(wait_until="load"):
        narrow_page.locator("main form button[type=submit]").click()
    expect(narrow_page.locator(".error-summary")).to_be_visible()
    assert_no_horizontal_scroll(narrow_page)


def test_no_matching_office_is_said_clearly_and_passes_axe(page, passport):
    visit(page, f"/en{PATH}?bezirk=21&hoerschleife=on")
    expect(page.locator("main .notice")).to_contain_text("None of the 2 offices")
    check(page, "no-office")

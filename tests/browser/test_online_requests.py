"""Online requests in a real browser (issue 5): the whole journey by keyboard alone — log in from
the start page, three pages with an error on the way, a file chosen from the keyboard, the check
page with a change link, sending, the request's page, withdrawing — with axe-core finding no
WCAG A/AA violation on any step (error states included), and every page fitting 320 px."""

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from online_requests.models import OnlineRequest, RequestStatus
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    tab_to,
    visit,
)
from tests.factories import DEFAULT_PASSWORD
from tests.online_requests.factories import PDF, published_service, submitted_request

pytestmark = pytest.mark.browser


@pytest.fixture
def uploads(settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"


@pytest.fixture
def service(transactional_db, uploads):
    return published_service(slug="hund-anmelden-test")


def check_step(page: Page, name: str) -> None:
    assert_page_structure(page)
    axe_check(page)
    screenshot(page, f"online-request-{name}")


def press(page: Page, key: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press(key)


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def choose_radio(page: Page, name: str, value: str) -> None:
    """Tab into the radio group, then move with the arrow keys to ``value``."""
    tab_to(page, f"input[name={name}]")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.locator(f"input[name={name}][value='{value}']")).to_be_checked()


def test_the_whole_request_journey_by_keyboard(page, service, resident):
    start = f"/dienstleistungen/{service.slug}/antrag/"
    visit(page, start)
    check_step(page, "start-logged-out")
    tab_to(page, "main a[href^='/konto/login/']")
    press(page, "Enter")
    type_into(page, "input[name=login]", resident.email)
    type_into(page, "input[name=password]", DEFAULT_PASSWORD)
    press(page, "Enter")
    assert page.url.endswith(start), page.url
    check_step(page, "start")
    tab_to(page, "main form button[type=submit]")
    press(page, "Enter")

    # Page 1, first with a mistake: the error summary names it, the typed values stay.
    type_into(page, "#id_full_name", "Anna Huber")
    type_into(page, "#id_home__street", "Marienplatz 8")
    type_into(page, "#id_home__postal_code", "8033")
    type_into(page, "#id_home__city", "München")
    type_into(page, "#id_email", "anna.huber@example.org")
    press(page, "Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_full_name")).to_have_value("Anna Huber")
    check_step(page, "page-1-error")
    tab_to(page, ".error-summary a[href='#id_home__postal_code']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_home__postal_code")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("80331")
    press(page, "Enter")

    # Page 2: number, date, a choice and yes/no with the arrow keys.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Anliegen")
    check_step(page, "page-2")
    type_into(page, "#id_count", "2")
    type_into(page, "#id_day", "01.12.2026")
    choose_radio(page, "colour", "grun")
    choose_radio(page, "agree", "yes")
    tab_to(page, "main form button[value=continue]")
    press(page, "Enter")

    # Page 3: IBAN and a file chosen from the keyboard (Space opens the file chooser).
    expect(page.get_by_role("heading", level=1)).to_have_text("Zahlung und Nachweis")
    type_into(page, "#id_iban", "DE89 3704 0044 0532 0130 00")
    tab_to(page, "#id_proof")
    chooser = None
    for _attempt in range(3):  # Chromium on a loaded machine sometimes drops the first press
        try:
            with page.expect_file_chooser(timeout=5000) as opened:
                page.keyboard.press("Space")
            chooser = opened.value
            break
        except PlaywrightTimeoutError:
            assert page.evaluate("document.activeElement.id") == "id_proof"
    assert chooser is not None, "Space on the file field never opened the file chooser"
    chooser.set_files(
        files=[{"name": "nachweis.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    tab_to(page, "main form button[value=continue]")
    press(page, "Enter")

    # Check your answers; change one answer and come back.
    expect(page.get_by_role("heading", level=1)).to_have_text("Angaben prüfen")
    expect(page.locator("main")).to_contain_text("01.12.2026")
    expect(page.locator("main")).to_contain_text("nachweis.pdf")
    check_step(page, "check")
    tab_to(page, "main a[href*='/schritt/2/?pruefen=1#id_count']")
    press(page, "Enter")
    expect(page.locator("#id_count")).to_have_value("2")
    type_into(page, "#id_count", "3")
    tab_to(page, "main form button[value=continue]")
    press(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Angaben prüfen")
    tab_to(page, "main form button[type=submit]")
    press(page, "Enter")

    # Sent: the reference number, then the request's page.
    online_request = OnlineRequest.objects.get(user=resident)
    assert online_request.status == RequestStatus.RECEIVED
    assert online_request.answers["count"] == "3"
    expect(page.locator(".reference-code")).to_have_text(online_request.reference)
    check_step(page, "sent")
    tab_to(page, f"main a[href='/antraege/{online_request.reference}/']")
    press(page, "Enter")
    check_step(page, "detail")

    # An empty reply shows an error; then withdraw.
    tab_to(page, "main form button[type=submit]")
    press(page, "Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    check_step(page, "detail-error")
    tab_to(page, "main a[href$='/zurueckziehen/']")
    press(page, "Enter")
    check_step(page, "withdraw")
    tab_to(page, "main form button[type=submit]")
    press(page, "Enter")
    online_request.refresh_from_db()
    assert online_request.status == RequestStatus.WITHDRAWN
    check_step(page, "withdrawn")
    # The confirmation is announced on the page the keyboard user lands on.
    expect(page.get_by_text("Ihr Antrag wurde zurückgezogen.")).to_be_visible()


def test_request_pages_fit_320_pixels(narrow_page, service, resident, log_in_resident):
    online_request = submitted_request(service, user=resident)
    page = log_in_resident(narrow_page)
    paths = [
        f"/dienstleistungen/{service.slug}/antrag/",
        "/antraege/",
        f"/antraege/{online_request.reference}/",
        f"/antraege/{online_request.reference}/eingegangen/",
        f"/antraege/{online_request.reference}/zurueckziehen/",
        "/konto/",
    ]
    for path in paths:
        visit(page, path)
        assert_no_horizontal_scroll(page)
        axe_check(page)
    # The form's pages of a new draft (another service), with errors shown.
    other = published_service(slug="bewohnerparkausweis-test", department_code="MOR")
    visit(page, f"/dienstleistungen/{other.slug}/antrag/")
    with page.expect_navigation(wait_until="load"):
        page.locator("main form button[type=submit]").click()
    for number in (1, 2, 3):
        visit(page, f"/dienstleistungen/{other.slug}/antrag/schritt/{number}/")
        with page.expect_navigation(wait_until="load"):
            page.locator("main form button[value=continue]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert_no_horizontal_scroll(page)
        axe_check(page)
    visit(page, f"/dienstleistungen/{other.slug}/antrag/pruefen/")
    assert_no_horizontal_scroll(page)
    axe_check(page)

"""Meine Daten and the audit trail's staff pages in Chromium: axe-core finds nothing, and the
resident's pages reflow at 320 CSS pixels (WCAG 1.4.10), in their normal and their error state."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from bench.domains.audit import ensure_resident_records
from munich_portal.audit import actions
from munich_portal.audit.context import processing_context
from munich_portal.core.models import Department
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    submit_form_of,
    tab_to,
    visit,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def resident_with_uses(resident):
    """The resident's record was changed and used by staff: views, a list, an export, a mail."""
    Department.objects.get_or_create(code="KVR", defaults={"name": "Kreisverwaltungsreferat"})
    caseworker = UserFactory(staff=True, roles=["Sachbearbeitung"], full_name="Sepp Huber")
    with processing_context(actor=caseworker, purpose="resident_support", department="KVR"):
        resident.full_name = "Anna Huber-Schmidt"
        resident.save()
        for _ in range(3):
            actions.record_use(
                action="view", subject=resident, record=resident, case_number="KVR-I/23-2026/4711"
            )
        actions.record_batch_use(action="list", criteria={}, records=[resident])
        actions.record_use(action="export", subject=resident, record=resident)
    actions.record_system_send(subject=resident, purpose="user_account")
    return resident


@pytest.fixture
def session_of(live_server) -> Callable[[Page, object], Page]:
    """Give a page the session of ``user`` (a staff member with MFA reaches the admin with it)."""

    def do(page: Page, user) -> Page:
        client = Client()
        client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
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

    return do


@pytest.fixture
def officer(resident_with_uses):
    """The data-protection officer, with a log to read."""
    return UserFactory(staff=True, roles=["Datenschutz"], mfa=True, email="dsb@muenchen.example")


# --- Meine Daten ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/meine-daten/", "/en/meine-daten/", "/meine-daten/dokument/"])
def test_meine_daten_with_uses_passes_axe_and_reflows(
    page, page_at, log_in_resident, resident_with_uses, path
):
    """Records, changes and uses: no axe violation on the desktop, no scrolling at 320 px."""
    log_in_resident(page)
    visit(page, path)
    assert_page_structure(page)
    assert "KVR-I/23-2026/4711" in page.locator("main").inner_text()  # the uses are listed
    axe_check(page)

    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, path)
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, f"meine-daten-{path.strip('/').replace('/', '-')}-320")


def test_one_use_of_ones_data_passes_axe_and_reflows(page_at, log_in_resident, resident_with_uses):
    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, "/meine-daten/")
    with narrow.expect_navigation(wait_until="load"):
        narrow.locator("main .data-list__title a").first.click()
    assert "/meine-daten/nutzung/" in narrow.url
    assert_page_structure(narrow)
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)


def test_meine_daten_filter_error_state_passes_axe_and_reflows(
    page_at, log_in_resident, resident_with_uses
):
    """A reversed period: the error summary links to the field; still accessible at 320 px."""
    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, "/en/meine-daten/")
    narrow.locator("input[name=von]").fill("2026-05-10")
    narrow.locator("input[name=bis]").fill("2026-05-01")
    submit_form_of(narrow, "input[name=von]")

    summary = narrow.locator(".error-summary")
    assert summary.count() == 1
    assert summary.get_by_role("link").first.get_attribute("href") == "#id_bis"
    assert narrow.locator("input[name=bis]").get_attribute("aria-invalid") == "true"
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, "meine-daten-filter-error-320")


def test_meine_daten_filter_works_without_javascript(page_at, log_in_resident, resident_with_uses):
    """The filter is a plain GET form: it works with JavaScript switched off."""
    page = log_in_resident(page_at(java_script_enabled=False))
    visit(page, "/en/meine-daten/")
    page.locator("select[name=aktion]").select_option("export")
    submit_form_of(page, "select[name=aktion]")
    assert "aktion=export" in page.url
    titles = page.locator("main .data-list__title").all_inner_texts()
    assert titles and all("exported" in title for title in titles)


@pytest.fixture
def resident_with_many_records(resident_with_uses):
    """45 records more (27 e-mails, 18 eID sign-ins with their history): kinds with two pages."""
    ensure_resident_records(resident_with_uses.email, records=45, uses=5)
    return resident_with_uses


EMAILS_PAGE = "/meine-daten/daten/messaging.outgoingemail/"


@pytest.mark.parametrize(
    "path",
    [
        EMAILS_PAGE,
        "/en" + EMAILS_PAGE + "?seite=2",
        "/meine-daten/aenderungen/",
        "/en/meine-daten/ohne-konto/",
    ],
)
def test_meine_daten_records_changes_and_guest_pages_pass_axe_and_reflow(
    page, page_at, log_in_resident, resident_with_many_records, path
):
    """A kind's records (both pages), the changes and the records made without logging in
    (issue 17, round 2): no axe violation, no scrolling at 320 px."""
    log_in_resident(page)
    visit(page, path)
    assert_page_structure(page)
    axe_check(page)
    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, path)
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, f"meine-daten-{path.strip('/').replace('/', '-').replace('?', '-')}-320")


def test_a_kinds_pages_are_reached_by_keyboard(
    page_at, log_in_resident, resident_with_many_records
):
    """From the overview's count to a kind's page and its next page with Tab and Enter."""
    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, "/meine-daten/")
    tab_to(narrow, f"main a[href='{EMAILS_PAGE}']")
    with narrow.expect_navigation(wait_until="load"):
        narrow.keyboard.press("Enter")
    assert narrow.url.endswith(EMAILS_PAGE)
    assert narrow.locator("main .data-record").count() == 20
    tab_to(narrow, "main a[rel=next]")
    with narrow.expect_navigation(wait_until="load"):
        narrow.keyboard.press("Enter")
    assert narrow.url.endswith("?seite=2")
    assert narrow.locator("main .data-record").count() == 7
    assert "Seite 2 von 2" in narrow.locator("main nav.pagination").inner_text()


def test_the_changes_and_guest_records_pages_are_reached_by_keyboard(
    page_at, log_in_resident, resident_with_many_records
):
    """From the overview to the changes and to the records made without logging in, with Tab
    and Enter at 320 px; each page has its heading and the way back."""
    narrow = log_in_resident(page_at(width=320, height=640))
    for path in ("/meine-daten/aenderungen/", "/meine-daten/ohne-konto/"):
        visit(narrow, "/meine-daten/")
        tab_to(narrow, f"main a[href='{path}']")
        with narrow.expect_navigation(wait_until="load"):
            narrow.keyboard.press("Enter")
        assert narrow.url.endswith(path)
        assert narrow.locator("main h1").count() == 1
        assert narrow.locator("a[href='/meine-daten/']").count() >= 1


def test_a_kinds_pages_work_without_javascript(
    page_at, log_in_resident, resident_with_many_records
):
    """The counts, a kind's page and its paging are plain links."""
    page = log_in_resident(page_at(java_script_enabled=False))
    visit(page, "/en/meine-daten/")
    with page.expect_navigation(wait_until="load"):
        page.locator(f"main a[href='/en{EMAILS_PAGE}']").click()
    with page.expect_navigation(wait_until="load"):
        page.locator("main a[rel=next]").click()
    assert page.url.endswith("?seite=2")
    assert page.locator("main .data-record").count() == 7
    with page.expect_navigation(wait_until="load"):
        page.locator("main a[rel=prev]").click()
    assert page.locator("main .data-record").count() == 20


# --- The staff area ------------------------------------------------------------------------------


def test_the_purpose_of_work_page_passes_axe_in_both_states(page, session_of, resident):
    """Staff are sent to choose a purpose; the page and its error state pass axe; then back."""
    administrator = UserFactory(staff=True, roles=["Administration"], mfa=True)
    session_of(page, administrator)
    page.goto("/en/admin/accounts/user/", wait_until="load")
    assert "/en/admin/zweck/" in page.url
    assert_page_structure_admin(page)
    axe_check(page)

    page.locator("input[name=case_number]").fill("Anna Huber")
    submit_form_of(page, "input[name=case_number]")
    assert page.locator(".errornote").count() == 1
    axe_check(page)
    screenshot(page, "admin-purpose-of-work-errors")

    page.locator("input[name=purpose][value=resident_support]").check()
    page.locator("input[name=case_number]").fill("KVR-I/23-2026/4711")
    submit_form_of(page, "input[name=case_number]")
    assert page.url.endswith("/en/admin/accounts/user/")
    header = page.locator("#work-purpose").inner_text()
    assert "Answering residents' enquiries" in header and "KVR-I/23-2026/4711" in header
    axe_check(page)


def test_the_event_log_for_the_data_protection_officer_passes_axe(page, session_of, officer):
    session_of(page, officer)
    visit(page, "/en/admin/audit/datauseevent/")
    assert page.locator("#result_list tbody tr").count() >= 5
    assert_page_structure_admin(page)
    axe_check(page)
    screenshot(page, "admin-data-use-log")


def test_an_event_of_the_log_passes_axe(page, session_of, officer):
    session_of(page, officer)
    visit(page, "/en/admin/audit/datauseevent/")
    with page.expect_navigation(wait_until="load"):
        page.locator("#result_list tbody tr th a").first.click()
    assert "/change/" in page.url
    axe_check(page)


@pytest.mark.parametrize(
    "path",
    ["/en/admin/audit/datauseevent/verzeichnis/", "/en/admin/audit/datauseevent/ungewoehnlich/"],
)
def test_the_register_and_unusual_access_pages_pass_axe(page, session_of, officer, path):
    session_of(page, officer)
    visit(page, path)
    assert_page_structure_admin(page)
    axe_check(page)
    screenshot(page, "admin-" + path.rstrip("/").rsplit("/", 1)[-1])


def assert_page_structure_admin(page: Page) -> None:
    """The admin's pages: one main landmark, a heading, a title and a language."""
    assert page.locator("main").count() == 1
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.title().strip()
    assert page.locator("html").get_attribute("lang") in {"de", "en"}


@pytest.mark.parametrize("path", ["/meine-daten/export.pdf", "/en/meine-daten/dokument/"])
def test_too_many_downloads_page_passes_axe_and_reflows(
    page_at, log_in_resident, resident, monkeypatch, path
):
    """Past the download limit: a 429 page in the portal layout, accessible at 320 px."""
    from munich_portal.audit import views

    monkeypatch.setattr(views, "DOWNLOADS_PER_HOUR", 0)
    narrow = log_in_resident(page_at(width=320, height=640))
    response = narrow.goto(path, wait_until="load")
    assert response is not None and response.status == 429
    assert_page_structure(narrow)
    assert narrow.locator("main a[href$='/meine-daten/']").count() == 1
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    # The way back to Meine Daten is reachable by keyboard.
    tab_to(narrow, "main a[href$='/meine-daten/']")
    with narrow.expect_navigation(wait_until="load"):
        narrow.keyboard.press("Enter")
    assert narrow.url.endswith("/meine-daten/"), narrow.url

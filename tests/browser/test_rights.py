"""The rights request form and the data-protection officer's view of a request in Chromium: axe
finds nothing, 320 CSS pixels need no horizontal scrolling, and both work by keyboard."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from munich_portal.audit.context import set_work_purpose
from munich_portal.rights.models import RightsRequest
from tests.appointments.factories import BookingFactory
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
from tests.participation.factories import RegistrationFactory

pytestmark = pytest.mark.browser

FORM = "/datenschutz/auskunft/"
NAME = "Kreszenz Wimmerbauer"
EMAIL = "kreszenz.wimmerbauer@example.org"


@pytest.mark.parametrize("path", [FORM, f"/en{FORM}"])
def test_the_form_passes_axe_and_reflows(page, page_at, path):
    visit(page, path)
    assert_page_structure(page)
    axe_check(page)
    narrow = page_at(width=320, height=640)
    visit(narrow, path)
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, f"rights-form-{path.strip('/').replace('/', '-')}-320")


def test_the_error_state_keeps_input_passes_axe_and_reflows(page_at):
    narrow = page_at(width=320, height=640)
    visit(narrow, f"/en{FORM}")
    narrow.locator("input[name=kind][value=access]").check()
    narrow.locator("input[name=name]").fill(NAME)
    narrow.locator("input[name=street]").fill("Quellenweg 17")
    submit_form_of(narrow, "input[name=name]")
    summary = narrow.locator(".error-summary")
    assert summary.count() == 1
    assert narrow.locator("input[name=street]").input_value() == "Quellenweg 17"
    assert narrow.locator("input[name=postal_code]").get_attribute("aria-invalid") == "true"
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, "rights-form-errors-320")


def test_the_form_works_by_keyboard_alone(page):
    visit(page, f"/en{FORM}")
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_to(page, "input[name=kind][value=access]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=kind][value=erasure]").is_checked()
    tab_to(page, "input[name=name]")
    page.keyboard.type(NAME)
    tab_to(page, "input[name=email]")
    page.keyboard.type(EMAIL)
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.url.endswith("/danke/")
    assert RightsRequest.objects.get().kind == "erasure"


@pytest.fixture
def officer_page(page, live_server) -> Page:
    officer = UserFactory(staff=True, roles=["Datenschutz"], mfa=True, email="dsb@example.org")
    client = Client()
    client.force_login(officer, backend=settings.AUTHENTICATION_BACKENDS[-1])
    session = client.session
    set_work_purpose(session, purpose="data_subject_rights")
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    return page


@pytest.fixture
def request_with_matches():
    RegistrationFactory(
        first_name="Kreszenz", last_name="Wimmerbauer", email=EMAIL, phone="089 7654321"
    )
    BookingFactory(name=NAME, email=EMAIL)
    return RightsRequest.objects.create(kind="erasure", name=NAME, email=EMAIL)


def test_the_officers_view_passes_axe_reflows_and_works_by_keyboard(
    officer_page, request_with_matches
):
    path = f"/en/admin/rights/rightsrequest/{request_with_matches.pk}/change/"
    visit(officer_page, path)
    assert officer_page.locator(".rights-record").count() == 2
    axe_check(officer_page)
    screenshot(officer_page, "admin-rights-request")

    # Confirm the identity by keyboard: the method, then the button.
    tab_to(officer_page, "select[name=method]")
    officer_page.locator("select[name=method]").select_option("email_reply")
    tab_to(officer_page, "form[action$='/identity/'] input[type=submit]")
    with officer_page.expect_navigation(wait_until="load"):
        officer_page.keyboard.press("Enter")
    request_with_matches.refresh_from_db()
    assert request_with_matches.identity_method == "email_reply"
    assert officer_page.locator("input[name=record]").count() == 2
    axe_check(officer_page)

    officer_page.set_viewport_size({"width": 320, "height": 640})
    visit(officer_page, path)
    assert_no_horizontal_scroll(officer_page)
    axe_check(officer_page)
    screenshot(officer_page, "admin-rights-request-320")


def test_the_officers_list_flags_overdue_requests_and_passes_axe(officer_page):
    import datetime as dt

    from django.utils import timezone

    RightsRequest.objects.create(
        kind="access",
        name=NAME,
        email=EMAIL,
        received_at=timezone.now() - dt.timedelta(days=45),
    )
    visit(officer_page, "/en/admin/rights/rightsrequest/?frist=overdue")
    assert officer_page.locator(".badge-overdue").count() == 1
    axe_check(officer_page)


def test_the_thanks_page_passes_axe_and_reflows(page, page_at):
    """After sending the form: the confirmation page, on the desktop and at 320 px."""
    visit(page, f"/en{FORM}")
    page.locator("input[name=kind][value=access]").check()
    page.locator("input[name=name]").fill(NAME)
    page.locator("input[name=email]").fill(EMAIL)
    submit_form_of(page, "input[name=name]")
    assert page.url.endswith("/danke/")
    assert_page_structure(page)
    axe_check(page)
    narrow = page_at(width=320, height=640)
    visit(narrow, f"{FORM}danke/")
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)


def test_meine_daten_with_guest_records_passes_axe_and_reflows(
    page, page_at, log_in_resident, resident
):
    """Records made without logging in under the account's verified address, in Meine Daten."""
    BookingFactory(name="Anna Huber", email=resident.email)
    RegistrationFactory(first_name="Anna", last_name="Huber", email=resident.email)
    log_in_resident(page)
    visit(page, "/meine-daten/ohne-konto/")  # their own page since issue 17, round 2
    assert page.locator("#guest-records-heading").count() == 1
    axe_check(page)
    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, "/meine-daten/ohne-konto/")
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    tab_to(narrow, "main a[href='/datenschutz/auskunft/']")

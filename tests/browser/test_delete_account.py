"""The deletion page in Chromium (issue 14): it lists what will be cancelled, deleted and kept
anonymised; axe-core finds nothing in the normal and the error state, it reflows at 320 CSS
pixels, and a resident deletes their account with the keyboard alone and without JavaScript."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page

from participation import actions as participation
from participation.models import Registration
from tests.browser.support import (
    assert_focus_visible,
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    submit_form_of,
    tab_to,
    visit,
)
from tests.factories import DEFAULT_PASSWORD
from tests.online_requests.factories import published_service, submitted_request
from tests.participation.factories import EventFactory, RegistrationFactory, person
from tests.results.factories import IdeaFactory

pytestmark = pytest.mark.browser

URL = "/konto/loeschen/"


@pytest.fixture
def busy_resident(resident):
    """Registered for an event ahead and one past, with an open request and an idea."""
    ahead = EventFactory(
        title_de="Werkstatt Innenstadt", title_en="Workshop Innenstadt", capacity=1
    )
    participation.register(
        event=ahead,
        channel="online",
        person=person(1),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
        user=resident,
    )
    starts = timezone.now() - dt.timedelta(days=5)
    past = EventFactory(
        title_de="Infoabend Altstadt",
        title_en="Information evening Altstadt",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    RegistrationFactory(event=past, user=resident, checked_in_at=starts)
    submitted_request(published_service(), user=resident)
    IdeaFactory(author=resident)
    return resident


@pytest.mark.parametrize("path", [URL, f"/en{URL}"])
def test_the_deletion_page_passes_axe_and_reflows(
    page, page_at, log_in_resident, busy_resident, path
):
    log_in_resident(page)
    visit(page, path)
    assert_page_structure(page)
    main = page.locator("main")
    assert main.get_by_role("heading", level=2).count() >= 3
    cancelled = main.locator("section[aria-labelledby=erasure-cancelled]").inner_text()
    assert "Werkstatt Innenstadt" in cancelled or "Workshop Innenstadt" in cancelled
    kept = main.locator("section[aria-labelledby=erasure-anonymised]").inner_text()
    assert "Infoabend Altstadt" in kept or "Information evening Altstadt" in kept
    assert main.locator("#erasure-warnings").count() == 1  # the open request
    axe_check(page)

    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, path)
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, f"delete-account-{path.strip('/').replace('/', '-')}-320")


def test_the_error_state_passes_axe_and_reflows(page_at, log_in_resident, busy_resident):
    """No confirmation: the error summary links to the field, nothing is lost."""
    narrow = log_in_resident(page_at(width=320, height=640))
    visit(narrow, URL)
    narrow.locator("input[name=contributions][value=keep]").check()
    narrow.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    submit_form_of(narrow, "input[name=password]")

    summary = narrow.locator(".error-summary")
    assert summary.count() == 1
    assert summary.get_by_role("link").first.get_attribute("href") == "#id_confirm"
    assert narrow.locator("input[name=contributions][value=keep]").is_checked()
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, "delete-account-error-320")
    assert get_user_model().objects.filter(pk=busy_resident.pk).exists()


def test_deleting_with_the_keyboard_alone_and_without_javascript(
    page_at, log_in_resident, busy_resident
):
    page: Page = log_in_resident(page_at(java_script_enabled=False))
    visit(page, URL)
    # The radio group: Tab reaches the selected button, the arrow keys choose.
    tab_to(page, "input[name=contributions][value=delete]")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=contributions][value=keep]").is_checked()
    tab_to(page, "input[name=password]")
    page.keyboard.type(DEFAULT_PASSWORD)
    tab_to(page, "input[name=confirm]")
    page.keyboard.press("Space")
    assert page.locator("input[name=confirm]").is_checked()
    tab_to(page, "main form button[type=submit]")
    assert_focus_visible(page)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    assert urlsplit(page.url).path == "/"  # the home page
    assert not get_user_model().objects.filter(pk=busy_resident.pk).exists()
    assert not Registration.objects.filter(event__title_de="Werkstatt Innenstadt").exists()

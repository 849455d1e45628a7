"""A staff member who tries to delete their own account (issue 11): by keyboard, at 320 px."""

import pytest
from playwright.sync_api import expect

from munich_portal.core.roles import Role
from tests.browser.support import (
    assert_no_horizontal_scroll,
    axe_check,
    enter_totp_code,
    log_in,
    screenshot,
    tab_to,
)
from tests.factories import DEFAULT_PASSWORD, UserFactory, current_totp_code

pytestmark = pytest.mark.browser


def test_staff_reach_the_explanation_instead_of_the_deletion_by_keyboard(page_at):
    """From Mein Konto, "Delete account" leads a staff member to the explanation that an
    administrator deactivates staff accounts; the page passes axe, fits 320 px and leads back."""
    staff = UserFactory(staff=True, mfa=True, roles=[Role.EVENTS])
    page = page_at(width=320, height=640)
    log_in(page, staff.email, DEFAULT_PASSWORD, next_path="/konto/")
    enter_totp_code(page, current_totp_code())
    assert page.url.endswith("/konto/"), page.url

    tab_to(page, "main a[href='/konto/loeschen/']")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dienstkonten werden hier nicht gelöscht"
    )
    assert page.locator("main input[name=password]").count() == 0, "no deletion form"
    assert_no_horizontal_scroll(page)
    axe_check(page)
    screenshot(page, "staff-delete-account-320")

    tab_to(page, "main a[href='/konto/']")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.url.endswith("/konto/")
    staff.refresh_from_db()
    assert staff.is_active

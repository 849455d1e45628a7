"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page, logged out or in (issue 6).

Error states count as pages too: a form sent back with errors must stay accessible.
"""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.support import (
    ACCOUNT_PAGES,
    CONTENT_PAGES,
    PUBLIC_PAGES,
    REAUTHENTICATED_PAGES,
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    submit_form_of,
    tab_to,
    visit,
)
from tests.factories import DEFAULT_PASSWORD

CONFIRM_LINK = re.compile(r"https?://\S+/konto/confirm-email/\S+?/")
RESET_LINK = re.compile(r"https?://\S+/konto/password/reset/key/\S+?/")

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page, path):
    """Every page reachable without an account passes axe's WCAG A/AA rules."""
    visit(page, path)
    assert_page_structure(page)
    axe_check(page)


@pytest.mark.parametrize("path", ACCOUNT_PAGES + CONTENT_PAGES)
def test_page_of_logged_in_resident_has_no_axe_violations(resident_page, path):
    """Logged in, the account pages and the content pages (with the account header) pass axe."""
    visit(resident_page, path)
    assert_page_structure(resident_page)
    axe_check(resident_page)


@pytest.mark.parametrize("path", REAUTHENTICATED_PAGES)
def test_page_behind_reauthentication_has_no_axe_violations(resident_page, path):
    """Pages that ask for the password again pass axe: the password prompt and the page itself."""
    page = resident_page
    page.goto(path, wait_until="load")
    assert "/konto/reauthenticate/" in page.url, f"{path} did not ask for the password again"
    assert_page_structure(page)
    axe_check(page)

    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    submit_form_of(page, "input[name=password]")
    assert urlsplit(page.url).path == path
    assert_page_structure(page)
    axe_check(page)


def test_login_with_wrong_password_shows_accessible_errors(page, resident):
    """A failed login says so, keeps the e-mail address, and passes axe."""
    visit(page, "/konto/login/")
    page.locator("input[name=login]").fill(resident.email)
    page.locator("input[name=password]").fill("falsches-Passwort-1")
    submit_form_of(page, "input[name=password]")

    assert "/konto/login/" in page.url
    assert page.locator("input[name=login]").input_value() == resident.email
    assert page.locator("main").get_by_role("alert").count() >= 1, "the error is not announced"
    screenshot(page, "login-errors-desktop")
    axe_check(page)


def test_signup_with_invalid_input_shows_accessible_errors(page, resident):
    """A sign-up with a taken address and unequal passwords is sent back accessibly."""
    visit(page, "/konto/signup/")
    page.locator("input[name=email]").fill("neu@example.org")
    page.locator("input[name=password1]").fill("kurz")
    page.locator("input[name=password2]").fill("anders")
    submit_form_of(page, "input[name=password1]")

    assert "/konto/signup/" in page.url
    assert page.locator("[aria-invalid=true]").count() >= 1, "no field is marked invalid"
    assert page.locator("input[name=email]").input_value() == "neu@example.org"
    screenshot(page, "signup-errors-desktop")
    axe_check(page)


def test_signup_sent_empty_shows_accessible_errors(page):
    """Sending the sign-up form empty (the browser's own checks switched off) passes axe."""
    visit(page, "/konto/signup/")
    page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    submit_form_of(page, "input[name=password1]")

    assert "/konto/signup/" in page.url
    assert page.locator("[aria-invalid=true]").count() >= 1, "no field is marked invalid"
    axe_check(page)


def test_login_sent_empty_shows_accessible_errors(page):
    """Sending the login form empty (the browser's own checks switched off) passes axe."""
    visit(page, "/konto/login/")
    page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    submit_form_of(page, "input[name=password]")

    assert "/konto/login/" in page.url
    assert page.locator("[aria-invalid=true]").count() >= 1, "no field is marked invalid"
    axe_check(page)


def test_delete_account_with_wrong_input_shows_accessible_errors(resident_page):
    """Deleting the account with a wrong password and no confirmation is refused accessibly."""
    page = resident_page
    visit(page, "/konto/loeschen/")
    page.locator("input[name=password]").fill("falsches-Passwort-1")
    submit_form_of(page, "input[name=password]")

    assert "/konto/loeschen/" in page.url
    assert page.locator("[aria-invalid=true]").count() == 2, "password and confirmation invalid"
    summary_links = page.get_by_role("alert").get_by_role("link")
    assert summary_links.count() == 2, "the error summary links to both fields"
    screenshot(page, "delete-account-errors-desktop")
    axe_check(page)


def test_error_summary_links_move_focus_to_the_field(resident_page):
    """Following a link in the error summary puts the keyboard focus into that field."""
    page = resident_page
    visit(page, "/konto/loeschen/")
    submit_form_of(page, "input[name=password]")

    link = page.get_by_role("alert").get_by_role("link").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.name === 'password'")


def test_password_reset_for_unknown_address_passes_axe(page):
    """Asking for a reset for any address leads to a page that passes axe (no enumeration)."""
    visit(page, "/konto/password/reset/")
    page.locator("input[name=email]").fill("niemand@example.org")
    submit_form_of(page, "input[name=email]")

    assert "/konto/password/reset/" in page.url
    assert_page_structure(page)
    axe_check(page)


def test_staff_admin_index_after_mfa_login_has_no_axe_violations(page, log_in_staff):
    """A staff member logs in with password and TOTP code; the admin index passes axe."""
    log_in_staff(page)

    assert page.url.endswith("/admin/"), f"not in the admin after the second factor: {page.url}"
    assert page.get_by_role("heading", level=1).count() >= 1
    screenshot(page, "admin-index-desktop")
    axe_check(page)


def test_not_found_page_has_no_axe_violations(page):
    """The 404 page is a page of the portal too: layout, heading, no violations."""
    response = page.goto("/gibt-es-nicht/", wait_until="load")
    assert response is not None and response.status == 404
    assert_page_structure(page)
    axe_check(page)


def test_logout_confirmation_page_has_no_axe_violations(resident_page):
    """The page that asks whether to log out (without JavaScript, a GET) passes axe."""
    visit(resident_page, "/konto/logout/")
    assert_page_structure(resident_page)
    axe_check(resident_page)


def test_sign_up_and_confirmation_pages_have_no_axe_violations(page, mailoutbox):
    """After signing up (with the optional name): the "check your mail" page and the
    confirmation page pass axe."""
    visit(page, "/konto/signup/")
    page.locator("input[name=full_name]").fill("Neu Angemeldet")
    page.locator("input[name=email]").fill("neu.angemeldet@example.org")
    page.locator("input[name=password1]").fill("Ganz-neues-Passwort-7")
    page.locator("input[name=password2]").fill("Ganz-neues-Passwort-7")
    submit_form_of(page, "input[name=password1]")
    assert "/konto/signup/" not in page.url, "the sign-up was not accepted"
    assert_page_structure(page)
    axe_check(page)

    link = CONFIRM_LINK.search(mailoutbox[0].body)
    assert link, mailoutbox[0].body
    page.goto(link.group(0), wait_until="load")
    assert_page_structure(page)
    axe_check(page)


def test_password_reset_from_mail_has_no_axe_violations(page, resident, mailoutbox):
    """The set-a-new-password page from the reset mail passes axe, also with errors."""
    visit(page, "/konto/password/reset/")
    page.locator("input[name=email]").fill(resident.email)
    submit_form_of(page, "input[name=email]")
    link = RESET_LINK.search(mailoutbox[0].body)
    assert link, mailoutbox[0].body

    page.goto(link.group(0), wait_until="load")
    assert page.locator("input[name=password1]").count() == 1, f"no new-password form: {page.url}"
    assert_page_structure(page)
    axe_check(page)

    page.locator("input[name=password1]").fill("Neues-Passwort-2025")
    page.locator("input[name=password2]").fill("Anderes-Passwort-2025")
    submit_form_of(page, "input[name=password1]")
    assert page.locator("[aria-invalid=true]").count() >= 1, "the mismatch is not marked"
    axe_check(page)


def test_mfa_pages_of_staff_member_have_no_axe_violations(page, log_in_staff):
    """With TOTP active, the two-factor overview and the recovery codes pass axe."""
    log_in_staff(page)
    visit(page, "/konto/2fa/")
    assert_page_structure(page)
    axe_check(page)

    page.goto("/konto/2fa/recovery-codes/", wait_until="load")
    if "/reauthenticate/" in page.url:
        assert_page_structure(page)
        axe_check(page)
        page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
        submit_form_of(page, "input[name=password]")
    assert urlsplit(page.url).path == "/konto/2fa/recovery-codes/", page.url
    assert_page_structure(page)
    axe_check(page)


@pytest.mark.parametrize("width", [1280, 320])
def test_the_page_for_a_form_without_a_security_token_passes_axe_fits_and_works_by_keyboard(
    page_at, width
):
    """A form sent without the CSRF cookie (cookies blocked, or cleared while the page was open)
    gets the portal's page: axe passes, it fits 320 px, its links are reached by Tab."""
    page = page_at(width=width)
    visit(page, "/barriere-melden/")
    page.context.clear_cookies()
    page.locator("textarea[name=description]").fill("Der Kontrast ist zu schwach.")
    submit_form_of(page, "textarea[name=description]")

    assert page.locator("h1").inner_text() == "Das Formular konnte nicht gesendet werden"
    assert page.get_by_text("Bitte erlauben Sie Cookies").count() == 1
    screenshot(page, f"csrf-failure-{width}")
    axe_check(page)
    assert_no_horizontal_scroll(page)
    tab_to(page, "main a[href='/']")

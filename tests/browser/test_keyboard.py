"""Keyboard only: the skip link, visible focus, and a whole account journey without a click.

WCAG 2.1.1 (Keyboard), 2.4.1 (Bypass Blocks), 2.4.3 (Focus Order), 2.4.7 (Focus Visible).
"""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.browser.support import assert_focus_visible, focused, tab_to, visit

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"https?://\S+/konto/confirm-email/\S+?/")


@pytest.mark.parametrize("path", ["/", "/en/", "/konto/login/", "/datenschutz/"])
def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page, path):
    """The first Tab shows the skip link; Enter on it puts the focus on the main content."""
    visit(page, path)

    page.keyboard.press("Tab")
    first = assert_focus_visible(page)
    assert first["tag"] == "a", f"first Tab stop is {first}, not the skip link"
    leads_to_main = page.evaluate(
        "() => document.querySelector(document.activeElement.hash)"
        " === document.querySelector('main')"
    )
    assert leads_to_main, f"the first link {first['href']} does not lead to <main>"
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
    assert box["top"] >= 0 and box["left"] >= 0 and box["width"] > 0, "skip link stays hidden"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement === document.querySelector('main')")

    page.keyboard.press("Tab")
    after = focused(page)
    assert after is not None and after["inMain"], f"Tab after the skip link went to {after}"


@pytest.mark.parametrize("path", ["/", "/konto/login/", "/konto/signup/"])
def test_every_tab_stop_shows_visible_focus(page, path):
    """Tabbing through a whole page, every focused element draws a focus indicator."""
    visit(page, path)
    seen = 0
    for _ in range(80):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None:  # past the last element, focus left the document
            break
        assert element["indicator"], f"no visible focus on {element} at {path}"
        seen += 1
    assert seen >= 5, f"only {seen} Tab stops on {path}"


def test_keyboard_only_sign_up_verify_log_in_reaches_my_account(page, mailoutbox):
    """Sign up, confirm the address and log in with Tab, typing and Enter alone: no click."""
    email = "tastatur@example.org"
    password = "Tastatur-Weg-2025"

    visit(page, "/konto/signup/")
    tab_to(page, "input[name=email]")
    page.keyboard.type(email)
    tab_to(page, "input[name=password1]")
    page.keyboard.type(password)
    tab_to(page, "input[name=password2]")
    page.keyboard.type(password)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert "/konto/signup/" not in page.url, "the sign-up form was not accepted"

    assert len(mailoutbox) == 1, "one verification e-mail"
    assert mailoutbox[0].to == [email]
    link = CONFIRM_LINK.search(mailoutbox[0].body)
    assert link, f"no confirmation link in: {mailoutbox[0].body}"

    page.goto(link.group(0), wait_until="load")
    tab_to(page, "main form button, main form [type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert EmailAddress.objects.get(email=email).verified

    if "/konto/login/" not in page.url:
        visit(page, "/konto/login/")
    tab_to(page, "input[name=login]")
    page.keyboard.type(email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(password)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    assert page.url.endswith("/konto/"), f"not in Mein Konto after the login: {page.url}"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_text(email).first.is_visible()

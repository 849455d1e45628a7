"""Reflow and text size: every page fits 320 CSS pixels and takes 200 % text without clipping.

WCAG 1.4.10 (Reflow: 320 px, no horizontal scrolling) and 1.4.4 (Resize Text: 200 %).
"""

import pytest

from tests.browser.support import (
    ACCOUNT_PAGES,
    CONTENT_PAGES,
    PUBLIC_PAGES,
    assert_no_horizontal_scroll,
    set_text_size,
    submit_form_of,
    visit,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_fits_320_pixels(narrow_page, path):
    """At 320 CSS pixels wide a page needs no horizontal scrolling."""
    visit(narrow_page, path)
    assert_no_horizontal_scroll(narrow_page)


@pytest.mark.parametrize("path", ACCOUNT_PAGES + CONTENT_PAGES)
def test_logged_in_page_fits_320_pixels(narrow_page, log_in_resident, path):
    """Logged in (a longer navigation), a page still fits 320 CSS pixels."""
    log_in_resident(narrow_page)
    visit(narrow_page, path)
    assert_no_horizontal_scroll(narrow_page)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_takes_200_percent_text(page, path):
    """With the text at 200 % the page reflows instead of scrolling sideways or clipping."""
    visit(page, path)
    set_text_size(page, 200)
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("path", ACCOUNT_PAGES + CONTENT_PAGES)
def test_logged_in_page_takes_200_percent_text(resident_page, path):
    """Logged in, the pages take 200 % text without horizontal scrolling."""
    visit(resident_page, path)
    set_text_size(resident_page, 200)
    assert_no_horizontal_scroll(resident_page)


def test_login_errors_fit_320_pixels(narrow_page):
    """The error summary and inline errors of a failed login fit 320 CSS pixels."""
    visit(narrow_page, "/konto/login/")
    narrow_page.locator("input[name=login]").fill("unbekannt-mit-langer-adresse@example.org")
    narrow_page.locator("input[name=password]").fill("falsch-falsch-falsch")
    submit_form_of(narrow_page, "input[name=password]")
    assert "/konto/login/" in narrow_page.url
    assert_no_horizontal_scroll(narrow_page)


def test_text_at_200_percent_is_twice_as_large(page):
    """The text-size switch used above really doubles the body text (guards the other tests)."""
    visit(page, "/")
    before = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    set_text_size(page, 200)
    after = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert after == pytest.approx(2 * before)

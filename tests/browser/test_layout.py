"""Layout at phone and desktop width, with screenshots to look at (test-artifacts/screenshots/).

The screenshots are for people reviewing the design; the assertions check what a screenshot
would show going wrong: controls on top of each other, a header that eats the screen.
"""

import pytest

from tests.browser.support import screenshot, submit_form_of, visit

pytestmark = pytest.mark.browser

_OVERLAPS = """(selector) => {
  const boxes = [...document.querySelectorAll(selector)]
    .filter((element) => element.offsetParent !== null)
    .map((element) => ({text: element.textContent.trim(), box: element.getBoundingClientRect()}));
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box, b = boxes[j].box;
      const apart = a.right - 1 <= b.left || b.right - 1 <= a.left ||
        a.bottom - 1 <= b.top || b.bottom - 1 <= a.top;
      if (!apart) {
        overlaps.push(`${boxes[i].text} / ${boxes[j].text}`);
      }
    }
  }
  return overlaps;
}"""

CONTROLS = "header a, header button, main a, main button, main input, footer a"


def header_height(page) -> float:
    return page.locator("header").first.bounding_box()["height"]


def test_home_page_at_desktop_width(page):
    """On a desktop the header is one slim row and nothing overlaps."""
    visit(page, "/")
    screenshot(page, "home-desktop")
    assert header_height(page) < 100
    assert page.evaluate(_OVERLAPS, CONTROLS) == []


def test_home_page_at_320_pixels(narrow_page):
    """At 320 px the header wraps without overlapping and leaves most of the screen to content."""
    visit(narrow_page, "/")
    screenshot(narrow_page, "home-320")
    assert narrow_page.evaluate(_OVERLAPS, CONTROLS) == []
    assert header_height(narrow_page) < 0.4 * 640, "the header takes most of a phone screen"
    # The search field (a combobox once search-suggest.js has enhanced it) is on screen.
    assert narrow_page.locator("form[role=search] input[name=q]").is_visible()


def test_my_account_at_desktop_and_320_pixels(page, narrow_page, log_in_resident):
    """Mein Konto shows the resident's address and settings, without overlaps, at both widths."""
    for name, current in (("my-account-desktop", page), ("my-account-320", narrow_page)):
        log_in_resident(current)
        visit(current, "/konto/")
        screenshot(current, name)
        assert current.evaluate(_OVERLAPS, CONTROLS) == [], name
        assert current.get_by_text("anna.huber@example.org").first.is_visible()


def test_login_errors_at_320_pixels(narrow_page):
    """The error summary of a failed login is readable at 320 px and sits above the form."""
    page = narrow_page
    visit(page, "/konto/login/")
    page.locator("input[name=login]").fill("jemand@example.org")
    page.locator("input[name=password]").fill("falsch-falsch-falsch")
    submit_form_of(page, "input[name=password]")
    screenshot(page, "login-errors-320")

    summary = page.locator("main").get_by_role("alert").first
    assert summary.is_visible()
    summary_box = summary.bounding_box()
    assert summary_box["x"] >= 0 and summary_box["x"] + summary_box["width"] <= 320
    assert summary_box["y"] < page.locator("input[name=login]").bounding_box()["y"]
    assert page.evaluate(_OVERLAPS, CONTROLS) == []

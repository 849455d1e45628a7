"""Helpers for the browser tests: axe-core, reflow, keyboard, login and screenshots.

Plain functions on a Playwright ``Page``; the fixtures that make pages and users are in
``conftest.py``. The tests address pages by URL and by role or form-field name (the POST
parameters), not by markup, so that template rewrites do not break them.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

# WCAG 2.0, 2.1 and 2.2, levels A and AA: the conformance target of the portal (PRODUCT.md §6).
# axe-core 4.12 has no "wcag22a" rule; its WCAG 2.2 rule (target-size, 2.5.8) is "wcag22aa".
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Every page the platform has so far. Anonymous pages and the pages behind the login.
PUBLIC_PAGES = [
    "/",
    "/en/",
    "/konto/login/",
    "/konto/signup/",
    "/konto/password/reset/",
    "/datenschutz/",
    "/impressum/",
    "/kontakt/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/barriere-melden/",
]
CONTENT_PAGES = [
    "/",
    "/en/",
    "/datenschutz/",
    "/impressum/",
    "/kontakt/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/barriere-melden/",
]
ACCOUNT_PAGES = [
    "/konto/",
    "/konto/email/",
    "/konto/password/change/",
    "/konto/2fa/",
    "/konto/loeschen/",
]
# allauth asks for the password again before MFA changes, whatever the age of the login.
REAUTHENTICATED_PAGES = ["/konto/2fa/totp/activate/"]


# --- navigation ---------------------------------------------------------------------------------
def visit(page: Page, path: str) -> None:
    """Open ``path`` and fail unless it answers 200 there (a redirect elsewhere fails too)."""
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == 200, f"{path} answered {response.status} ({response.url})"
    assert urlsplit(page.url).path == urlsplit(path).path, f"{path} redirected to {page.url}"


# --- axe-core -----------------------------------------------------------------------------------
def axe_violations(page: Page) -> list[dict]:
    """Run axe-core with the WCAG A/AA rules on the page as it is and return its violations.

    ``page.evaluate`` runs the bundled script through the DevTools protocol, which the page's
    strict CSP does not govern; no script tag is injected.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "(options) => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return result["violations"]


def format_violations(violations: list[dict], url: str) -> str:
    lines = [f"axe-core found {len(violations)} WCAG A/AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            html = re.sub(r"\s+", " ", node["html"])[:300]
            summary = re.sub(r"\s*\n\s*", " | ", node.get("failureSummary", "")).strip()
            lines.append(f"    * {target}\n      {html}\n      {summary}")
    return "\n".join(lines)


def axe_check(page: Page) -> None:
    """Fail the test listing every WCAG 2.0/2.1/2.2 A and AA violation axe-core finds, per node."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(format_violations(violations, page.url), pytrace=False)


def assert_page_structure(page: Page) -> None:
    """One main landmark, a top-level heading, a title and a language: what every page needs."""
    assert page.locator("main").count() == 1, f"{page.url} needs exactly one <main>"
    assert page.get_by_role("heading", level=1).count() >= 1, f"{page.url} has no h1"
    assert page.title().strip(), f"{page.url} has no title"
    assert page.locator("html").get_attribute("lang") in {"de", "en"}, f"{page.url}: lang"


# --- reflow and zoom ----------------------------------------------------------------------------
_OVERFLOW_SCRIPT = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const offenders = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      const style = getComputedStyle(element);
      if (style.position === 'absolute' && box.right < 0) continue;  // parked skip link
      const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
        (element.classList.length ? '.' + [...element.classList].join('.') : '');
      offenders.push(`${name} [${Math.round(box.left)}..${Math.round(box.right)}]`);
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, offenders: offenders.slice(0, 15)};
}"""


def assert_no_horizontal_scroll(page: Page) -> None:
    """The page fits its viewport's width: no horizontal scrolling (WCAG 1.4.10 Reflow)."""
    page.wait_for_load_state("load")
    measure = page.evaluate(_OVERFLOW_SCRIPT)
    assert measure["scrollWidth"] <= measure["clientWidth"], (
        f"{page.url} scrolls horizontally: scrollWidth {measure['scrollWidth']} > "
        f"clientWidth {measure['clientWidth']}; elements beyond the edge: {measure['offenders']}"
    )


def set_text_size(page: Page, percent: int) -> None:
    """Scale the root font size, as a browser's text-only zoom does (WCAG 1.4.4).

    Setting a style through the CSSOM is not an inline style in the markup, so the CSP allows it.
    """
    page.evaluate("(size) => { document.documentElement.style.fontSize = size; }", f"{percent}%")


# --- keyboard -----------------------------------------------------------------------------------
_FOCUS_SCRIPT = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    tag: element.tagName.toLowerCase(),
    name: element.getAttribute('name') || '',
    type: element.getAttribute('type') || '',
    text: (element.innerText || element.value || '').trim().slice(0, 60),
    href: element.getAttribute('href') || '',
    inMain: Boolean(element.closest('main')),
    focusVisible: element.matches(':focus-visible'),
    indicator: outline || shadow,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    boxShadow: style.boxShadow,
  };
}"""


def focused(page: Page) -> dict | None:
    """What has the keyboard focus, and whether its focus is drawn (outline or box shadow)."""
    return page.evaluate(_FOCUS_SCRIPT)


def assert_focus_visible(page: Page) -> dict:
    """The focused element shows a focus indicator (WCAG 2.4.7 Focus Visible)."""
    element = focused(page)
    assert element is not None, f"nothing has focus on {page.url}"
    assert element["indicator"], f"focus is not visible on {element} at {page.url}"
    return element


def tab_to(page: Page, selector: str, *, max_tabs: int = 60) -> dict:
    """Press Tab until ``selector`` has focus, checking the focus indicator at every stop.

    Fails when the element cannot be reached by Tab (WCAG 2.1.1 Keyboard).
    """
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if focused(page) is None:  # past the last element: the focus left the document
            continue
        element = assert_focus_visible(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return element
    pytest.fail(f"{selector} not reached with {max_tabs} presses of Tab on {page.url}")


# --- accounts -----------------------------------------------------------------------------------
def log_in(page: Page, email: str, password: str, *, next_path: str = "") -> None:
    """Log in through the portal's login form; returns once the next page has loaded."""
    path = "/konto/login/" + (f"?next={next_path}" if next_path else "")
    visit(page, path)
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation(wait_until="load"):
        page.locator("input[name=password]").press("Enter")
    assert "/konto/login/" not in page.url, f"login failed for {email}: still on {page.url}"


def staff_session(page: Page, user, live_server, purpose: str) -> Page:
    """Give ``page`` a session of ``user`` (logged in, purpose of work ``purpose`` chosen), as
    after the login and the purpose page: for tests of one staff page, not of the login."""
    from django.conf import settings
    from django.test import Client

    from munich_portal.audit.context import SESSION_PURPOSE_KEY

    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    session = client.session
    session[SESSION_PURPOSE_KEY] = purpose
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


def enter_totp_code(page: Page, code: str) -> None:
    """Answer allauth's second-factor step with an authenticator code."""
    code_input = page.locator("input[name=code]")
    code_input.fill(code)
    with page.expect_navigation(wait_until="load"):
        code_input.press("Enter")


def submit_form_of(page: Page, field_selector: str) -> None:
    """Submit the form that holds ``field_selector`` with its default button, and wait.

    The default button is the form's first own submit button (a button with a ``form``
    attribute, such as allauth's "Cancel", belongs to another form).
    """
    form = page.locator("main form").filter(has=page.locator(field_selector))
    own_button = ":is(button[type=submit], button:not([type]), input[type=submit]):not([form])"
    with page.expect_navigation(wait_until="load"):
        form.locator(own_button).first.click()


# --- screenshots --------------------------------------------------------------------------------
def screenshot(page: Page, name: str) -> Path | None:
    """Save a full-page PNG to test-artifacts/screenshots/<name>.png (git-ignored).

    The picture is for people reviewing the pages, not an assertion: Chromium on a loaded CI
    machine sometimes refuses a capture ("Unable to capture screenshot"), so it is tried three
    times and then skipped with a warning rather than failing the test that took it.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    for attempt in range(3):
        try:
            page.screenshot(path=str(path), full_page=True, animations="disabled")
        except PlaywrightError as error:
            if "capture" not in str(error).lower():
                raise
            page.wait_for_timeout(250 * (attempt + 1))
        else:
            return path
    warnings.warn(f"screenshot {name} could not be captured", stacklevel=2)
    return None

"""Fixtures for the browser tests: Debian's Chromium through Playwright, against ``live_server``.

Playwright cannot download its own browsers on these machines (docs: TOOLING.md), so the tests
launch the system Chromium. Without it they ERROR with a message saying what to install; a
skipped accessibility suite would look green while checking nothing.

Each xdist worker has its own Chromium, live server and test database. pytest-playwright keeps
one browser per worker and gives every test a fresh context (cookies, storage), so tests do not
leak sessions into each other. Using ``live_server`` makes a test transactional: the data a test
creates is visible to the server thread and flushed afterwards.
"""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import enter_totp_code, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, current_totp_code

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    """Every test in tests/browser is a browser test, so ``-m "not browser"`` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium; its absence is an error, never a skip."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. The browser tests need it: "
            "`apt-get install -y chromium` (or set PORTAL_CHROMIUM to its path).",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """Pages open relative paths on this worker's live server: ``page.goto("/konto/")``."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every context speaks German, in Munich's time zone."""
    return {**browser_context_args, "locale": "de-DE", "timezone_id": "Europe/Berlin"}


@pytest.fixture
def context(new_context) -> BrowserContext:
    """The context of pytest-playwright's ``page``: a desktop window."""
    context = new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page_at(new_context) -> Callable[..., Page]:
    """A page at another viewport or with other context options: ``page_at(width=320)``."""

    def make(*, width: int = 1280, height: int = 800, **context_options) -> Page:
        context = new_context(viewport={"width": width, "height": height}, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    return make


@pytest.fixture
def narrow_page(page_at) -> Page:
    """A page 320 CSS pixels wide: the width WCAG 1.4.10 (Reflow) asks content to fit."""
    return page_at(**NARROW)


# --- users ---------------------------------------------------------------------------------------
@pytest.fixture
def resident():
    """A resident with a verified e-mail address and the factories' default password."""
    return UserFactory(email="anna.huber@example.org", full_name="Anna Huber")


@pytest.fixture
def staff_user():
    """A staff member with TOTP set up, allowed everything in the admin."""
    return UserFactory(
        email="sachbearbeitung@muenchen.example",
        full_name="Sepp Sachbearbeiter",
        staff=True,
        is_superuser=True,
        mfa=True,
    )


@pytest.fixture
def log_in_resident(resident, live_server) -> Callable[[Page], Page]:
    """Give a page the session of the logged-in resident: ``log_in_resident(page)``.

    A session cookie made by Django's test client, not the login form: most tests only need to
    be logged in, and the form has tests of its own (``log_in``, the keyboard journey).
    """

    def do(page: Page) -> Page:
        client = Client()
        client.force_login(resident, backend=settings.AUTHENTICATION_BACKENDS[-1])
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
def resident_page(page, log_in_resident) -> Page:
    """A desktop page with the resident logged in."""
    return log_in_resident(page)


@pytest.fixture
def log_in_staff(staff_user) -> Callable[[Page], Page]:
    """Log the staff member in with password and authenticator code; ends in the admin."""

    def do(page: Page) -> Page:
        log_in(page, staff_user.email, DEFAULT_PASSWORD, next_path="/admin/")
        assert "/2fa/authenticate/" in page.url, f"no second-factor step, at {page.url}"
        enter_totp_code(page, current_totp_code())
        return page

    return do

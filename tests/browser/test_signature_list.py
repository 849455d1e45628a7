"""A clerk types in a signature list with the keyboard alone (issue 15, part 2): from the
``/erfassung/`` page to the list of one idea, lines saved with Enter, a wrong postal code, a person
already on the list and the name of an online supporter; axe-core on every step, reflow at 320 px.

The assertions use structure, field names and data rather than wording.

WCAG 2.1.1 (Keyboard), 2.4.3 (Focus Order), 3.3.1 (Error Identification), 1.4.10 (Reflow).
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from ideas import actions
from ideas.models import Idea, Support
from tests.browser.support import (
    assert_focus_visible,
    assert_no_horizontal_scroll,
    axe_check,
    focused,
    tab_to,
    visit,
)
from tests.factories import UserFactory
from tests.ideas.conftest import make_idea, make_process

pytestmark = pytest.mark.browser


@pytest.fixture
def idea(transactional_db):
    process = make_process("during", slug="innenstadt")
    idea = make_idea(process, title="Mehr Bänke")
    maria = UserFactory(email="maria@example.org", full_name="Maria Müller")
    actions.toggle_support(idea=idea, user=maria)
    return idea


@pytest.fixture
def clerk_page(page, live_server, transactional_db) -> Page:
    clerk = UserFactory(
        email="erfassung@muenchen.example", staff=True, roles=["Erfassung"], mfa=True
    )
    client = Client()
    client.force_login(clerk, backend=settings.AUTHENTICATION_BACKENDS[-1])
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


def _follow(page: Page, selector: str) -> None:
    """Tab to a link and press Enter."""
    tab_to(page, selector)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    axe_check(page)


def _type_line(page: Page, name: str, code: str) -> None:
    """Name, Tab, postal code, Enter — starting in the focused name field."""
    assert focused(page)["name"] == "name", focused(page)
    assert_focus_visible(page)
    page.keyboard.press("Control+A")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "postal_code"
    page.keyboard.press("Control+A")
    page.keyboard.type(code)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def _error_shown(page: Page, field: str) -> None:
    """The error summary has the focus and the field carries its error."""
    assert page.locator("main .error-summary").count() == 1
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.locator(f"input[name={field}][aria-invalid=true]").count() == 1
    axe_check(page)


def test_keyboard_only_clerk_types_in_a_signature_list(clerk_page, idea):
    page = clerk_page
    visit(page, "/erfassung/")
    axe_check(page)
    _follow(page, "main a[href='/erfassung/ideen/']")
    _follow(page, "main a[href='/erfassung/ideen/innenstadt/unterschriften/']")
    _follow(page, f"main a[href='/erfassung/ideen/innenstadt/unterschriften/{idea.pk}/']")

    # Typing starts in the name field; Enter saves the line and the next one starts there again.
    _type_line(page, "Gertrud Huber", "80331")
    axe_check(page)
    assert page.locator("main table tbody tr").count() == 1
    assert page.locator("input[name=channel][value=paper]").is_checked()
    _type_line(page, "Josef Brandl", "8046")  # a digit short

    _error_shown(page, "postal_code")
    assert page.locator("input[name=name]").input_value() == "Josef Brandl"  # input kept
    tab_to(page, "input[name=postal_code]")
    page.keyboard.press("Control+A")
    page.keyboard.type("80469")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    axe_check(page)
    assert page.locator("main table tbody tr").count() == 2

    # The same person again, written differently: reported next to the name, not counted.
    _type_line(page, "HUBER, Gertrud", "80331")
    _error_shown(page, "name")
    assert "Gertrud Huber (80331)" in page.locator("main .error-summary").text_content()
    assert Support.objects.filter(user__isnull=True).count() == 2

    # An online supporter's name: the clerk is asked and confirms another person.
    tab_to(page, "input[name=name]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Maria Mueller")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("80333")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    _error_shown(page, "name")
    assert "maria@example.org" not in page.content()
    tab_to(page, "input[name=same_name_confirmed]")
    page.keyboard.press("Space")
    tab_to(page, "main form#zeile button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    axe_check(page)
    assert page.locator("main table tbody tr").count() == 3
    assert Idea.objects.get(pk=idea.pk).supports_count == 4  # one online, three lines

    # The phone width: no horizontal scrolling, still no violations, with an error shown too.
    page.set_viewport_size({"width": 320, "height": 720})
    page.reload(wait_until="load")
    assert_no_horizontal_scroll(page)
    axe_check(page)
    _type_line(page, "Josef Brandl", "80469")
    _error_shown(page, "name")
    assert_no_horizontal_scroll(page)

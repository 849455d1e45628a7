"""A clerk types in a comment from a paper form with the keyboard alone (issue 15, part 2): the
empty form is refused with the error summary, the typed comment is saved through the same path as
online comments; axe-core on every state, reflow at 320 px with an error shown.

WCAG 2.1.1 (Keyboard), 3.3.1 (Error Identification), 1.4.10 (Reflow).
"""

import pytest
from playwright.sync_api import Page

from ideas.models import Comment
from tests.browser.support import assert_no_horizontal_scroll, axe_check, tab_to, visit
from tests.browser.test_signature_list import clerk_page, idea

pytestmark = pytest.mark.browser

__all__ = ["clerk_page", "idea"]  # the fixtures, imported for this module's tests

URL = "/erfassung/ideen/innenstadt/kommentar/"


def _send(page: Page) -> None:
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def test_keyboard_only_clerk_types_in_a_comment(clerk_page, idea):
    page = clerk_page
    visit(page, URL)
    axe_check(page)

    _send(page)  # nothing typed: refused, next to the field and in the summary
    assert page.locator("main .error-summary").count() == 1
    assert page.locator("textarea[name=text][aria-invalid=true]").count() == 1
    axe_check(page)
    assert not Comment.objects.filter(entered_by__isnull=False).exists()

    tab_to(page, "textarea[name=text]")
    page.keyboard.type("Bitte mehr Schatten am Marienplatz.")
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    _send(page)
    summary = page.locator("main .error-summary")
    assert summary.count() == 0, summary.all_inner_texts()
    axe_check(page)
    comment = Comment.objects.get(entered_by__isnull=False)
    assert comment.text == "Bitte mehr Schatten am Marienplatz."
    assert comment.channel != "online"


def test_the_comment_form_with_an_error_fits_320_pixels(clerk_page, idea):
    page = clerk_page
    page.set_viewport_size({"width": 320, "height": 720})
    visit(page, URL)
    assert_no_horizontal_scroll(page)
    _send(page)
    assert page.locator("main .error-summary").count() == 1
    assert_no_horizontal_scroll(page)
    axe_check(page)

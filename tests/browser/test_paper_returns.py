"""A clerk records a returned pile of sheets (issue 15, part 5) with the keyboard alone: numbers
scanned or typed into one field (a keyboard-wedge scanner types each number and Enter, a new
line), a bad check digit named in the error summary and next to the field with the list kept,
then a pile by count. axe-core on every state, the error included; reflow at 320 px.

WCAG 2.1.1 (Keyboard), 3.3.1 (Error Identification), 3.3.3 (Error Suggestion), 1.4.10 (Reflow).
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from paper import actions
from paper.models import SheetReturn
from tests.browser.support import (
    assert_no_horizontal_scroll,
    axe_check,
    screenshot,
    tab_to,
    visit,
)
from tests.browser.test_check_in import with_session
from tests.factories import UserFactory
from tests.participation.factories import ConsentTextFactory, EventFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def pile(transactional_db):
    ConsentTextFactory()
    event = EventFactory(capacity=10, title_de="Werkstatt Pasing")
    batch = actions.issue_batch(
        process=event.process, event=event, place="Bürgerbüro Pasing", sheets=5, issued_by=None
    )
    clerk = UserFactory(staff=True, mfa=True, roles=["Erfassung"], full_name="Klara Klerk")
    with translation.override("en"):
        path = reverse("admin:paper_formbatch_returns", args=[batch.pk])
    return {"batch": batch, "clerk": clerk, "path": path}


def _submit_with_keyboard(page: Page, button_name: str) -> None:
    """Tab from the field to the form's button and press Enter."""
    tab_to(page, f"button[name={button_name}]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def test_keyboard_only_clerk_records_a_pile_by_number_and_by_count(page, pile, live_server):
    with_session(page, pile["clerk"], live_server)
    visit(page, pile["path"])
    axe_check(page)
    sheets = list(pile["batch"].form_sheets.order_by("number"))
    bad = sheets[1].number[:-1] + str((int(sheets[1].number[-1]) + 1) % 10)

    # The scanner types two numbers, one with a wrong check digit.
    tab_to(page, "textarea[name=n-numbers]")
    page.keyboard.type(sheets[0].number)
    page.keyboard.press("Enter")
    page.keyboard.type(bad)
    _submit_with_keyboard(page, "record_numbers")
    summary = page.locator(".errornote")
    assert f"{bad}: the check digit does not match." in summary.inner_text()
    field = page.locator("textarea[name=n-numbers]")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == f"{sheets[0].number}\n{bad}"
    assert not SheetReturn.objects.exists()
    axe_check(page)
    screenshot(page, "paper-returns-bad-number")

    # The summary's link leads to the field; the clerk corrects the list there.
    tab_to(page, ".errornote a")
    page.keyboard.press("Enter")
    tab_to(page, "textarea[name=n-numbers]")
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{sheets[0].number}\n{sheets[1].printed_number}")
    _submit_with_keyboard(page, "record_numbers")
    assert "2 sheets recorded as returned for Bürgerbüro Pasing." in page.content()
    assert sorted(SheetReturn.objects.values_list("sheet__number", flat=True)) == [
        sheets[0].number,
        sheets[1].number,
    ]
    axe_check(page)

    # A pile by count: Enter in the field submits its own form.
    tab_to(page, "input[name=c-count]")
    page.keyboard.type("2")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert "2 sheets recorded as returned for Bürgerbüro Pasing." in page.content()
    counts = page.locator("#batch-counts").inner_text()
    assert "Returned\n4" in counts and "Returned, not entered\n4" in counts, counts
    pile["batch"].refresh_from_db()
    assert pile["batch"].returned_sheets == 4
    axe_check(page)


def test_the_returns_page_reflows_at_320_px(narrow_page, pile, live_server):
    page = with_session(narrow_page, pile["clerk"], live_server)
    visit(page, pile["path"])
    assert_no_horizontal_scroll(page)
    axe_check(page)
    page.locator("input[name=c-count]").fill("99")
    with page.expect_navigation(wait_until="load"):
        page.locator("input[name=c-count]").press("Enter")
    assert "aria-invalid" in page.locator("input[name=c-count]").evaluate("e => e.outerHTML")
    assert_no_horizontal_scroll(page)
    axe_check(page)
    screenshot(page, "paper-returns-320")

"""The service catalogue in a real browser (issue 4): axe-core finds no WCAG A/AA violation and
nothing scrolls sideways at 320 px on any catalogue page type; the search suggestions work by
keyboard (the WAI-ARIA combobox pattern); the search works without JavaScript too."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    visit,
)
from tests.services.conftest import build_catalogue

pytestmark = pytest.mark.browser

CATALOGUE_PAGES = {
    "catalogue": "/dienstleistungen/",
    "letter": "/dienstleistungen/?buchstabe=W",
    "results": "/dienstleistungen/?q=anmelden",
    "results with filters": "/dienstleistungen/?q=anmelden&lebenslage=umzug&online=1",
    "no results": "/dienstleistungen/?q=Reisepasz%20Mondflug",
    "detail": "/dienstleistungen/wohnsitz-anmelden/",
    "detail online": "/dienstleistungen/fahrzeug-zulassen/",
    "detail easy language": "/dienstleistungen/wohnsitz-anmelden/?sprache=leicht",
    "detail english": "/en/dienstleistungen/reisepass-beantragen/",
    "life situations": "/lebenslagen/",
    "life situation": "/lebenslagen/umzug/",
    "offices": "/dienststellen/",
    "office": "/dienststellen/buergerbuero-pasing/",
    "open data": "/open-data/",
}


@pytest.fixture
def catalogue(transactional_db):
    """The catalogue of the service tests, visible to the live server."""
    return build_catalogue()


@pytest.mark.parametrize("path", CATALOGUE_PAGES.values(), ids=CATALOGUE_PAGES.keys())
def test_catalogue_page_has_no_axe_violations(page, catalogue, path):
    visit(page, path)
    assert_page_structure(page)
    axe_check(page)


@pytest.mark.parametrize("path", CATALOGUE_PAGES.values(), ids=CATALOGUE_PAGES.keys())
def test_catalogue_page_fits_320_pixels(narrow_page, catalogue, path):
    visit(narrow_page, path)
    assert_no_horizontal_scroll(narrow_page)


def open_suggestions(page: Page, text: str):
    """Type into the service search and wait until the suggestion list shows."""
    field = page.locator("#service-search")
    field.click()
    field.press_sequentially(text, delay=30)
    expect(field).to_have_attribute("aria-expanded", "true")
    return field


def test_suggestions_follow_the_combobox_pattern(page, catalogue):
    """The field becomes a combobox that controls a listbox; the count is announced."""
    visit(page, "/dienstleistungen/")
    field = page.locator("#service-search")
    expect(field).to_have_attribute("role", "combobox")
    expect(field).to_have_attribute("aria-expanded", "false")
    listbox_id = field.get_attribute("aria-controls")
    open_suggestions(page, "Perso")
    listbox = page.locator(f"#{listbox_id}")
    expect(listbox).to_have_attribute("role", "listbox")
    options = listbox.get_by_role("option")
    expect(options.first).to_have_text("Personalausweis beantragen")
    # the live region of the combobox (its wording is translated; the count is not)
    status = page.locator(".combobox [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(re.compile(r"^1\b"))
    axe_check(page)


def test_arrow_down_and_enter_open_the_suggested_service(page, catalogue):
    """Type, ArrowDown selects the first suggestion (aria-activedescendant), Enter opens it."""
    visit(page, "/dienstleistungen/")
    field = open_suggestions(page, "wohns")
    field.press("ArrowDown")
    first = page.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(field).to_be_focused()
    chosen = first.text_content()
    with page.expect_navigation(wait_until="load"):
        field.press("Enter")
    assert re.search(r"/dienstleistungen/wohnsitz-(an|ab)melden/$", page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(chosen)


def test_arrow_keys_wrap_and_escape_closes(page, catalogue):
    """ArrowUp from the top goes to the last option; Escape closes the list, a second clears."""
    visit(page, "/dienstleistungen/")
    field = open_suggestions(page, "wohnsitz")
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    field.press("ArrowUp")
    expect(options.last).to_have_attribute("aria-selected", "true")
    field.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    field.press("Escape")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).not_to_have_attribute("aria-activedescendant", re.compile(".+"))
    field.press("Escape")
    expect(field).to_have_value("")


def test_enter_without_a_chosen_suggestion_submits_the_search(page, catalogue):
    visit(page, "/dienstleistungen/")
    field = open_suggestions(page, "anmelden")
    with page.expect_navigation(wait_until="load"):
        field.press("Enter")
    assert "/dienstleistungen/?q=anmelden" in page.url
    expect(page.locator("ol.service-list--results")).to_contain_text("Wohnsitz anmelden")


def test_search_works_without_javascript(page_at, catalogue):
    """Without JavaScript the field is a plain search field and the form finds services."""
    page = page_at(java_script_enabled=False)
    visit(page, "/dienstleistungen/")
    field = page.locator("#service-search")
    assert field.get_attribute("role") is None
    field.fill("Perso")
    with page.expect_navigation(wait_until="load"):
        field.press("Enter")
    expect(page.get_by_role("link", name="Personalausweis beantragen")).to_be_visible()

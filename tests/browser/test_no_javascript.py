"""Without JavaScript the portal still works: language switch, search form, login (issue 1)."""

import re

import pytest

from tests.browser.support import log_in, visit
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def no_js_page(page_at):
    """A desktop page in a context with JavaScript switched off."""
    return page_at(java_script_enabled=False)


def test_page_without_javascript_really_runs_no_script(no_js_page):
    """Guard for the tests below: the context really has JavaScript off."""
    visit(no_js_page, "/")
    no_js_page.set_content(
        "<p id=t>no</p><script>document.getElementById('t').textContent='yes'</script>"
    )
    assert no_js_page.locator("#t").text_content() == "no"


def test_language_switch_to_english_and_back_without_javascript(no_js_page):
    """The "English" link leads to /en/ in English; "Deutsch" leads back to / in German."""
    page = no_js_page
    visit(page, "/")
    assert page.locator("html").get_attribute("lang") == "de"

    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("link", name="Deutsch", exact=True).click()
    page.wait_for_url(re.compile(r"://[^/]+/$"))
    assert page.locator("html").get_attribute("lang") == "de"


def test_language_switch_keeps_the_page_without_javascript(no_js_page):
    """Switching language on a content page opens the same page in the other language."""
    page = no_js_page
    visit(page, "/datenschutz/")
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(re.compile(r"/en/datenschutz/$"))
    assert page.locator("html").get_attribute("lang") == "en"


def test_home_search_form_submits_without_javascript(no_js_page):
    """The search box on the home page sends the query by GET to the service search."""
    page = no_js_page
    visit(page, "/")
    search = page.get_by_role("search").get_by_role("searchbox")
    search.fill("Personalausweis")
    with page.expect_navigation() as navigation:
        search.press("Enter")
    assert re.search(r"/dienstleistungen/\?(.*&)?q=Personalausweis", page.url), page.url
    assert navigation.value.status == 200
    assert page.get_by_role("heading", level=1).count() == 1


def test_login_works_without_javascript(no_js_page, resident):
    """A resident logs in with JavaScript off and reaches Mein Konto."""
    log_in(no_js_page, resident.email, DEFAULT_PASSWORD)
    assert no_js_page.url.endswith("/konto/")
    assert no_js_page.get_by_text(resident.email).first.is_visible()

"""The page shown while the database cannot be reached is a page of the portal too (issue 13).

The live server's database cannot fail on request, so the browser is answered with exactly what
``service_unavailable`` (the ``handler500`` branch for database errors) renders; the stylesheet and
every link come from the live server. Without JavaScript, at 320 px, by keyboard: as every page.
"""

from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory

from munich_portal.core.views import RETRY_AFTER_SECONDS, service_unavailable
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    tab_to,
)

pytestmark = pytest.mark.browser

PATHS = {"de": "/termine/", "en": "/en/termine/"}
HEADINGS = {"de": "Vorübergehend nicht erreichbar", "en": "Temporarily unavailable"}


def open_unavailable_page(page, language: str):
    """Open a portal address whose answer is the 503 page, as the view renders it."""
    path = PATHS[language]
    response = service_unavailable(RequestFactory().get(path))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page.route(
        f"**{path}",
        lambda route: route.fulfill(
            status=503,
            headers={"Content-Type": "text/html; charset=utf-8"},
            body=response.content,
        ),
    )
    answer = page.goto(path, wait_until="load")
    assert answer is not None and answer.status == 503


@pytest.mark.parametrize("language", ["de", "en"])
def test_unavailable_page_has_no_axe_violations(page, language):
    open_unavailable_page(page, language)
    assert_page_structure(page)
    assert page.get_by_role("heading", level=1).inner_text() == HEADINGS[language]
    assert page.locator("html").get_attribute("lang") == language
    # The portal's stylesheet loaded: the page looks like the portal, not like bare HTML.
    assert page.evaluate("() => document.styleSheets.length") == 1
    assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 0
    axe_check(page)


def test_unavailable_page_fits_320_pixels_and_works_by_keyboard(narrow_page):
    open_unavailable_page(narrow_page, "de")
    screenshot(narrow_page, "unavailable-503-narrow")
    assert_no_horizontal_scroll(narrow_page)
    link = tab_to(narrow_page, "main a")
    assert link["inMain"] and link["href"] == "/"
    with narrow_page.expect_navigation(wait_until="load") as navigation:
        narrow_page.keyboard.press("Enter")
    assert navigation.value.status == 200
    assert urlsplit(narrow_page.url).path == "/"

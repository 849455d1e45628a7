"""The results page in a real browser (issue 7): its SVG charts and tables pass axe-core (WCAG
A/AA), nothing scrolls sideways at 320 px or at 200 % text size, the charts are images with a
name, and the organisers' export page passes axe-core too."""

import pytest
from playwright.sync_api import Page

from munich_portal.portal.demo import load_accounts, load_city_structure
from munich_portal.portal.demo.results import SLUG, load_results
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    set_text_size,
    visit,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

RESULTS = f"/beteiligung/{SLUG}/ergebnisse/"
PAGES = {
    "results": RESULTS,
    "results english": "/en" + RESULTS,
    "results page 2": RESULTS + "?seite=2",
    "process with results link": f"/beteiligung/{SLUG}/",
    "open data": "/open-data/",
}


@pytest.fixture
def results(transactional_db):
    """The demo process in its results phase, visible to the live server."""
    load_city_structure()
    load_accounts()
    load_results()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_results_pages_have_no_axe_violations(page, results, path):
    visit(page, path)
    assert_page_structure(page)
    axe_check(page)


def test_the_charts_are_named_images_with_a_table_beside_them(page: Page, results):
    visit(page, RESULTS)
    charts = page.get_by_role("img", name="Beteiligung nach Zugangsweg")
    assert charts.count() == 1
    assert page.locator("svg[role=img]").count() == 2
    for chart in page.locator("svg[role=img]").all():
        # The chart is drawn (a visible box) and described (its desc is referenced).
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
        assert chart.locator("desc").text_content().strip()
    assert page.locator("table caption").count() == 2
    screenshot(page, "results-desktop")


def test_the_results_page_fits_320_pixels(narrow_page, results):
    visit(narrow_page, RESULTS)
    assert_no_horizontal_scroll(narrow_page)
    box = narrow_page.locator("svg[role=img]").first.bounding_box()
    assert box and box["width"] <= 320
    axe_check(narrow_page)
    screenshot(narrow_page, "results-320")


def test_the_results_page_reflows_at_200_percent_text(page_at, results):
    page = page_at(width=640, height=800)
    visit(page, RESULTS)
    set_text_size(page, 200)
    assert_no_horizontal_scroll(page)
    screenshot(page, "results-200-percent")


def test_the_export_page_has_no_axe_violations(page_at, results, live_server):
    from tests.browser.support import enter_totp_code, log_in
    from tests.factories import DEFAULT_PASSWORD, current_totp_code

    organiser = UserFactory(
        email="vera.export@example.org",
        staff=True,
        roles=["Veranstaltungsorganisation"],
        mfa=True,
    )
    page = page_at()
    log_in(page, organiser.email, DEFAULT_PASSWORD, next_path=f"/beteiligung/{SLUG}/export/")
    enter_totp_code(page, current_totp_code())
    page.wait_for_url(f"**/beteiligung/{SLUG}/export/")
    assert_page_structure(page)
    axe_check(page)
    # An export with personal data but without a purpose comes back with the error summary.
    page.locator("#id_personal_data").check()
    with page.expect_navigation(wait_until="load"):
        page.locator("form.form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)

"""Ideas in a real browser (issue 7): axe-core finds no WCAG A/AA violation on the idea list,
an idea, the discussion and the idea form (also with errors), nothing scrolls sideways at 320 px,
and a resident supports an idea and comments on it with the keyboard alone."""

import pytest
from playwright.sync_api import Page, expect

from ideas.models import Comment, Idea, Support
from munich_portal.portal.demo import load_accounts, load_city_structure
from munich_portal.portal.demo.ideas import load_ideas
from munich_portal.portal.demo.participation import load_participation
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    screenshot,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

SLUG = "innenstadtkonzept"
LIST = f"/beteiligung/{SLUG}/ideen/"


@pytest.fixture
def ideas(transactional_db):
    load_city_structure()
    load_accounts()
    load_participation()
    load_ideas()


def idea_path(title: str) -> str:
    return Idea.objects.get(title=title).get_absolute_url()


def pages() -> dict[str, str]:
    return {
        "list": LIST,
        "list sorted and filtered": LIST + "?sortierung=unterstuetzt&kanal=online",
        "idea with answer": idea_path("Trinkbrunnen in der Fußgängerzone"),
        "idea with thread": idea_path("Mehr Schatten am Marienplatz"),
        "idea with hidden comment": idea_path("Sichere Radwege um den Altstadtring"),
        "discussion": f"/beteiligung/{SLUG}/diskussion/",
        "finished process": "/beteiligung/hochhausstudie/ideen/",
        "english": "/en" + LIST,
    }


def test_idea_pages_pass_axe_for_visitors(ideas, page: Page, narrow_page: Page):
    for name, path in pages().items():
        visit(page, path)
        assert_page_structure(page)
        axe_check(page)
        visit(narrow_page, path)
        assert_no_horizontal_scroll(narrow_page)
        screenshot(page, f"ideas-{name.replace(' ', '-')}")


def test_idea_pages_pass_axe_for_residents(ideas, resident_page: Page):
    page = resident_page
    for path in [*pages().values(), f"/beteiligung/{SLUG}/ideen/neu/"]:
        visit(page, path)
        axe_check(page)
    # The idea form with errors: summary linked to the fields, still no violation.
    visit(page, f"/beteiligung/{SLUG}/ideen/neu/")
    page.locator("#id_title").fill("Nur ein Titel")
    with page.expect_navigation(wait_until="load"):
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.locator("#id_title").input_value() == "Nur ein Titel"
    axe_check(page)
    screenshot(page, "ideas-form-errors")


def test_supporting_and_commenting_with_the_keyboard_alone(ideas, resident_page: Page, resident):
    page = resident_page
    title = "Sichere Radwege um den Altstadtring"
    visit(page, idea_path(title))
    tab_to(page, "form.support-form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert Support.objects.filter(idea__title=title, user=resident).exists()
    expect(page.locator(".messages")).to_be_visible()
    tab_to(page, "#id_text")
    page.keyboard.type("Mit der Tastatur geschrieben.")
    tab_to(page, "form.comment-form button[type=submit]")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert Comment.objects.filter(text="Mit der Tastatur geschrieben.", author=resident).exists()
    expect(page.get_by_text("Mit der Tastatur geschrieben.")).to_be_visible()
    axe_check(page)
    screenshot(page, "ideas-after-keyboard-comment")


def test_moderating_an_idea_in_the_staff_area_by_keyboard(ideas, page: Page, log_in_staff):
    """The moderation page passes axe (also with an error), reflows at 320 px, and a moderator
    hides an idea with a public reason using the keyboard alone."""
    idea = Idea.objects.get(title="Mehr Schatten am Marienplatz")
    path = f"/admin/ideas/idea/{idea.pk}/moderieren/"
    log_in_staff(page)
    page.goto(path, wait_until="load")
    if "/zweck/" in page.url:  # the purpose of work comes first
        page.locator("#content-main form input[type=radio]").first.check()
        with page.expect_navigation(wait_until="load"):
            page.locator("#content-main form [type=submit]").first.click()
    assert page.url.endswith(path), page.url
    axe_check(page)
    screenshot(page, "ideas-admin-moderate")

    # "Hide" without a reason: the error is named and linked, the choice is kept.
    # Tab reaches a radio group once (past the admin's navigation: many stops).
    tab_to(page, "input[name=decision][value=approve]", max_tabs=300)
    page.keyboard.press("ArrowDown")  # arrows move within it: "hide"
    tab_to(page, "#content-main input[type=submit]", max_tabs=300)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator(".errornote a[href='#id_reason']")).to_be_visible()
    expect(page.locator("input[name=decision][value=hide]")).to_be_checked()
    axe_check(page)
    screenshot(page, "ideas-admin-moderate-error")

    tab_to(page, "#id_reason", max_tabs=300)
    page.keyboard.type("Beleidigt andere Teilnehmende.")
    tab_to(page, "#content-main input[type=submit]", max_tabs=300)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    idea.refresh_from_db()
    assert idea.moderation == "hidden"
    assert idea.moderation_reason == "Beleidigt andere Teilnehmende."

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(path, wait_until="load")
    assert_no_horizontal_scroll(page)

"""The accessibility app in a real browser (issue 8): display preferences take effect, the
browser's own preferences are honoured, the sign-language video plays its captions, and the main
journeys work with JavaScript switched off."""

import re

import pytest
from django.core import mail

from accessibility.models import AccessibilityStatement, BarrierReport, DisplayPreference
from munich_portal.portal.demo.accessibility import load_accessibility
from tests.browser.support import (
    assert_no_horizontal_scroll,
    axe_check,
    enter_totp_code,
    log_in,
    visit,
)
from tests.factories import DEFAULT_PASSWORD, UserFactory, current_totp_code

pytestmark = pytest.mark.browser

ROOT_STYLE = """() => {
  const root = getComputedStyle(document.documentElement);
  const body = getComputedStyle(document.body);
  const p = document.querySelector('main p');
  return {
    rootFontSize: parseFloat(root.fontSize),
    text: body.color,
    letterSpacing: parseFloat(body.letterSpacing) / parseFloat(body.fontSize),
    wordSpacing: parseFloat(body.wordSpacing) / parseFloat(body.fontSize),
    lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
    paragraphSpacing:
      parseFloat(getComputedStyle(p).marginBottom) / parseFloat(getComputedStyle(p).fontSize),
    primary: root.getPropertyValue('--color-primary').trim(),
    classes: document.documentElement.className,
  };
}"""


@pytest.fixture(autouse=True)
def _accessibility_content(live_server):
    """Live-server tests start from an emptied database: restore the statement and the video."""
    load_accessibility()


@pytest.fixture
def no_js_page(page_at):
    return page_at(java_script_enabled=False)


def style(page):
    return page.evaluate(ROOT_STYLE)


def choose(page, label):
    page.get_by_label(label, exact=True).check()


def save(page, name="Save settings"):
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=name).click()


# --- display preferences ------------------------------------------------------------------------


def test_display_preferences_without_javascript_apply_to_every_page(no_js_page):
    """A guest with JavaScript off chooses larger text, high contrast, more spacing and less
    motion; the next pages render with them; "reset" brings the normal look back."""
    page = no_js_page
    visit(page, "/en/impressum/")
    page.get_by_role("link", name="Display settings").click()
    page.wait_for_load_state("load")
    assert "/en/darstellung/" in page.url
    choose(page, "Larger (150 %)")
    choose(page, "High contrast")
    choose(page, "Increased line, letter and word spacing")
    choose(page, "Reduce motion (no animations or transitions)")
    save(page)

    assert page.get_by_text("saved in this browser").is_visible()
    page.get_by_role("link", name="Back to the page you came from").click()
    page.wait_for_url(re.compile(r"/en/impressum/$"))
    applied = style(page)
    assert set(applied["classes"].split()) == {
        "pref-text-larger",
        "pref-contrast-high",
        "pref-spacing-increased",
        "pref-motion-reduced",
    }
    assert applied["rootFontSize"] == 24  # 150 % of 16 px
    assert applied["text"] == "rgb(0, 0, 0)"
    # WCAG 1.4.12: letters 0.12, words 0.16, lines at least 1.5, paragraphs 2 em.
    assert applied["letterSpacing"] == pytest.approx(0.12, abs=0.01)
    assert applied["wordSpacing"] == pytest.approx(0.16, abs=0.01)
    assert applied["lineHeight"] >= 1.5
    assert applied["paragraphSpacing"] == pytest.approx(2, abs=0.05)
    motion = page.evaluate("() => getComputedStyle(document.querySelector('a')).transitionDuration")
    assert motion == "0s"

    visit(page, "/en/darstellung/")
    save(page, "Reset to normal display")
    assert style(page)["classes"] == ""
    assert style(page)["rootFontSize"] == 16


def test_resident_preferences_follow_the_account(browser, live_server, new_context):
    """Saved while logged in, the preferences apply in another browser after logging in there."""
    resident = UserFactory()
    first = new_context().new_page()
    log_in(first, resident.email, DEFAULT_PASSWORD)
    visit(first, "/en/darstellung/")
    choose(first, "Large (125 %)")
    save(first)
    assert DisplayPreference.objects.get(user=resident).text_size == "large"

    second = new_context().new_page()
    visit(second, "/en/")
    assert style(second)["rootFontSize"] == 16
    log_in(second, resident.email, DEFAULT_PASSWORD)
    assert style(second)["rootFontSize"] == 20


@pytest.mark.parametrize("path", ["/en/", "/en/barrierefreiheit/", "/en/darstellung/"])
def test_pages_with_every_preference_pass_axe_and_reflow(page_at, live_server, path):
    """With all preferences on, pages still pass axe and fit 320 px without scrolling sideways
    (WCAG 1.4.10 and 1.4.12: text spacing must not break the layout)."""
    for width in (1280, 320):
        page = page_at(width=width, height=800)
        page.context.add_cookies(
            [
                {
                    "name": "portal_display",
                    "value": "text:larger|contrast:high|spacing:increased|motion:reduced",
                    "url": live_server.url,
                }
            ]
        )
        visit(page, path)
        assert "pref-contrast-high" in style(page)["classes"]
        axe_check(page)
        assert_no_horizontal_scroll(page)


def test_browser_preferences_are_honoured_without_any_setting(page):
    """prefers-contrast: more darkens the tokens; prefers-reduced-motion stops transitions;
    forced colours keep a visible focus outline."""
    visit(page, "/en/")
    assert style(page)["primary"] == "#005a9f"
    page.emulate_media(contrast="more", reduced_motion="reduce")
    applied = style(page)
    assert applied["primary"] == "#002a4d"
    assert applied["text"] == "rgb(0, 0, 0)"
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('a')).transitionDuration")
        == "0s"
    )
    page.emulate_media(forced_colors="active")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


# --- sign language ------------------------------------------------------------------------------


def test_sign_language_video_loads_from_the_portal_with_its_captions(page):
    """The placeholder video and its German captions load from the portal itself (CSP allows
    only 'self'), so the player can show the captions."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    visit(page, "/en/gebaerdensprache/")
    video = page.locator("video")
    assert video.get_attribute("controls") is not None
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    cues = page.evaluate(
        """async () => {
          const track = document.querySelector('video').textTracks[0];
          track.mode = 'showing';
          for (let i = 0; i < 50 && !(track.cues && track.cues.length); i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return track.cues ? track.cues.length : 0;
        }"""
    )
    assert cues >= 5
    duration = page.evaluate("() => document.querySelector('video').duration")
    assert duration == pytest.approx(30, abs=1)
    host = re.match(r"https?://[^/]+", page.url)[0]
    assert all(url.startswith(host) for url in requests), requests
    axe_check(page)


# --- journeys without JavaScript ----------------------------------------------------------------


def test_barrier_report_journey_without_javascript(no_js_page):
    """From any page's footer link to the stored report: the page is filled in, the thank-you
    page follows, the officer is told."""
    page = no_js_page
    visit(page, "/en/kontakt/")
    page.get_by_role("link", name="Report a barrier", exact=True).click()
    page.wait_for_load_state("load")
    assert page.get_by_label("Address of the page").input_value() == "/en/kontakt/"
    page.get_by_label("Description of the barrier").fill("The contact table has no headers.")
    page.get_by_label("Your e-mail address (optional)").fill("hanna@example.org")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Send report").click()
    assert page.url.endswith("/en/barriere-melden/danke/")
    assert page.get_by_role("heading", level=1).text_content() == "Thank you for your report"
    report = BarrierReport.objects.get(email="hanna@example.org")
    assert report.page == "/en/kontakt/"
    assert len(mail.outbox) == 2


def test_barrier_report_errors_keep_the_text_without_javascript(no_js_page):
    page = no_js_page
    visit(page, "/en/barriere-melden/")
    page.get_by_label("Assistive technology you use (optional)").fill("ZoomText")
    page.get_by_label("Please send me the content of this page in an accessible form.").check()
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Send report").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link").count() == 2  # description and e-mail address
    assert page.get_by_label("Assistive technology you use (optional)").input_value() == "ZoomText"
    # (axe runs on this error state in the JavaScript-enabled tests: it needs JavaScript.)


def test_login_journey_without_javascript_for_staff_with_mfa(no_js_page):
    """Staff log in with password and authenticator code with JavaScript off and reach the
    staff area."""
    officer = UserFactory(staff=True, roles=["Barrierefreiheit"], mfa=True)
    page = no_js_page
    log_in(page, officer.email, DEFAULT_PASSWORD, next_path="/admin/")
    enter_totp_code(page, current_totp_code())
    assert page.url.endswith("/admin/")


def test_catalogue_search_journey_without_javascript(no_js_page):
    """Search the catalogue with JavaScript off, open a hit, and it is the service page."""
    from munich_portal.portal.demo.services import load_catalogue

    load_catalogue()
    page = no_js_page
    visit(page, "/en/dienstleistungen/")
    search = page.get_by_role("searchbox").first
    search.fill("Personalausweis")
    with page.expect_navigation(wait_until="load"):
        search.press("Enter")
    assert "q=Personalausweis" in page.url
    results = page.get_by_role("link", name="Apply for an identity card", exact=True)
    assert results.count() >= 1
    with page.expect_navigation(wait_until="load"):
        results.first.click()
    assert re.search(r"/en/dienstleistungen/[\w-]+/$", page.url)
    assert page.get_by_role("heading", level=1).count() == 1


# --- the officer's staff area -------------------------------------------------------------------


def test_officer_answers_a_report_with_the_keyboard_and_axe_passes(page):
    """The officer logs in with MFA, chooses the purpose of work, opens the overdue list and
    answers a report; every page on the way passes axe."""
    officer = UserFactory(staff=True, roles=["Barrierefreiheit"], mfa=True)
    report = BarrierReport.objects.filter(status="new").order_by("received_at").first()
    log_in(page, officer.email, DEFAULT_PASSWORD, next_path="/en/admin/")
    enter_totp_code(page, current_totp_code())
    axe_check(page)
    assert (
        page.get_by_text("past their one-month deadline").count()
        + page.get_by_text("past its one-month deadline").count()
        == 1
    )

    page.goto(f"/en/admin/accessibility/barrierreport/{report.pk}/answer/", wait_until="load")
    if "/admin/zweck/" in page.url:
        page.locator("input[name=purpose]").first.check()
        with page.expect_navigation(wait_until="load"):
            page.locator("#content-main form [type=submit]").first.click()
    assert f"/barrierreport/{report.pk}/answer/" in page.url
    axe_check(page)
    answer = page.get_by_role("textbox", name=re.compile(r"^Answer"))
    answer.fill("Thank you, we fixed the search button.")
    answer.press("Tab")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Save the answer").press("Enter")
    report.refresh_from_db()
    assert report.status == "answered"
    axe_check(page)

    # The officer's other pages: the worklist, a report, the statement with its inline barriers.
    statement = AccessibilityStatement.objects.published().get()
    for path in [
        "/en/admin/accessibility/barrierreport/?frist=overdue",
        f"/en/admin/accessibility/barrierreport/{report.pk}/change/",
        "/en/admin/accessibility/accessibilitystatement/",
        f"/en/admin/accessibility/accessibilitystatement/{statement.pk}/change/",
        "/en/admin/accessibility/signlanguagevideo/",
    ]:
        response = page.goto(path, wait_until="load")
        assert response.status == 200, path
        axe_check(page)

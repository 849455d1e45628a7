"""The checks themselves catch what they are for, so a green run means something.

These pages are built in the browser (``set_content``), not served by the portal.
"""

import pytest

from tests.browser.support import (
    assert_focus_visible,
    assert_no_horizontal_scroll,
    axe_check,
    tab_to,
)

pytestmark = pytest.mark.browser

BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Kaputt</title></head><body><main>
<h1>Kaputt</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">
<p style="color:#bbb">grau auf weiß</p></main></body></html>"""


def test_axe_check_fails_and_names_rule_and_node(page):
    """axe_check fails listing each violated rule with the offending element."""
    page.set_content(BROKEN_PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page)
    message = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "label", "color-contrast"):
        assert rule in message
    assert "<img" in message


def test_no_horizontal_scroll_check_fails_on_a_wide_element(narrow_page):
    """A box wider than the 320 px viewport is reported with its name."""
    narrow_page.set_content(
        '<!DOCTYPE html><html lang="de"><body><div class="breit" style="width:400px">x</div></body>'
    )
    with pytest.raises(AssertionError, match=r"div\.breit"):
        assert_no_horizontal_scroll(narrow_page)


def test_focus_check_fails_when_the_outline_is_removed(page):
    """An element whose focus outline is switched off fails the focus-visible check."""
    page.set_content(
        '<!DOCTYPE html><html lang="de"><body><a href="#x" style="outline:none">Link</a></body>'
    )
    page.keyboard.press("Tab")
    with pytest.raises(AssertionError, match="focus is not visible"):
        assert_focus_visible(page)


def test_tab_to_fails_for_an_element_out_of_the_tab_order(page):
    """tab_to fails when the element cannot be reached with the keyboard."""
    page.set_content(
        '<!DOCTYPE html><html lang="de"><body><a href="#a">A</a>'
        '<span class="ziel" tabindex="-1">B</span></body>'
    )
    with pytest.raises(pytest.fail.Exception, match="not reached"):
        tab_to(page, ".ziel", max_tabs=5)

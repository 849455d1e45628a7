"""Structural checks of a rendered page, the part of an accessibility audit that needs no browser.

axe-core in the browser tests (tests/browser/) checks more; these run on every allauth page in
both languages within the normal suite.
"""

import itertools
import re
from collections import Counter
from html.parser import HTMLParser

LABELLED_INPUTS = {"input", "select", "textarea"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.title = ""
        self.ids = []
        self.headings = []
        self.mains = 0
        self.label_fors = set()
        self.inputs = []
        self.inline_styles = 0
        self.inline_scripts = 0
        self.style_elements = 0
        self._in_title = False
        self._label_depth = 0
        self._wrapped_inputs = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "title":
            self._in_title = True
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "style" in attrs:
            self.inline_styles += 1
        if tag == "style":
            self.style_elements += 1
        if tag == "script" and "src" not in attrs:
            self.inline_scripts += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "main":
            self.mains += 1
        if tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_fors.add(attrs["for"])
        if tag in LABELLED_INPUTS and attrs.get("type") not in UNLABELLED_INPUT_TYPES:
            self.inputs.append(attrs)
            if self._label_depth and attrs.get("id"):
                self._wrapped_inputs.add(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "label":
            self._label_depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def unlabelled_inputs(self):
        return [
            field
            for field in self.inputs
            if not field.get("aria-label")
            and field.get("id") not in self.label_fors
            and field.get("id") not in self._wrapped_inputs
        ]


def parse(html: str) -> PageStructure:
    page = PageStructure()
    page.feed(html)
    return page


def assert_portal_page(response, *, lang: str) -> PageStructure:
    """The page is a complete, well-formed page of the portal's layout in ``lang``."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    page = parse(html)
    assert page.html_lang == lang
    assert 'class="site-header"' in html and 'class="site-footer"' in html, "not in our layout"
    assert page.mains == 1, "exactly one <main>"
    own_title = page.title.split("\N{EN DASH}")[0].strip()
    assert own_title, f"page title empty: {page.title!r}"
    assert page.headings.count(1) == 1, f"one h1 expected, headings: {page.headings}"
    assert page.headings[0] == 1, f"the first heading is the h1: {page.headings}"
    for before, after in itertools.pairwise(page.headings):
        assert after <= before + 1, f"heading level skipped: {page.headings}"
    duplicates = [id_ for id_, count in Counter(page.ids).items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert not page.unlabelled_inputs(), f"inputs without label: {page.unlabelled_inputs()}"
    assert page.inline_styles == 0, "inline style attribute (blocked by the CSP)"
    assert page.style_elements == 0, "<style> element (blocked by the CSP)"
    assert page.inline_scripts == 0, "inline <script> (blocked by the CSP)"
    return page

"""The content pages linked from every footer: they render in both languages with one h1, the
right title, breadcrumbs, the skip-link target and the footer links (issue 1, items 6, 9, 10)."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

# path (German, no prefix) -> English msgid of the title, or None for an untranslated German name
CONTENT_PAGES = {
    "/datenschutz/": "Privacy notice",
    "/impressum/": "Imprint",
    "/kontakt/": "Contact",
    "/barrierefreiheit/": "Accessibility statement",
    "/leichte-sprache/": None,
    "/gebaerdensprache/": "Information in German Sign Language",
    "/barriere-melden/": "Report a barrier",
    "/barriere-melden/danke/": "Thank you for your report",
}
UNTRANSLATED_TITLES = {"/leichte-sprache/": "Leichte Sprache"}

FOOTER_TARGETS = [
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/barriere-melden/",
    "/datenschutz/",
    "/impressum/",
    "/kontakt/",
]


class Page(HTMLParser):
    """What the tests look at in a page: title, h1s, ids, breadcrumbs, footer links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.title = ""
        self.h1_count = 0
        self.ids = set()
        self.skip_link = None
        self.breadcrumbs = []
        self.footer_links = []
        self._in_title = False
        self._in_breadcrumbs = False
        self._in_footer = False
        self._crumb = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "nav" and "breadcrumbs" in (attrs.get("class") or "").split():
            self._in_breadcrumbs = True
        elif tag == "footer":
            self._in_footer = True
        elif tag == "li" and self._in_breadcrumbs:
            self._crumb = {"text": "", "current": attrs.get("aria-current") == "page"}
        elif tag == "a":
            if "skip-link" in (attrs.get("class") or "").split():
                self.skip_link = attrs.get("href")
            if self._in_footer:
                self.footer_links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "nav" and self._in_breadcrumbs:
            self._in_breadcrumbs = False
        elif tag == "footer":
            self._in_footer = False
        elif tag == "li" and self._crumb is not None:
            self._crumb["text"] = " ".join(self._crumb["text"].split())
            self.breadcrumbs.append(self._crumb)
            self._crumb = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._crumb is not None:
            self._crumb["text"] += data


def expected_title(path: str, language: str) -> str:
    if path in UNTRANSLATED_TITLES:
        return UNTRANSLATED_TITLES[path]
    with translation.override(language):
        return translation.gettext(CONTENT_PAGES[path])


def url_for(path: str, language: str) -> str:
    return path if language == "de" else f"/en{path}"


PAGES_IN_BOTH_LANGUAGES = [(path, language) for path in CONTENT_PAGES for language in ("de", "en")]


@pytest.mark.parametrize(("path", "language"), PAGES_IN_BOTH_LANGUAGES)
def test_content_page_renders_with_one_h1_and_its_title(client, path, language):
    """Each content page answers 200 in German and English, in that language, with one h1."""
    response = client.get(url_for(path, language))
    assert response.status_code == 200
    page = Page(response.text)
    assert page.html_lang == language
    assert page.h1_count == 1
    title = expected_title(path, language)
    assert " ".join(page.title.split()) == f"{title} \N{EN DASH} Digitales München"


@pytest.mark.parametrize(("path", "language"), PAGES_IN_BOTH_LANGUAGES)
def test_content_page_has_breadcrumbs_ending_in_the_current_page(client, path, language):
    """The trail starts at home and ends with this page, marked aria-current and not linked."""
    page = Page(client.get(url_for(path, language)).text)
    with translation.override(language):
        home = translation.gettext("Home")
    assert len(page.breadcrumbs) >= 2
    assert page.breadcrumbs[0]["text"] == home
    assert page.breadcrumbs[-1]["current"]
    assert [crumb for crumb in page.breadcrumbs if crumb["current"]] == [page.breadcrumbs[-1]]


@pytest.mark.parametrize(("path", "language"), PAGES_IN_BOTH_LANGUAGES)
def test_skip_link_target_exists(client, path, language):
    """The skip link points to #main, and an element with id="main" is on the page."""
    page = Page(client.get(url_for(path, language)).text)
    assert page.skip_link == "#main"
    assert "main" in page.ids


@pytest.mark.parametrize(("path", "language"), PAGES_IN_BOTH_LANGUAGES)
def test_footer_links_to_every_content_page(client, path, language):
    """The footer of every page links the seven service pages, in the page's language."""
    page = Page(client.get(url_for(path, language)).text)
    footer_paths = {urlsplit(href).path for href in page.footer_links}
    assert footer_paths >= {url_for(target, language) for target in FOOTER_TARGETS}


@pytest.mark.parametrize(("path", "language"), PAGES_IN_BOTH_LANGUAGES)
def test_footer_barrier_link_carries_the_current_page(client, path, language):
    """The footer's "Report a barrier" link passes the address of the page it is on."""
    url = url_for(path, language)
    page = Page(client.get(url).text)
    report_links = [
        href
        for href in page.footer_links
        if urlsplit(href).path == url_for("/barriere-melden/", language)
    ]
    assert len(report_links) == 1
    assert parse_qs(urlsplit(report_links[0]).query) == {"seite": [url]}


@pytest.mark.parametrize("language", ["de", "en"])
def test_barrier_link_from_a_page_prefills_the_form(client, language):
    """Following the footer link from the contact page opens the form with that page filled in."""
    contact = url_for("/kontakt/", language)
    page = Page(client.get(contact).text)
    report_link = next(href for href in page.footer_links if "barriere-melden" in href)
    response = client.get(report_link)
    assert response.status_code == 200
    assert f'name="page" value="{contact}"' in response.text


def test_privacy_notice_names_controller_rights_and_supervisory_authority(client, settings):
    """The privacy notice names controller, officer, Art. 15 to 21 and the BayLfD's address."""
    text = client.get("/datenschutz/").text
    assert "Marienplatz 8" in text
    assert "datenschutz@muenchen.de" in text
    for article in ("Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 21"):
        assert article in text
    assert "Der Bayerische Landesbeauftragte für den Datenschutz" in text
    assert "Wagmüllerstraße 18" in text
    assert 'href="/meine-daten/"' in text
    # Every cookie the portal sets is listed, the display settings' one included.
    from accessibility.preferences import COOKIE_NAME

    cookies = (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        COOKIE_NAME,
    )
    for cookie in cookies:
        assert f"<code>{cookie}</code>" in text


def test_contact_and_imprint_show_the_configured_contact_address(client, settings):
    """The contact e-mail comes from PORTAL_CONTACT_EMAIL, not from the template."""
    settings.PORTAL_CONTACT_EMAIL = "kontakt-test@muenchen.example"
    for path in ("/kontakt/", "/impressum/"):
        assert 'href="mailto:kontakt-test@muenchen.example"' in client.get(path).text


def test_accessibility_statement_links_the_report_form_and_names_enforcement_body(client):
    """The statement states partial compliance, links the form and gives the LDBV's address."""
    text = client.get("/en/barrierefreiheit/").text
    assert "partially compliant" in text
    assert 'href="/en/barriere-melden/"' in text
    assert "Landesamt für Digitalisierung, Breitband und Vermessung" in text
    assert 'id="enforcement"' in text


def test_easy_language_content_is_marked_german_on_the_english_site(client):
    """On /en/ the Leichte-Sprache text keeps lang="de" so screen readers pronounce it German."""
    text = client.get("/en/leichte-sprache/").text
    assert '<div lang="de"' in text
    assert "Ein Amt ist ein Büro von der Stadt." in text


def test_sign_language_page_embeds_nothing_from_other_sites(client):
    """No third-party player: no iframe; a video, if shown, comes from the portal itself."""
    import re

    text = client.get("/gebaerdensprache/").text
    assert "<iframe" not in text
    for source in re.findall(r'<(?:video|source|track)[^>]*\ssrc="([^"]+)"', text):
        assert source.startswith("/"), source

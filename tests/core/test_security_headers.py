"""Every response carries the security headers; the CSP allows no inline code or foreign hosts."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(client):
    return client.get("/")


def test_content_security_policy_is_strict(home):
    """Only the portal's own origin; no 'unsafe-inline', no 'unsafe-eval', no framing."""
    policy = home.headers["Content-Security-Policy"]
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy
    assert "http" not in policy


def test_basic_security_headers(home):
    assert home.headers["X-Content-Type-Options"] == "nosniff"
    assert home.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert home.headers["X-Frame-Options"] == "DENY"
    assert home.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = home.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def test_pages_contain_no_inline_script_or_style(home):
    """CSP forbids inline code; the markup must not depend on it."""
    html = home.text
    assert "<script>" not in html
    assert " style=" not in html
    assert "<style" not in html


def test_csrf_is_enforced_on_forms():
    """Posting a form without the CSRF token is refused."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403

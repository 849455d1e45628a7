"""No third-party requests; pages load cleanly under the strict CSP (PRODUCT.md: light pages)."""

from urllib.parse import urlsplit

import pytest

from tests.browser.support import PUBLIC_PAGES, visit

pytestmark = pytest.mark.browser


def origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def test_home_and_login_request_nothing_from_third_parties(page, live_server):
    """Every request the home and login pages make goes to the portal's own origin."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    visit(page, "/")
    page.wait_for_load_state("networkidle")
    visit(page, "/konto/login/")
    page.wait_for_load_state("networkidle")

    assert any(url.endswith(".css") for url in requests), f"no stylesheet loaded: {requests}"
    foreign = [url for url in requests if origin(url) != origin(live_server.url)]
    assert foreign == [], f"third-party requests: {foreign}"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_loads_without_csp_violation_or_failed_request(page, path):
    """No console error (a CSP violation shows up there), no script error, no failed file."""
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"console: {message.text}"),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"{response.status} {response.url}")
        ),
    )

    visit(page, path)
    page.wait_for_load_state("networkidle")
    assert problems == []

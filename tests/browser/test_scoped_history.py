"""Row scopes reach the change history (issue 11), in a real browser.

A case worker of the KVR logs in through the portal's login page (password, then authenticator
code), chooses the purpose of work and opens the change history of online requests:

- the history list and a version of a request of *another department*, and of a resident's
  *draft* of their own department, are refused (404/403) with the portal's normal error page,
  which names neither the applicant nor their e-mail address and passes axe-core;
- the history of a submitted request of their own department opens and names the applicant.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from online_requests import actions, selectors
from online_requests.models import OnlineRequest, RequestStatus
from tests.browser.support import axe_check, enter_totp_code, log_in, screenshot
from tests.factories import DEFAULT_PASSWORD, UserFactory, current_totp_code
from tests.online_requests.factories import published_service, submitted_request

pytestmark = pytest.mark.browser

#: The portal's own error pages (templates/403.html, 404.html), in German.
ERROR_HEADINGS = {403: "Zugriff verweigert", 404: "Seite nicht gefunden"}


@pytest.fixture
def uploads(settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"


@pytest.fixture
def case_worker(transactional_db):
    return UserFactory(
        email="kvr.sachbearbeitung@muenchen.example",
        full_name="Klara Kreisverwaltung",
        staff=True,
        mfa=True,
        roles=["Sachbearbeitung"],
        departments=["KVR"],
    )


@pytest.fixture
def requests_of_three_kinds(transactional_db, uploads):
    """A submitted request of the KVR, one of the Mobilitätsreferat and a draft of the KVR, each
    from a resident of their own with a name and e-mail address found nowhere else."""
    own_service = published_service(slug="kvr-dienst-verlauf", department_code="KVR")
    other_service = published_service(slug="mor-dienst-verlauf", department_code="MOR")

    own_applicant = UserFactory(email="ottilie.eigen@example.org", full_name="Ottilie Eigenbrodt")
    other_applicant = UserFactory(email="xaver.fremd@example.org", full_name="Xaver Fremdl")
    draft_applicant = UserFactory(email="doris.entwurf@example.org", full_name="Doris Entwurfner")

    own = submitted_request(own_service, user=own_applicant)
    other = submitted_request(other_service, user=other_applicant)
    draft = actions.start_request(
        user=draft_applicant,
        service=own_service,
        version=selectors.current_version(own_service),
    )
    # The draft's first page holds the resident's name and address too.
    draft = actions.save_answers(
        online_request=draft,
        page=1,
        answers={
            "full_name": "Doris Entwurfner",
            "email": "doris.entwurf@example.org",
            "home__street": "Sendlinger Straße 1",
            "home__postal_code": "80331",
            "home__city": "München",
        },
        uploads={},
    )
    assert own.status == RequestStatus.RECEIVED and other.status == RequestStatus.RECEIVED
    assert draft.status == RequestStatus.DRAFT
    return {
        "own": (own, own_applicant),
        "other": (other, other_applicant),
        "draft": (draft, draft_applicant),
    }


def history_paths(online_request: OnlineRequest) -> tuple[str, str]:
    """The history list and the latest version of ``online_request`` in the staff area."""
    version = OnlineRequest.history.filter(id=online_request.pk).order_by("-history_date").first()
    assert version is not None, f"request {online_request.pk} has no history"
    base = f"/admin/online_requests/onlinerequest/{online_request.pk}/history/"
    return base, f"{base}{version.history_id}/"


def log_in_with_totp(page: Page, user) -> None:
    """The portal's login page with password, then allauth's authenticator step."""
    log_in(page, user.email, DEFAULT_PASSWORD, next_path="/admin/")
    assert "/2fa/authenticate/" in page.url, f"no second-factor step, at {page.url}"
    enter_totp_code(page, current_totp_code())
    assert page.url.endswith("/admin/"), f"not in the staff area after login: {page.url}"


def choose_purpose_if_asked(page: Page) -> None:
    """The staff area asks for the purpose of work before personal data: choose the first."""
    if "/admin/zweck/" not in page.url:
        return
    page.locator("#content-main form input[name=purpose]").first.check()
    with page.expect_navigation(wait_until="load"):
        page.locator("#content-main form [type=submit]").first.click()


def assert_refused(page: Page, path: str, applicant, name: str) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status in ERROR_HEADINGS, (
        f"{path} answered {response.status} at {page.url}, not a refusal"
    )
    assert page.url.endswith(path), f"{path} redirected to {page.url}"
    # The portal's own error page, in its layout: no debug page, no traceback, no 500.
    expect(page.get_by_role("heading", level=1)).to_have_text(ERROR_HEADINGS[response.status])
    expect(page.locator("main")).to_have_count(1)
    html = page.content()
    for debug_marker in ("Traceback", "technical_500", "You're seeing this error because"):
        assert debug_marker not in html, f"{path}: Django's debug page ({debug_marker})"
    for personal in (applicant.full_name, applicant.email, *applicant.full_name.split()):
        assert personal not in html, f"{path} shows {personal!r}"
    axe_check(page)
    screenshot(page, f"scoped-history-refused-{name}")


def test_case_worker_sees_the_history_of_their_own_requests_only(
    page: Page, case_worker, requests_of_three_kinds
):
    own, own_applicant = requests_of_three_kinds["own"]
    own_list, own_version = history_paths(own)

    log_in_with_totp(page, case_worker)
    # The first page with personal data asks for the purpose of work; then it opens.
    page.goto(own_list, wait_until="load")
    choose_purpose_if_asked(page)
    assert page.url.endswith(own_list), page.url
    expect(page.locator("#work-purpose")).to_be_visible()

    # 1. Another department's request and a resident's draft: refused, nothing of the applicant.
    for kind in ("other", "draft"):
        online_request, applicant = requests_of_three_kinds[kind]
        history_list, version = history_paths(online_request)
        assert_refused(page, history_list, applicant, f"{kind}-list")
        assert_refused(page, version, applicant, f"{kind}-version")

    # 2. For contrast, the own department's submitted request: its history and a version open.
    response = page.goto(own_list, wait_until="load")
    assert response is not None and response.status == 200, own_list
    assert page.url.endswith(own_list), page.url
    expect(page.locator("#change-history")).to_be_visible()

    response = page.goto(own_version, wait_until="load")
    assert response is not None and response.status == 200, own_version
    assert page.url.endswith(own_version), page.url
    expect(page.locator("#content-main")).to_contain_text(own_applicant.full_name)
    expect(page.locator("#content-main")).to_contain_text(own_applicant.email)

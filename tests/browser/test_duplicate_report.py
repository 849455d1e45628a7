"""The organisers' duplicate report (issue 15, part 4) by keyboard alone: the pair is listed, the
merge asks first, then frees the place; axe-core on the report, the confirmation, after the merge
and on the empty report; reflow at 320 px.

WCAG 2.1.1 (Keyboard), 2.4.7 (Focus Visible), 1.4.10 (Reflow).
"""

import pytest
from django.urls import reverse
from django.utils import translation

from participation import actions
from participation.models import Registration, RegistrationStatus
from tests.browser.support import (
    assert_no_horizontal_scroll,
    axe_check,
    screenshot,
    staff_session,
    tab_to,
    visit,
)
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, person

pytestmark = pytest.mark.browser


@pytest.fixture
def report(transactional_db):
    """Anna Müller by phone and again online (her phone number): two places; one person waits."""
    event = EventFactory(capacity=2, title_de="Werkstatt Freiham")
    anna = {"first_name": "Anna", "last_name": "Müller", "phone": "089 1234567"}
    by_phone = actions.register(
        event=event, channel="phone", person=person(1, email="", **anna), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    online = actions.register(
        event=event, channel="online", person=person(2, **anna), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    waiting = actions.register(
        event=event, channel="paper", person=person(3, email=""), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    organiser = UserFactory(staff=True, mfa=True, roles=["Veranstaltungsorganisation"])
    with translation.override("en"):
        path = reverse("admin:participation_registration_duplicates", args=[event.pk])
    return {
        "path": path,
        "organiser": organiser,
        "kept": by_phone,
        "dropped": online,
        "waiting": waiting,
    }


def test_merging_a_duplicate_by_keyboard(page, report, live_server):
    staff_session(page, report["organiser"], live_server, "participation_events")
    visit(page, report["path"])
    assert "1 possible duplicate" in page.locator("#duplicate-pairs").inner_text()
    axe_check(page)

    tab_to(page, "button.duplicate-merge", max_tabs=150)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Merge: cancel the second registration").count() == 1
    axe_check(page)
    screenshot(page, "admin-duplicates-confirm")

    tab_to(page, "#merge-confirm", max_tabs=150)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert "Moved up from the waiting list: 1." in page.locator(".messagelist").inner_text()
    assert page.locator("#no-duplicates").count() == 1
    axe_check(page)
    screenshot(page, "admin-duplicates-merged")
    dropped = Registration.objects.get(pk=report["dropped"].pk)
    assert dropped.status == RegistrationStatus.CANCELLED
    assert dropped.linked_to_id == report["kept"].pk
    assert Registration.objects.get(pk=report["waiting"].pk).status == RegistrationStatus.CONFIRMED


def test_the_report_fits_a_phone_and_the_empty_state_passes_axe(page_at, report, live_server):
    narrow = staff_session(
        page_at(width=320, height=640), report["organiser"], live_server, "participation_events"
    )
    visit(narrow, report["path"])
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)
    screenshot(narrow, "admin-duplicates-320")
    actions.cancel_registration(registration=report["dropped"], by=None)
    visit(narrow, report["path"])
    assert narrow.locator("#no-duplicates").count() == 1
    assert_no_horizontal_scroll(narrow)
    axe_check(narrow)

"""The redaction queue of kept contributions and the redaction page (issue 14): axe, 320 px,
keyboard, for a moderator and the data-protection officer."""

from __future__ import annotations

from django.urls import reverse

from ideas import actions
from ideas.models import Redaction
from munich_portal.audit.actions import erase_subject
from munich_portal.core.roles import Role
from tests.browser.support import assert_no_horizontal_scroll, axe_check, tab_to
from tests.browser.test_admin_accessibility import staff_page
from tests.factories import UserFactory
from tests.ideas.conftest import make_process


def _kept_idea(moderator=None):
    resident = UserFactory(full_name="Xaver Quirin", email="xaver.quirin@example.org")
    process = make_process("during")
    idea = actions.create_idea(
        process=process,
        user=resident,
        title="Bank für Xaver Quirin",
        text="Xaver Quirin wünscht eine Bank, Tel. 0176 555.",
        author_name="Xaver Quirin",
    )
    erase_subject(user=resident, reason="account_deleted", contributions="keep")
    idea.refresh_from_db()
    if moderator is not None:
        actions.redact(target=idea, by=moderator, text="Eine Bank, bitte.", title="Bank")
    return idea


def test_the_queue_and_the_redaction_page_pass_axe_reflow_and_keyboard(page_at, live_server):
    moderator = UserFactory(staff=True, roles=[Role.EVENTS], mfa=True)
    idea = _kept_idea()
    page = staff_page(page_at(width=320, height=640), live_server, moderator, "participation_ideas")
    page.goto(live_server.url + reverse("admin:ideas_redaction_queue"), wait_until="load")
    link = page.get_by_role("link", name="Bank für [entfernt]")
    link.wait_for()
    assert_no_horizontal_scroll(page)
    axe_check(page)

    link.click()
    page.wait_for_url(f"**/schwaerzen/idee/{idea.pk}/")
    # Bad input: the error summary and the message at the field, the input kept.
    page.get_by_label("Text", exact=True).fill("")
    page.get_by_label("Titel").fill("Bank")
    page.get_by_role("button", name="Schwärzung speichern").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_label("Titel").input_value() == "Bank"
    assert_no_horizontal_scroll(page)
    axe_check(page)
    # By keyboard: into the text, type, save.
    tab_to(page, "#id_text")
    page.keyboard.type("Eine Bank, bitte.")
    tab_to(page, 'input[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    idea.refresh_from_db()
    assert idea.redaction == Redaction.REVIEW and idea.text == "Eine Bank, bitte."


def test_the_officer_reviews_by_keyboard(page_at, live_server):
    moderator = UserFactory(staff=True, roles=[Role.EVENTS], mfa=True)
    officer = UserFactory(staff=True, roles=[Role.DATA_PROTECTION], mfa=True)
    idea = _kept_idea(moderator)
    page = staff_page(page_at(width=320, height=640), live_server, officer, "data_subject_rights")
    page.goto(
        live_server.url + reverse("admin:ideas_redaction", args=["idee", idea.pk]),
        wait_until="load",
    )
    assert_no_horizontal_scroll(page)
    axe_check(page)
    tab_to(page, 'input[name="approve"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    idea.refresh_from_db()
    assert idea.redaction == Redaction.APPROVED

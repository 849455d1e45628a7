"""The write rules of ideas, supports, comments, reports and moderation (ideas)."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ideas import actions
from ideas.models import Comment, Idea, ModerationDecision, Report, Support, UserBlock
from tests.factories import UserFactory
from tests.ideas.conftest import make_idea, make_process

pytestmark = pytest.mark.django_db


def new_idea(process, user, **overrides):
    values = {"title": "Trinkbrunnen", "text": "Am Stachus fehlt Wasser."}
    values.update(overrides)
    return actions.create_idea(process=process, user=user, **values)


# --- ideas ----
def test_a_resident_writes_an_idea_in_the_participation_phase(process, resident, category):
    idea = new_idea(process, resident, category=category, author_name=" Resi ")
    assert idea.channel == "online"
    assert idea.author == resident
    assert idea.author_name == "Resi"
    assert idea.moderation == "published"
    assert idea.consent_version == actions.ONLINE_CONSENT_VERSION
    assert idea.consented_at is not None


@pytest.mark.parametrize("state", ["before", "after"])
def test_no_ideas_outside_the_participation_phase(resident, state):
    process = make_process(state)
    with pytest.raises(actions.NotOpen):
        new_idea(process, resident)
    assert not Idea.objects.exists()


def test_an_unverified_account_cannot_write(process):
    user = UserFactory(verified=False)
    with pytest.raises(actions.NotAllowed):
        new_idea(process, user)


def test_pre_moderation_keeps_new_ideas_pending(resident):
    process = make_process("during", moderation_mode="pre")
    assert new_idea(process, resident).moderation == "pending"


def test_a_category_of_another_process_is_refused(process, resident):
    other = make_process("during")
    foreign = other.idea_categories.create(name_de="Fremd")
    with pytest.raises(actions.NotAllowed):
        new_idea(process, resident, category=foreign)


def test_ideas_are_rate_limited_per_resident(process, resident):
    for n in range(actions.IDEAS_PER_HOUR):
        new_idea(process, resident, title=f"Idee {n}")
    with pytest.raises(actions.RateLimited):
        new_idea(process, resident, title="eine zu viel")
    # An hour later the limit is free again.
    later = timezone.now() + dt.timedelta(hours=1, minutes=1)
    assert new_idea(process, resident, title="später", now=later)


def test_a_blocked_resident_cannot_contribute(process, resident, moderator):
    actions.block_user(user=resident, by=moderator, reason="Beleidigungen", process=process)
    with pytest.raises(actions.Blocked):
        new_idea(process, resident)
    # Another process is not affected by a process block.
    assert new_idea(make_process("during"), resident)
    decision = ModerationDecision.objects.get(action="block")
    assert decision.affected_user == resident and decision.reason == "Beleidigungen"


def test_a_portal_wide_block_holds_everywhere_until_lifted(process, resident, moderator):
    block = actions.block_user(user=resident, by=moderator, reason="Spam")
    with pytest.raises(actions.Blocked):
        new_idea(process, resident)
    actions.lift_block(block=block, by=moderator)
    assert UserBlock.objects.get().lifted_at is not None
    assert new_idea(process, resident)


# --- transcription ----
def test_a_clerk_transcribes_a_paper_idea_with_consent_and_address(process, clerk):
    idea = actions.transcribe_idea(
        process=process,
        clerk=clerk,
        channel="paper",
        title="Bänke",
        text="Mehr Bänke bitte",
        consent_version="papier-2026",
        contact_street="Sendlinger Str. 1",
        contact_postal_code="80331",
        contact_city="München",
    )
    assert idea.channel == "paper" and idea.author is None and idea.entered_by == clerk
    assert idea.consent_version == "papier-2026"
    assert idea.has_postal_address and idea.notify


def test_transcription_refuses_ideas_received_after_the_phase(clerk):
    process = make_process("after")
    today = timezone.localdate()
    with pytest.raises(actions.NotOpen):
        actions.transcribe_idea(
            process=process, clerk=clerk, channel="phone", title="x", text="y",
            consent_version="v", received_on=today,
        )  # fmt: skip
    # A letter received within the phase may still be typed in afterwards.
    idea = actions.transcribe_idea(
        process=process, clerk=clerk, channel="paper", title="x", text="y",
        consent_version="v", received_on=today - dt.timedelta(days=10),
    )  # fmt: skip
    assert timezone.localdate(idea.created_at) == today - dt.timedelta(days=10)


def test_only_clerks_transcribe_and_never_as_online(process, clerk, resident):
    with pytest.raises(actions.NotAllowed):
        actions.transcribe_idea(
            process=process, clerk=resident, channel="paper", title="x", text="y",
            consent_version="v",
        )  # fmt: skip
    with pytest.raises(actions.NotAllowed):
        actions.transcribe_idea(
            process=process, clerk=clerk, channel="online", title="x", text="y",
            consent_version="v",
        )  # fmt: skip


# --- supports ----
def test_support_toggles_and_the_counter_follows(process, resident, author):
    idea = make_idea(process, author)
    assert actions.toggle_support(idea=idea, user=resident) is True
    idea.refresh_from_db()
    assert idea.supports_count == 1
    assert actions.toggle_support(idea=idea, user=resident) is False
    idea.refresh_from_db()
    assert idea.supports_count == 0
    assert not Support.objects.exists()


def test_one_support_per_person_is_a_database_rule(process, resident):
    idea = make_idea(process)
    Support.objects.create(idea=idea, user=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(idea=idea, user=resident)
    # Supports without an account (paper lists) are counted, not deduplicated.
    Support.objects.create(idea=idea, user=None, channel="paper")
    Support.objects.create(idea=idea, user=None, channel="paper")
    actions.refresh_counters(idea.pk)
    idea.refresh_from_db()
    assert idea.supports_count == 3


def test_support_needs_the_participation_phase(resident):
    idea = make_idea(make_process("after"))
    with pytest.raises(actions.NotOpen):
        actions.toggle_support(idea=idea, user=resident)


def test_hidden_or_pending_ideas_cannot_be_supported(process, resident):
    idea = make_idea(process, moderation="pending")
    with pytest.raises(actions.NotAllowed):
        actions.toggle_support(idea=idea, user=resident)


# --- comments ----
def test_comments_have_one_level_of_replies(process, resident, author):
    idea = make_idea(process, author)
    top = actions.add_comment(process=process, user=resident, idea=idea, text="Gut!")
    reply = actions.add_comment(process=process, user=author, idea=idea, parent=top, text="Danke")
    with pytest.raises(actions.NotAllowed):
        actions.add_comment(process=process, user=resident, idea=idea, parent=reply, text="x")
    idea.refresh_from_db()
    assert idea.comments_count == 2


def test_the_database_refuses_a_reply_to_a_reply(process, resident):
    top = Comment.objects.create(process=process, text="a", author=resident)
    reply = Comment.objects.create(process=process, text="b", parent=top, author=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(process=process, text="c", parent=reply, author=resident)
    # A reply must stay with its parent's idea (or the process discussion).
    idea = make_idea(process)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(process=process, idea=idea, text="d", parent=top)


def test_comments_on_the_process_itself(process, resident):
    comment = actions.add_comment(process=process, user=resident, text="Allgemein")
    assert comment.idea is None
    assert "/diskussion/#kommentar-" in comment.get_absolute_url()


def test_comments_are_editable_for_a_short_time_by_their_author(process, resident, settings):
    settings.PARTICIPATION_COMMENT_EDIT_MINUTES = 15
    comment = actions.add_comment(process=process, user=resident, text="Tippfeler")
    actions.edit_comment(comment=comment, user=resident, text="Tippfehler")
    comment.refresh_from_db()
    assert comment.text == "Tippfehler" and comment.edited_at is not None
    later = timezone.now() + dt.timedelta(minutes=16)
    with pytest.raises(actions.EditWindowClosed):
        actions.edit_comment(comment=comment, user=resident, text="zu spät", now=later)
    other = UserFactory()
    with pytest.raises(actions.NotAllowed):
        actions.edit_comment(comment=comment, user=other, text="fremd")


def test_deleting_replaces_the_text_also_in_the_history_and_keeps_the_thread(
    process, resident, author
):
    idea = make_idea(process, author)
    top = actions.add_comment(process=process, user=resident, idea=idea, text="Geheimnis")
    actions.add_comment(process=process, user=author, idea=idea, parent=top, text="Antwort")
    actions.delete_comment(comment=top, user=resident)
    top.refresh_from_db()
    assert top.deleted_at is not None and top.text == ""
    assert top.replies.count() == 1
    assert not Comment.history.filter(id=top.pk, text__contains="Geheimnis").exists()
    idea.refresh_from_db()
    assert idea.comments_count == 1
    with pytest.raises(actions.NotAllowed):
        actions.delete_comment(comment=top, user=author)


def test_comments_are_rate_limited(process, resident):
    for n in range(actions.COMMENTS_PER_HOUR):
        actions.add_comment(process=process, user=resident, text=f"c{n}")
    with pytest.raises(actions.RateLimited):
        actions.add_comment(process=process, user=resident, text="zu viel")


# --- reports and moderation ----
def test_one_open_report_per_person_and_item(process, resident):
    idea = make_idea(process)
    actions.report(user=resident, idea=idea, reason="spam")
    with pytest.raises(actions.AlreadyReported):
        actions.report(user=resident, idea=idea, reason="insult")


def test_reports_are_rate_limited(process, resident):
    ideas = [make_idea(process, title=f"i{n}") for n in range(actions.REPORTS_PER_HOUR + 1)]
    for idea in ideas[:-1]:
        actions.report(user=resident, idea=idea, reason="spam")
    with pytest.raises(actions.RateLimited):
        actions.report(user=resident, idea=ideas[-1], reason="spam")


def test_hiding_needs_a_public_reason_and_is_recorded(process, resident, author, moderator):
    idea = make_idea(process, author)
    comment = actions.add_comment(process=process, user=resident, idea=idea, text="Beleidigung")
    actions.report(user=author, comment=comment, reason="insult")
    with pytest.raises(actions.NotAllowed):
        actions.moderate(target=comment, action="hide", by=moderator)
    decision = actions.moderate(
        target=comment, action="hide", by=moderator, reason="Beleidigt andere."
    )
    comment.refresh_from_db()
    assert comment.moderation == "hidden" and comment.moderation_reason == "Beleidigt andere."
    assert decision.affected_user == resident and decision.decided_by_id == moderator.pk
    assert Report.objects.get().handled_at is not None
    idea.refresh_from_db()
    assert idea.comments_count == 0
    actions.moderate(target=comment, action="restore", by=moderator)
    comment.refresh_from_db()
    assert comment.moderation == "published" and comment.moderation_reason == ""
    assert list(
        ModerationDecision.objects.order_by("decided_at", "pk").values_list("action", flat=True)
    ) == ["hide", "restore"]
    # The history of the comment holds every state.
    assert {h.moderation for h in comment.history.all()} == {"published", "hidden"}


def test_the_database_refuses_hidden_content_without_reason(process):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_idea(process, moderation="hidden", moderation_reason="")


def test_residents_cannot_moderate(process, resident):
    idea = make_idea(process)
    with pytest.raises(actions.NotAllowed):
        actions.moderate(target=idea, action="hide", by=resident, reason="x")


def test_a_note_to_the_author_is_mailed(process, author, moderator, on_commit):
    idea = make_idea(process, author)
    on_commit(
        actions.moderate,
        target=idea,
        action="note",
        by=moderator,
        note_to_author="Bitte ohne Großbuchstaben.",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [author.email]
    assert "Bitte ohne Großbuchstaben." in mail.outbox[0].body


# --- answers, statuses, notifications ----
def test_an_answer_is_mailed_to_an_online_author_with_an_opt_out_link(
    process, author, organiser, on_commit
):
    idea = make_idea(process, author, language="de")
    on_commit(
        actions.answer_idea,
        idea=idea,
        by=organiser,
        answer="Wir pflanzen 20 Bäume.",
        status="accepted",
        reason="Im Haushalt 2027.",
    )
    idea.refresh_from_db()
    assert idea.status == "accepted" and idea.answered_by == organiser
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Wir pflanzen 20 Bäume." in body and "Im Haushalt 2027." in body
    assert "/ideen/nachrichten-abbestellen/" in body


def test_a_paper_author_with_an_address_gets_a_letter(process, organiser, on_commit):
    idea = make_idea(
        process, channel="paper", contact_street="Weg 1", contact_postal_code="80331",
        contact_city="München",
    )  # fmt: skip
    on_commit(actions.answer_idea, idea=idea, by=organiser, status="under_review")
    assert not mail.outbox
    (letter,) = idea.letters.all()
    assert letter.kind == "ideas.status"
    assert (letter.street, letter.postal_code, letter.city) == ("Weg 1", "80331", "München")
    assert "Status: in Prüfung" in letter.body  # the new status, in the idea's language


def test_the_letter_is_written_in_the_answers_transaction(process, organiser):
    """Written when the answer is given (no commit needed): it says what was decided then."""
    idea = make_idea(
        process, channel="paper", author_name="Frau K.", contact_street="Weg 1",
        contact_postal_code="80331", contact_city="München",
    )  # fmt: skip
    actions.answer_idea(idea=idea, by=organiser, answer="Wir prüfen das.")
    (letter,) = idea.letters.all()
    assert letter.kind == "ideas.answer"
    assert "Wir prüfen das." in letter.body
    actions.answer_idea(idea=idea, by=organiser, answer="Neue Antwort.")
    letter.refresh_from_db()
    assert "Wir prüfen das." in letter.body and "Neue Antwort." not in letter.body
    assert idea.letters.count() == 2


def test_no_message_after_opting_out(process, author, organiser, on_commit):
    idea = make_idea(process, author)
    actions.opt_out(idea=idea)
    on_commit(actions.answer_idea, idea=idea, by=organiser, answer="Antwort")
    assert not mail.outbox


def test_only_answerers_answer(process, moderator):
    idea = make_idea(process)
    with pytest.raises(actions.NotAllowed):
        actions.answer_idea(idea=idea, by=moderator, answer="x")


def test_erasure_keeps_the_content_but_not_the_author(process, author, resident):
    """Kept contributions (the resident's choice) lose their link and the name shown; the text
    stays in the process (tests/ideas/test_erasure_contributions.py: the other choice)."""
    from munich_portal.audit.actions import erase_subject

    idea = new_idea(process, author, author_name="Aut Orin")
    comment = actions.add_comment(
        process=process, user=author, idea=idea, text="Mein Kommentar", author_name="A. O."
    )
    actions.toggle_support(idea=idea, user=author)
    erase_subject(user=author, reason="account_deleted", contributions="keep")
    idea.refresh_from_db()
    comment.refresh_from_db()
    assert idea.author_id is None and idea.author_name == ""
    assert idea.text == "Am Stachus fehlt Wasser."
    assert comment.author_id is None and comment.author_name == ""
    assert comment.text == "Mein Kommentar"
    assert not idea.history.filter(author_name="Aut Orin").exists()
    assert Support.objects.get().user_id is None


def test_pending_comments_show_to_their_author_and_moderators_only(
    process, resident, author, moderator
):
    from ideas import selectors

    pre = make_process("during", moderation_mode="pre")
    comment = actions.add_comment(process=pre, user=author, text="Wartet")
    assert comment.moderation == "pending"

    def visible(user, moderator_flag=False):
        threads = selectors.comment_threads(pre, idea=None, user=user, moderator=moderator_flag)
        return [thread.comment.text for thread in threads]

    assert visible(resident) == []
    assert visible(author) == ["Wartet"]
    assert visible(moderator, True) == ["Wartet"]
    actions.moderate(target=comment, action="approve", by=moderator)
    assert visible(resident) == ["Wartet"]

"""The authors' e-mails (answers, new status, moderators' notes) are outbox rows written in the
change's transaction (issue 13)."""

import pytest
from django.core import mail
from django.db import transaction

from ideas import actions
from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import EmailStatus, OutgoingEmail
from tests.ideas.conftest import make_idea

pytestmark = pytest.mark.django_db


def test_an_answer_writes_its_email_in_the_same_transaction(
    process, author, organiser, django_capture_on_commit_callbacks
):
    idea = make_idea(process, author)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        actions.answer_idea(idea=idea, by=organiser, answer="Wir pflanzen Linden.")
        (email,) = OutgoingEmail.objects.all()  # written inside the transaction
        assert mail.outbox == []
    email.refresh_from_db()
    assert (email.kind, email.source, email.status) == ("ideas.answer", idea, EmailStatus.SENT)
    (sent,) = mail.outbox
    assert sent.to == ["autorin@example.org"]
    (event,) = DataUseEvent.objects.filter(action="send")
    assert (event.record_type, event.record_id) == ("messaging.outgoingemail", str(email.pk))
    assert event.purpose == "participation_ideas"


def test_an_answer_that_rolls_back_leaves_no_email(
    process, author, organiser, django_capture_on_commit_callbacks
):
    idea = make_idea(process, author)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.answer_idea(idea=idea, by=organiser, answer="Wir pflanzen Linden.")
        assert OutgoingEmail.objects.count() == 1
        raise RuntimeError("the change fails after the e-mail was written")
    assert not OutgoingEmail.objects.exists()
    assert callbacks == [] and mail.outbox == []


def test_a_moderators_note_is_an_outbox_email_of_the_decision(
    process, author, moderator, django_capture_on_commit_callbacks
):
    idea = make_idea(process, author)
    with django_capture_on_commit_callbacks(execute=True):
        decision = actions.moderate(
            target=idea, action="note", by=moderator, note_to_author="Bitte sachlich bleiben."
        )
    (email,) = OutgoingEmail.objects.all()
    assert (email.kind, email.source, email.status) == (
        "ideas.moderation_note",
        decision,
        EmailStatus.SENT,
    )
    assert "Bitte sachlich bleiben." in mail.outbox[0].body


def test_a_moderation_that_rolls_back_leaves_no_note(process, author, moderator):
    idea = make_idea(process, author)
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.moderate(target=idea, action="note", by=moderator, note_to_author="Bitte.")
        assert OutgoingEmail.objects.count() == 1
        raise RuntimeError("the change fails after the e-mail was written")
    assert not OutgoingEmail.objects.exists()

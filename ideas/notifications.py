"""Telling authors what became of their idea: e-mail, or a letter the clerks print.

When an idea gets the city's official answer or a new status (:func:`notify_author`, inside the
transaction of the change), its author hears about it in the language they wrote in:

- online authors at their account's e-mail address, paper/phone authors at the e-mail they gave
  (sent once the change is committed, :func:`send_by_id`);
- paper/phone authors with only a postal address get a letter, written now and queued with
  :func:`munich_portal.messaging.actions.queue_letter` for the clerks' daily print batch (the
  kinds ``ideas.answer`` and ``ideas.status`` are registered in :mod:`ideas.apps`);
- nobody is told who opted out (the signed link in every message) or gave no contact.

A moderator's note to an author (:func:`send_moderation_note`) goes by e-mail only. Every message
to an author with an account is a data-use event (``record_system_send``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.models import Idea, ModerationDecision
from munich_portal.audit.actions import record_system_send
from munich_portal.messaging import actions as letters
from participation.notifications import letter_sender

logger = logging.getLogger(__name__)

#: The messages about an idea that go by letter to authors without e-mail, with their labels for
#: the staff; registered as "ideas.<kind>" (ideas.apps).
LETTER_KINDS = {
    "answer": gettext_lazy("answer to an idea"),
    "status": gettext_lazy("new status of an idea"),
}


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def to_account(idea: Idea) -> bool:
    return bool(idea.author_id and idea.author and idea.author.is_active)


def recipient_email(idea: Idea) -> str:
    if to_account(idea):
        return idea.author.email
    return idea.contact_email


def opt_out_url(idea: Idea) -> str:
    from ideas.views import opt_out_token

    return absolute_url(reverse("ideas:idea_opt_out", kwargs={"token": opt_out_token(idea)}))


def _subject(idea: Idea, kind: str) -> str:
    subjects = {
        "answer": _("The city has answered your idea: %(title)s"),
        "status": _("News about your idea: %(title)s"),
    }
    return subjects[kind] % {"title": idea.title}


def build_email(idea: Idea, kind: str, to: str) -> EmailMessage:
    with translation.override(idea.language or settings.LANGUAGE_CODE):
        context = {
            "idea": idea,
            # The name only to an account's (verified) address; an address a clerk typed in from
            # paper or a call is not proven to belong to whoever wrote the name.
            "greeting_name": idea.author_name if to_account(idea) else "",
            "process": idea.process,
            "kind": kind,
            "idea_url": absolute_url(idea.get_absolute_url()),
            "opt_out_url": opt_out_url(idea),
        }
        return EmailMessage(
            subject=_subject(idea, kind),
            body=render_to_string("ideas/email/answer.txt", context),
            to=[to],
            reply_to=[idea.process.contact_email] if idea.process.contact_email else [],
        )


def notify_author(idea: Idea, kind: str) -> str | None:
    """Tell the author about the answer/status; returns ``"email"``, ``"letter"`` or ``None``.

    Called inside the transaction of the change: a letter is written and queued now (it says
    what was decided), an e-mail is sent once the change is committed.
    """
    if not idea.notify:
        return None
    if recipient_email(idea):
        pk = idea.pk
        transaction.on_commit(lambda: send_by_id(pk, kind))
        return "email"
    if idea.has_postal_address:
        queue_letter(idea, kind)
        return "letter"
    return None


def send_by_id(idea_id: int, kind: str) -> bool:
    """E-mail the author about the answer/status (after commit); a failure is logged."""
    idea = Idea.objects.select_related("process", "author").filter(pk=idea_id).first()
    if idea is None or not idea.notify:
        return False
    email = recipient_email(idea)
    if not email:
        return False
    try:
        build_email(idea, kind, email).send()
    except OSError:
        logger.exception("Could not send the %s e-mail for idea %s", kind, idea_id)
        return False
    if idea.author_id:
        record_system_send(
            subject=idea.author_id,
            purpose="participation_ideas",
            record=idea,
            details={"message": kind},
        )
    return True


def letter_kind(kind: str) -> str:
    """The letter kind's key for the message ``kind`` (``"ideas.answer"``)."""
    return f"ideas.{kind}"


def queue_letter(idea: Idea, kind: str):
    """Write the letter of ``kind`` in the idea's language and queue it for printing."""
    process = idea.process
    language = idea.language or settings.LANGUAGE_CODE
    with translation.override(language):
        body = render_to_string(
            "ideas/letter.txt",
            {
                "idea": idea,
                "process": process,
                "kind": kind,
                "status": idea.get_status_display(),
                "opt_out_url": opt_out_url(idea),
            },
        )
        subject = _subject(idea, kind)
    return letters.queue_letter(
        kind=letter_kind(kind),
        source=idea,
        recipient=idea.author if idea.author_id else None,
        address=letters.PostalAddress(
            name=idea.author_name,
            street=idea.contact_street,
            postal_code=idea.contact_postal_code,
            city=idea.contact_city,
        ),
        sender=letter_sender(process, language),
        subject=subject,
        body=body,
        language=language,
    )


def send_moderation_note(decision_id: int) -> bool:
    """E-mail a moderator's note to the author of the moderated idea or comment."""
    decision = (
        ModerationDecision.objects.select_related("idea", "comment", "process", "affected_user")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or not decision.note_to_author:
        return False
    target = decision.idea or decision.comment
    user = decision.affected_user
    email = user.email if user and user.is_active else getattr(target, "contact_email", "")
    if not email:
        return False
    language = getattr(target, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        message = EmailMessage(
            subject=_("A note from the moderation team: %(process)s")
            % {"process": decision.process.title},
            body=render_to_string(
                "ideas/email/moderation_note.txt",
                {
                    "decision": decision,
                    "target": target,
                    "process": decision.process,
                    "target_url": absolute_url(target.get_absolute_url()) if target else "",
                },
            ),
            to=[email],
            reply_to=[decision.process.contact_email] if decision.process.contact_email else [],
        )
    try:
        message.send()
    except OSError:
        logger.exception("Could not send the moderation note %s", decision_id)
        return False
    if user is not None:
        record_system_send(
            subject=user.pk,
            purpose="participation_ideas",
            record=decision,
            details={"message": "moderation_note"},
        )
    return True

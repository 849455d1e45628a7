"""Telling authors what became of their idea: e-mail, or a letter the clerks print.

When an idea gets the city's official answer or a new status (:func:`notify_author`), its author
hears about it in the language they wrote in:

- online authors at their account's e-mail address, paper/phone authors at the e-mail they gave;
- paper/phone authors with only a postal address get an :class:`~participation.models.IdeaLetter`
  the clerks print (staff area, "Letters about ideas");
- nobody is told who opted out (the signed link in every message) or gave no contact.

A moderator's note to an author (:func:`send_moderation_note`) goes by e-mail only. Every message
to an author with an account is a data-use event (``record_system_send``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ideas.models import Idea, IdeaLetter, ModerationDecision
from munich_portal.audit.actions import record_system_send

logger = logging.getLogger(__name__)


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


def build_email(idea: Idea, kind: str, to: str) -> EmailMessage:
    with translation.override(idea.language or settings.LANGUAGE_CODE):
        subjects = {
            "answer": _("The city has answered your idea: %(title)s"),
            "status": _("News about your idea: %(title)s"),
        }
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
            subject=subjects[kind] % {"title": idea.title},
            body=render_to_string("ideas/email/answer.txt", context),
            to=[to],
            reply_to=[idea.process.contact_email] if idea.process.contact_email else [],
        )


def notify_author(idea_id: int, kind: str) -> str | None:
    """Tell the author about the answer/status; returns ``"email"``, ``"letter"`` or ``None``."""
    idea = Idea.objects.select_related("process", "author").filter(pk=idea_id).first()
    if idea is None or not idea.notify:
        return None
    email = recipient_email(idea)
    if email:
        try:
            build_email(idea, kind, email).send()
        except OSError:
            logger.exception("Could not send the %s e-mail for idea %s", kind, idea_id)
            return None
        if idea.author_id:
            record_system_send(
                subject=idea.author_id,
                purpose="participation_ideas",
                record=idea,
                details={"message": kind},
            )
        return "email"
    if idea.has_postal_address:
        IdeaLetter.objects.create(idea=idea, kind=kind)
        return "letter"
    return None


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

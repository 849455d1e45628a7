"""Telling authors what became of their idea: e-mail, or a letter the clerks print.

When an idea gets the city's official answer or a new status (:func:`notify_author`, inside the
transaction of the change), its author hears about it in the language they wrote in:

- online authors at their account's e-mail address, paper/phone authors at the e-mail they gave:
  written now and stored in the outbox with :func:`munich_portal.messaging.actions.queue_email`
  (the worker sends it after commit, and again later while the relay is down);
- paper/phone authors with only a postal address get a letter, written now and queued with
  :func:`munich_portal.messaging.actions.queue_letter` for the clerks' daily print batch (the
  kinds ``ideas.answer`` and ``ideas.status`` are registered in :mod:`ideas.apps`);
- nobody is told who opted out (the signed link in every message) or gave no contact.

A moderator's note to an author (:func:`queue_moderation_note`, kind ``ideas.moderation_note``)
goes by e-mail only, through the outbox too. Every e-mail to an author with an account is a data-use
event (``send``, written by the outbox when the relay accepted it).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.models import Idea, ModerationDecision
from munich_portal.messaging import actions as letters
from participation.notifications import letter_sender

#: The messages about an idea that go by letter to authors without e-mail, with their labels for
#: the staff; registered as "ideas.<kind>" (ideas.apps).
LETTER_KINDS = {
    "answer": gettext_lazy("answer to an idea"),
    "status": gettext_lazy("new status of an idea"),
}
#: The messages that only go by e-mail (the outbox admin's labels).
EMAIL_ONLY_KINDS = {
    "moderation_note": gettext_lazy("note from the moderation team"),
}
#: The e-mails with a link that acts for the author (stop the e-mails about the idea): the staff
#: area does not show their text.
CONFIDENTIAL_KINDS = set(LETTER_KINDS)


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


def queue_email(idea: Idea, kind: str, to: str):
    """Write the e-mail about the answer/status in the idea's language and store it in the
    outbox; called inside the transaction of the change."""
    language = idea.language or settings.LANGUAGE_CODE
    with translation.override(language):
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
        subject = _subject(idea, kind)
        body = render_to_string("ideas/email/answer.txt", context)
    return letters.queue_email(
        kind=letter_kind(kind),
        source=idea,
        recipient=idea.author if to_account(idea) else None,
        to=to,
        reply_to=idea.process.contact_email or "",
        subject=subject,
        body=body,
        language=language,
    )


def notify_author(idea: Idea, kind: str) -> str | None:
    """Tell the author about the answer/status; returns ``"email"``, ``"letter"`` or ``None``.

    Called inside the transaction of the change: the e-mail (an outbox row) or the letter is
    written now and says what was decided; a change that rolls back tells nobody anything.
    """
    if not idea.notify:
        return None
    email = recipient_email(idea)
    if email:
        queue_email(idea, kind, email)
        return "email"
    if idea.has_postal_address:
        queue_letter(idea, kind)
        return "letter"
    return None


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


def queue_moderation_note(decision: ModerationDecision):
    """Write a moderator's note to the author of the moderated idea or comment and store it in
    the outbox (``None`` without an address); called inside the transaction of the decision."""
    if not decision.note_to_author:
        return None
    target = decision.idea or decision.comment
    user = decision.affected_user
    to_user = bool(user and user.is_active)
    email = user.email if to_user else getattr(target, "contact_email", "")
    if not email:
        return None
    language = getattr(target, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("A note from the moderation team: %(process)s") % {
            "process": decision.process.title
        }
        body = render_to_string(
            "ideas/email/moderation_note.txt",
            {
                "decision": decision,
                "target": target,
                "process": decision.process,
                "target_url": absolute_url(target.get_absolute_url()) if target else "",
            },
        )
    return letters.queue_email(
        kind=letter_kind("moderation_note"),
        source=decision,
        recipient=user,
        to=email,
        reply_to=decision.process.contact_email or "",
        subject=subject,
        body=body,
        language=language,
    )

"""Who may do what with ideas and comments, and when (the permission matrix of issue 7).

One module for the rules so the views, the templates and the tests ask the same questions.
Writes by residents (ideas, supports, comments) are open only in the participation phase; reading
is open once an idea or comment is not waiting for pre-moderation. Staff rights come from the
model permissions of their role (munich_portal/core/roles.py).
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils import timezone

from ideas.models import UserBlock
from munich_portal.core.timezone import today_in_munich
from participation.models import Phase, Process

BEFORE = "before"
DURING = "during"
AFTER = "after"


def phase_state(phases, today: dt.date) -> str:
    """``before``/``during``/``after`` the participation phase(s) of a process.

    A process without a participation phase collects nothing: it counts as ``after`` once its
    first phase began and ``before`` until then.
    """
    participation = [phase for phase in phases if phase.kind == Phase.Kind.PARTICIPATION]
    if any(phase.starts_on <= today <= phase.ends_on for phase in participation):
        return DURING
    if any(phase.starts_on > today for phase in participation):
        return BEFORE
    if participation:
        return AFTER
    return BEFORE if not phases or min(p.starts_on for p in phases) > today else AFTER


def process_phase_state(process: Process, *, today: dt.date | None = None) -> str:
    """The phase state of ``process`` (one query unless its phases are prefetched)."""
    return phase_state(list(process.phases.all()), today or today_in_munich())


def is_resident(user) -> bool:
    """Logged in, active, with a verified e-mail address (mandatory verification: normally so)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    verified = getattr(user, "_ideas_verified", None)
    if verified is None:
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._ideas_verified = verified
    return verified


def is_blocked(user, process: Process) -> bool:
    if not (user and user.is_authenticated):
        return False
    return (
        UserBlock.objects.filter(user=user, lifted_at__isnull=True)
        .filter(Q(process=process) | Q(process__isnull=True))
        .exists()
    )


def can_moderate(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm("ideas.moderate_idea"))


def can_answer(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm("ideas.answer_idea"))


def can_transcribe(user) -> bool:
    return bool(
        user and user.is_active and user.is_staff and user.has_perm("ideas.transcribe_idea")
    )


def can_contribute(user, process: Process, state: str) -> bool:
    """May ``user`` write an idea, a support or a comment in ``process`` now?"""
    return state == DURING and is_resident(user) and not is_blocked(user, process)


def comment_editable(comment, user, *, now: dt.datetime | None = None) -> bool:
    """The author edits a comment within ``PARTICIPATION_COMMENT_EDIT_MINUTES`` of writing it."""
    from django.conf import settings

    if not (user and user.is_authenticated) or comment.author_id != user.pk:
        return False
    if comment.deleted_at or comment.moderation == "hidden":
        return False
    window = dt.timedelta(minutes=settings.PARTICIPATION_COMMENT_EDIT_MINUTES)
    return (now or timezone.now()) - comment.created_at <= window


def comment_deletable(comment, user) -> bool:
    return bool(
        user and user.is_authenticated and comment.author_id == user.pk and not comment.deleted_at
    )

"""Reads of the messages.

- :func:`outbox_counts` — how many e-mails are in each status (for operators; no personal data);
- :func:`outbox_backlog` — what waits to be sent and for how long (``/healthz``; no personal data).

Reads of the letters, always through the row scope (a staff member sees the kinds of letter
registered for their roles, :mod:`munich_portal.messaging.registry`):

- :func:`pending_letters` — the letters not printed yet, oldest first: the next batch;
- :func:`pending_by_kind` — how many of them of each kind, for the clerks' page;
- :func:`letters_of_batch` — the letters first printed in the batch of one day (to print again);
- :func:`printed_letter_batches` — the most recent batches with their number of letters.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from munich_portal.core.scopes import for_staff
from munich_portal.messaging.models import EmailStatus, Letter, OutgoingEmail
from munich_portal.messaging.registry import UnknownLetterKind, letter_kind

__all__ = [
    "letters_of_batch",
    "outbox_backlog",
    "outbox_counts",
    "pending_by_kind",
    "pending_letters",
    "printed_letter_batches",
]


def outbox_counts() -> dict[str, int]:
    """The number of e-mails in each status, every status named (0 when none)."""
    counts = dict.fromkeys(EmailStatus.values, 0)
    rows = OutgoingEmail.objects.order_by().values_list("status").annotate(n=Count("pk"))
    counts.update(dict(rows))
    return counts


def outbox_backlog(*, now: dt.datetime | None = None) -> dict[str, int | None]:
    """What the worker still has to do, in one query over the unsent e-mails (issue 13, part 3).

    ``queued`` (waiting, also for a retry), ``sending`` (claimed by a worker) and ``failed``
    (given up; staff retry them) count e-mails; ``oldest_queued_seconds`` is the age of the oldest
    queued e-mail and ``overdue_seconds`` how long the queued e-mail due first has been due — a
    running worker takes a due e-mail within seconds, so a growing value means none is delivering.
    Both are ``None`` when nothing qualifies.
    """
    now = now or timezone.now()
    queued = Q(status=EmailStatus.QUEUED)
    figures = OutgoingEmail.objects.filter(
        status__in=[EmailStatus.QUEUED, EmailStatus.SENDING, EmailStatus.FAILED]
    ).aggregate(
        queued=Count("pk", filter=queued),
        sending=Count("pk", filter=Q(status=EmailStatus.SENDING)),
        failed=Count("pk", filter=Q(status=EmailStatus.FAILED)),
        oldest_queued=Min("created_at", filter=queued),
        first_due=Min("next_attempt_at", filter=queued & Q(next_attempt_at__lte=now)),
    )
    return {
        "queued": figures["queued"],
        "sending": figures["sending"],
        "failed": figures["failed"],
        "oldest_queued_seconds": _seconds_since(figures["oldest_queued"], now),
        "overdue_seconds": _seconds_since(figures["first_due"], now),
    }


def _seconds_since(moment: dt.datetime | None, now: dt.datetime) -> int | None:
    return None if moment is None else max(int((now - moment).total_seconds()), 0)


def _visible(user) -> QuerySet[Letter]:
    return for_staff(Letter.objects.all(), user)


def pending_letters(user) -> QuerySet[Letter]:
    """The letters ``user`` may see that are not printed yet, oldest first."""
    return _visible(user).filter(printed_at__isnull=True).order_by("created_at", "pk")


def pending_by_kind(user) -> list[dict]:
    """``{"kind": key, "label": label, "letters": n}`` per kind of the pending letters."""
    rows = (
        pending_letters(user)
        .order_by()
        .values("kind")
        .annotate(letters=Count("pk"))
        .order_by("kind")
    )
    result = []
    for row in rows:
        try:
            label = letter_kind(row["kind"]).label
        except UnknownLetterKind:  # an app that no longer registers it: show the key
            label = row["kind"]
        result.append({"kind": row["kind"], "label": label, "letters": row["letters"]})
    return result


def letters_of_batch(user, day: dt.date) -> QuerySet[Letter]:
    """The letters ``user`` may see that were first printed in the batch of ``day``."""
    return _visible(user).filter(printed_batch=day).order_by("created_at", "pk")


def printed_letter_batches(user, *, limit: int = 10) -> list[dict]:
    """The most recent batches ``user`` may see: ``{"printed_batch": day, "letters": n}``."""
    rows = (
        _visible(user)
        .filter(printed_batch__isnull=False)
        .order_by()
        .values("printed_batch")
        .annotate(letters=Count("pk"))
        .order_by("-printed_batch")[:limit]
    )
    return [{"printed_batch": row["printed_batch"], "letters": row["letters"]} for row in rows]

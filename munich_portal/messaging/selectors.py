"""Reads of the messages.

- :func:`outbox_counts` — how many e-mails are in each status (for operators; no personal data).

Reads of the letters, always through the row scope (a staff member sees the kinds of letter
registered for their roles, :mod:`munich_portal.messaging.registry`):

- :func:`pending_letters` — the letters not printed yet, oldest first: the next batch;
- :func:`pending_by_kind` — how many of them of each kind, for the clerks' page;
- :func:`letters_of_batch` — the letters first printed in the batch of one day (to print again);
- :func:`printed_letter_batches` — the most recent batches with their number of letters.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from munich_portal.core.scopes import for_staff
from munich_portal.messaging.models import EmailStatus, Letter, OutgoingEmail
from munich_portal.messaging.registry import UnknownLetterKind, letter_kind

__all__ = [
    "letters_of_batch",
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

"""Reads of the paper channel: sheets by number, batch counts, duplicate candidates.

- :func:`sheet_for_number` — the sheet a typed or scanned number belongs to (with its batch);
- :func:`batch_events` — the events a batch's sheets offer (one, or a process's open events);
- :func:`batch_counts` / :func:`accounting` — per batch: sheets issued, returned, entered, void,
  returned but not entered (waiting), missing;
- :func:`events_for_calls` — the events a clerk may register callers and walk-ins for;
- :func:`find_duplicates` — registrations of the same event that look like the same person.

Duplicates are found by a *normalised name* plus one matching contact (e-mail, phone or postal
code), as everywhere in the portal: :mod:`munich_portal.core.person_match` holds the normalisers
and :func:`participation.selectors.person_matches` the comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from munich_portal.core.person_match import normalise_name, normalise_phone
from paper.models import FormBatch, FormSheet
from participation.models import Event, Registration
from participation.selectors import person_matches

__all__ = [
    "Accounting",
    "Candidate",
    "accounting",
    "batch_counts",
    "batch_events",
    "batches_of_event",
    "batches_with_counts",
    "counts_for_batch",
    "events_for_calls",
    "find_duplicates",
    "mask_email",
    "mask_phone",
    "normalise_name",
    "normalise_phone",
    "sheet_for_number",
]

_NON_DIGITS = re.compile(r"\D+")


def mask_email(email: str) -> str:
    """``anna.huber@example.org`` → ``a•••@example.org``: enough to tell two addresses apart."""
    if not email or "@" not in email:
        return ""
    local, domain = email.rsplit("@", 1)
    return f"{local[:1]}•••@{domain}"


def mask_phone(phone: str) -> str:
    """Only the last three digits: ``089 1234567`` → ``•••567``."""
    digits = _NON_DIGITS.sub("", phone or "")
    if len(digits) < 4:
        return "•••" if digits else ""
    return f"•••{digits[-3:]}"


def mask_postal_code(postal_code: str) -> str:
    return postal_code.strip() if postal_code else ""


def sheet_for_number(digits: str) -> FormSheet | None:
    """The sheet with the number ``digits`` (already checked), its batch, event and process."""
    return (
        FormSheet.objects.select_related("batch__event", "batch__process", "registration")
        .filter(number=digits)
        .first()
    )


def batch_events(batch: FormBatch) -> list[Event]:
    """The events a batch's sheets offer: its event, or the process's events not yet over."""
    if batch.event_id:
        return [batch.event]
    now = timezone.now()
    return list(
        Event.objects.filter(process_id=batch.process_id, ends_at__gt=now)
        .select_related("office")
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class Accounting:
    """Where a batch's sheets are (docs/participation-paper.md, "Sheet accounting").

    - ``issued``: sheets printed; ``recorded``: sheets clerks recorded as returned (piles);
    - ``entered``: typed in; ``void``: never to be typed in, of which ``lost`` never came back;
    - ``returned``: the recorded piles, but at least the sheets typed in or voided after they
      came back (a batch whose piles nobody recorded counts as before: entered + void);
    - ``waiting``: returned, not yet entered or voided — the pile on the clerk's desk;
    - ``missing``: neither returned nor voided as lost.
    """

    issued: int
    recorded: int
    entered: int
    void: int
    lost: int

    @property
    def returned(self) -> int:
        return max(self.recorded, self.entered + self.void - self.lost)

    @property
    def waiting(self) -> int:
        return self.returned - self.entered - (self.void - self.lost)

    @property
    def missing(self) -> int:
        return max(0, self.issued - self.returned - self.lost)

    @property
    def outstanding(self) -> int:
        """Neither entered nor void: returned and waiting, or missing."""
        return self.issued - self.entered - self.void

    def as_dict(self) -> dict[str, int]:
        return {
            "issued": self.issued,
            "returned": self.returned,
            "entered": self.entered,
            "void": self.void,
            "waiting": self.waiting,
            "missing": self.missing,
            "outstanding": self.outstanding,
        }


def _with_counts(batches, *, event: Event | None = None):
    """``batches`` annotated with their sheets per status; ``entered_here``: for ``event``."""
    entered_here = Q(form_sheets__status=FormSheet.Status.ENTERED)
    if event is not None:
        entered_here &= Q(form_sheets__registration__event=event)
    return batches.annotate(
        n_issued=Count("form_sheets"),
        n_entered=Count("form_sheets", filter=Q(form_sheets__status=FormSheet.Status.ENTERED)),
        n_entered_here=Count("form_sheets", filter=entered_here),
        n_void=Count("form_sheets", filter=Q(form_sheets__status=FormSheet.Status.VOID)),
        n_lost=Count(
            "form_sheets",
            filter=Q(form_sheets__status=FormSheet.Status.VOID, form_sheets__lost=True),
        ),
    )


def accounting(batch: FormBatch) -> Accounting:
    """The accounting of ``batch``, annotated by :func:`_with_counts` or counted now."""
    if not hasattr(batch, "n_issued"):
        batch = _with_counts(FormBatch.objects.filter(pk=batch.pk)).get()
    return Accounting(
        issued=batch.n_issued,
        recorded=batch.returned_sheets,
        entered=batch.n_entered,
        void=batch.n_void,
        lost=batch.n_lost,
    )


def batches_with_counts(queryset=None):
    """Batches annotated for :func:`accounting` (the admin's list)."""
    return _with_counts(FormBatch.objects.all() if queryset is None else queryset)


def events_for_calls(user) -> list[Event]:
    """Events not over yet that ``user`` may see in the staff area (the row scope), soonest
    first: what a clerk or organiser may register a caller or a walk-in for."""
    from munich_portal.core import scopes

    return list(
        scopes.for_staff(Event.objects.filter(ends_at__gt=timezone.now()), user)
        .select_related("process")
        .order_by("starts_at", "pk")
    )


def batch_counts(event: Event) -> dict:
    """Paper sheets for ``event`` per batch, for the organisers' event page and the admin.

    Returns ``{"batches": [...], "totals": {...}}``; each batch row has ``batch``, ``place``,
    ``issued_on``, ``for_process`` and the numbers of :class:`Accounting` (``issued``,
    ``returned``, ``entered``, ``void``, ``waiting``, ``missing``, ``outstanding``). Batches for
    the whole process count under ``entered`` only the sheets entered for this event (a person
    chooses the event on the sheet); their other numbers are the batch's.
    """
    batches = _with_counts(
        FormBatch.objects.filter(
            Q(event=event) | Q(event__isnull=True, process_id=event.process_id)
        ),
        event=event,
    ).order_by("issued_on", "pk")
    rows = []
    totals = dict.fromkeys(
        ("issued", "returned", "entered", "void", "waiting", "missing", "outstanding"), 0
    )
    for batch in batches:
        counts = accounting(batch).as_dict()
        counts["entered"] = batch.n_entered_here
        row = {
            "batch": batch,
            "place": batch.place,
            "issued_on": batch.issued_on,
            "for_process": batch.event_id is None,
            **counts,
        }
        rows.append(row)
        for key in totals:
            totals[key] += row[key]
    return {"batches": rows, "totals": totals}


def counts_for_batch(batch: FormBatch) -> dict[str, int]:
    """Issued, returned, entered, void, waiting, missing and outstanding sheets of one batch."""
    return accounting(batch).as_dict()


def batches_of_event(event) -> list[dict]:
    """Paper sheets per batch for ``event`` (or its process): the event overview's section."""
    return batch_counts(event)["batches"]


@dataclass(frozen=True)
class Candidate:
    """A registration that may be the same person, as the clerk sees it (contacts masked)."""

    registration: Registration
    matched_on: tuple[str, ...]  # "email", "phone", "postal_code"

    @property
    def masked_email(self) -> str:
        return mask_email(self.registration.email)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.registration.phone)

    @property
    def postal_code(self) -> str:
        return mask_postal_code(self.registration.postal_code)

    @property
    def contacts(self) -> list[tuple[str, str]]:
        """``(kind, masked value)`` of the contacts the registration has, in a fixed order."""
        values = [
            ("email", self.masked_email),
            ("phone", self.masked_phone),
            ("postal_code", self.postal_code),
        ]
        return [(kind, value) for kind, value in values if value]


def find_duplicates(
    *,
    event: Event,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    postal_code: str = "",
    exclude_pk: int | None = None,
) -> list[Candidate]:
    """Active registrations of ``event`` with the same normalised name and a matching contact.

    Registrations that are themselves linked to another one (a sheet already judged the same
    person) are no candidates: their person is represented by the registration they link to.
    """
    return [
        Candidate(registration=match.registration, matched_on=match.matched_on)
        for match in person_matches(
            event=event,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            postal_code=postal_code,
            exclude_pk=exclude_pk,
        )
    ]

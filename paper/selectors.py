"""Reads of the paper channel: sheets by number, batch counts, duplicate candidates.

- :func:`sheet_for_number` — the sheet a typed or scanned number belongs to (with its batch);
- :func:`batch_events` — the events a batch's sheets offer (one, or a process's open events);
- :func:`batch_counts` — per batch of an event: sheets issued, entered, void, outstanding;
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
    "Candidate",
    "batch_counts",
    "batch_events",
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


def batch_counts(event: Event) -> dict:
    """Paper sheets for ``event`` per batch, for the organisers' event page and the admin.

    Returns ``{"batches": [...], "totals": {...}}``; each batch row has ``batch``, ``place``,
    ``issued_on``, ``issued`` (sheets printed), ``entered`` (typed in for this event), ``void``,
    ``outstanding`` (neither entered nor void yet) and ``returned`` (entered + void). Batches for
    the whole process count with the sheets entered for this event under ``entered`` and all their
    sheets under ``issued``, since a person chooses the event on the sheet.
    """
    batches = (
        FormBatch.objects.filter(
            Q(event=event) | Q(event__isnull=True, process_id=event.process_id)
        )
        .annotate(
            issued=Count("form_sheets"),
            entered_all=Count(
                "form_sheets", filter=Q(form_sheets__status=FormSheet.Status.ENTERED)
            ),
            entered_here=Count(
                "form_sheets",
                filter=Q(
                    form_sheets__status=FormSheet.Status.ENTERED,
                    form_sheets__registration__event=event,
                ),
            ),
            void=Count("form_sheets", filter=Q(form_sheets__status=FormSheet.Status.VOID)),
        )
        .order_by("issued_on", "pk")
    )
    rows = []
    totals = {"issued": 0, "entered": 0, "void": 0, "outstanding": 0, "returned": 0}
    for batch in batches:
        row = {
            "batch": batch,
            "place": batch.place,
            "issued_on": batch.issued_on,
            "for_process": batch.event_id is None,
            "issued": batch.issued,
            "entered": batch.entered_here,
            "void": batch.void,
            "outstanding": batch.issued - batch.entered_all - batch.void,
            "returned": batch.entered_here + batch.void,
        }
        rows.append(row)
        for key in totals:
            totals[key] += row[key]
    return {"batches": rows, "totals": totals}


def counts_for_batch(batch: FormBatch) -> dict[str, int]:
    """Issued, entered, void and outstanding sheets of one batch (the admin's list)."""
    counts = dict(
        FormSheet.objects.filter(batch=batch)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    issued = sum(counts.values())
    entered = counts.get(FormSheet.Status.ENTERED, 0)
    void = counts.get(FormSheet.Status.VOID, 0)
    return {
        "issued": issued,
        "entered": entered,
        "void": void,
        "outstanding": issued - entered - void,
    }


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


def batches_of_event(event) -> list[dict]:
    """Paper sheets per batch for ``event`` (or its process): issued, returned, entered."""
    batches = (
        FormBatch.objects.filter(
            Q(event=event) | Q(event__isnull=True, process_id=event.process_id)
        )
        .annotate(
            issued=Count("form_sheets"),
            entered=Count("form_sheets", filter=Q(form_sheets__status="entered")),
            void=Count("form_sheets", filter=Q(form_sheets__status="void")),
        )
        .order_by("issued_on", "pk")
    )
    return [
        {
            "batch": batch,
            "place": batch.place,
            "issued_on": batch.issued_on,
            "issued": batch.issued,
            "returned": batch.entered + batch.void,
            "entered": batch.entered,
        }
        for batch in batches
    ]

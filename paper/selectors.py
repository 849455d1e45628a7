"""Reads of the paper channel: sheets by number, batch counts, duplicate candidates.

- :func:`sheet_for_number` — the sheet a typed or scanned number belongs to (with its batch);
- :func:`batch_events` — the events a batch's sheets offer (one, or a process's open events);
- :func:`batch_counts` — per batch of an event: sheets issued, entered, void, outstanding;
- :func:`events_for_calls` — the events a clerk may register callers and walk-ins for;
- :func:`find_duplicates` — registrations of the same event that look like the same person.

Duplicates are found by a *normalised name* (:func:`normalise_name`: case folded, umlauts and ß
spelt out, accents dropped, spaces collapsed) plus one matching contact: e-mail (case folded),
phone (digits only, a +49/0049 prefix read as 0) or postal code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, F, Func, Q, Value
from django.utils import timezone

from paper.models import FormBatch, FormSheet
from participation.models import ACTIVE_STATUSES, Event, Registration

__all__ = [
    "Candidate",
    "batch_counts",
    "batch_events",
    "events_for_calls",
    "find_duplicates",
    "mask_email",
    "mask_phone",
    "normalise_name",
    "normalise_phone",
    "sheet_for_number",
]

# Spelt out the way Germans write them without the letters (Müller = Mueller, Strauß = Strauss).
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe"})
_SPACES = re.compile("[\\s\\-\u2010-\u2015]+")
_NON_DIGITS = re.compile(r"\D+")


def normalise_name(first_name: str, last_name: str) -> str:
    """``" Jörg-Peter  MÜLLER "`` → ``"joerg peter mueller"``: names as people write them."""
    text = f"{first_name} {last_name}".casefold().translate(_FOLD)
    # Accents other than the German ones are dropped (José = Jose); "ẞ".casefold() is "ss".
    text = "".join(
        character
        for character in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(character)
    )
    text = text.replace(".", " ").replace("'", "").replace("\u2019", "")
    return _SPACES.sub(" ", text).strip()


def normalise_phone(phone: str) -> str:
    """Digits only; an international German prefix (+49, 0049) becomes the trunk prefix 0."""
    text = (phone or "").strip()
    digits = _NON_DIGITS.sub("", text)
    if text.startswith("+49"):
        digits = "0" + digits[2:]
    elif digits.startswith("0049"):
        digits = "0" + digits[4:]
    return digits.lstrip("0") and digits  # "0" or "" alone is no phone number


def _normalise_email(email: str) -> str:
    return (email or "").strip().casefold()


def _normalise_postal_code(postal_code: str) -> str:
    return _NON_DIGITS.sub("", postal_code or "")


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


def _contact_prefilter(wanted: dict) -> Q | None:
    """Rows that may match one of the ``wanted`` contacts, in SQL: a superset of the matches (the
    phone by its last six digits), so that an event with thousands of registrations does not
    load them all; the exact comparison stays in Python."""
    condition = Q()
    if wanted["email"]:
        condition |= Q(email__iexact=wanted["email"])
    if wanted["postal_code"]:
        condition |= Q(postal_digits=wanted["postal_code"])
    if wanted["phone"]:
        condition |= Q(phone_digits__endswith=wanted["phone"][-6:])
    return condition or None


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
    name = normalise_name(first_name, last_name)
    if not name:
        return []
    wanted = {
        "email": _normalise_email(email),
        "phone": normalise_phone(phone),
        "postal_code": _normalise_postal_code(postal_code),
    }
    contact = _contact_prefilter(wanted)
    if contact is None:
        return []  # a match needs one contact: without any, nobody can match
    rows = (
        Registration.objects.filter(event=event, status__in=ACTIVE_STATUSES, linked_to__isnull=True)
        .annotate(
            phone_digits=Func(
                F("phone"), Value(r"\D"), Value(""), Value("g"), function="regexp_replace"
            ),
            postal_digits=Func(
                F("postal_code"), Value(r"\D"), Value(""), Value("g"), function="regexp_replace"
            ),
        )
        .filter(contact)
        .only(
            "pk",
            "event_id",
            "channel",
            "status",
            "first_name",
            "last_name",
            "email",
            "phone",
            "postal_code",
            "received_at",
            "form_number",
            "number_of_people",
        )
        .order_by("received_at", "pk")
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    candidates = []
    # The event's registrations are few (its capacity and waiting list); comparing normalised
    # names in Python spares the database a function index for umlaut folding.
    for row in rows:
        if normalise_name(row.first_name, row.last_name) != name:
            continue
        theirs = {
            "email": _normalise_email(row.email),
            "phone": normalise_phone(row.phone),
            "postal_code": _normalise_postal_code(row.postal_code),
        }
        matched = tuple(key for key, value in wanted.items() if value and value == theirs[key])
        if matched:
            candidates.append(Candidate(registration=row, matched_on=matched))
    return candidates


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

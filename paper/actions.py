"""Writes of the paper channel: issuing batches, typing sheets in, voiding sheets.

- :func:`issue_batch` — a batch of numbered sheets for an event or a process; the numbers come
  from a PostgreSQL sequence, so two organisers printing at once never share one;
- :func:`enter_sheet` — a clerk types a sheet in: the sheet row is locked, a sheet already
  entered or void is refused, and the registration is made through
  :func:`participation.actions.register` (channel ``paper``, the form number, the clerk, received
  at the moment of entry); a duplicate decision is stored with it;
- :func:`void_sheets` — sheets spoiled, lost or returned blank (``lost``: never came back);
- :func:`record_returns` — a pile of sheets came back: by count, or by scanned or typed numbers;
- :func:`enter_call` — a clerk or organiser registers a caller (channel ``phone``) or someone at
  the counter (``on_site``): no sheet, the same :func:`participation.actions.register` with the
  channel, the clerk and the moment of entry; logged as a data-use event "create".

The daily letters are printed by the kernel's letters (``munich_portal.messaging.actions``).

Order of receipt for paper: the moment of entry (docs/participation.md, "Paper channel"). The
date a person writes beside their signature cannot be checked and has no time of day; the moment
a clerk enters the sheet is when the city holds the registration, and the event row lock then
gives paper and online registrations one order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from munich_portal.audit.actions import record_batch_use
from munich_portal.audit.context import processing_context
from munich_portal.core.numbers import InvalidFormNumber, format_number, make_number, parse
from paper.models import (
    MAX_SHEETS_PER_BATCH,
    SERIAL_SEQUENCE,
    DuplicateDecision,
    FormBatch,
    FormSheet,
    SheetReturn,
)
from participation.models import ACTIVE_STATUSES, Channel, Event, Process, Registration

__all__ = [
    "MAX_EVENTS_PER_EASY_SHEET",
    "MAX_EVENTS_PER_PROCESS_SHEET",
    "BadReturnNumbers",
    "EntryResult",
    "PaperError",
    "SheetNotEnterable",
    "check_batch",
    "enter_call",
    "enter_sheet",
    "issue_batch",
    "record_returns",
    "void_sheets",
]

PURPOSE = "participation_events"
#: A sheet for a whole process lists its open events to tick; more than this do not fit the front
#: page (``tests/paper/test_sheet_pages.py`` prints the longest demo texts four times).
MAX_EVENTS_PER_PROCESS_SHEET = 4
#: A sheet in Leichte Sprache (14 pt, one statement per line) names one event and asks no choice:
#: a process with more upcoming events is printed per event.
MAX_EVENTS_PER_EASY_SHEET = 1


class PaperError(Exception):
    """A paper-channel write that cannot be done; the message is shown to staff.

    ``field`` names the form field the message belongs next to, if one does.
    """

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class SheetNotEnterable(PaperError):
    """The sheet is already entered or void (``sheet`` tells which, by whom and when)."""

    def __init__(self, sheet: FormSheet):
        super().__init__(sheet.status)
        self.sheet = sheet


class BadReturnNumbers(PaperError):
    """Numbers of a returned pile that cannot be recorded; ``errors`` is ``[(line, message)]``.

    Each message names its number; nothing of the pile was recorded.
    """

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__("; ".join(message for _line, message in errors), field="numbers")
        self.errors = errors


@dataclass(frozen=True)
class EntryResult:
    sheet: FormSheet
    registration: Registration
    linked: bool  # the clerk decided: same person as an existing registration


def _user_id(user) -> int | None:
    return getattr(user, "pk", None)


# --- issuing --------------------------------------------------------------------------------------


def check_batch(
    *,
    process: Process,
    event: Event | None,
    sheets: int,
    place: str = "",
    language: str | None = None,
    issued_on: dt.date | None = None,
) -> None:
    """Raise :class:`PaperError` when such a batch cannot be printed (forms call it to validate).

    With ``language``, one sheet is laid out as it would print: a front that runs onto a second
    page (titles or places too long) is refused, so every sheet stays one piece of paper.
    """
    if event is not None and event.process_id != process.pk:
        raise PaperError(_("The event does not belong to this process."), field="event")
    if not 1 <= sheets <= MAX_SHEETS_PER_BATCH:
        raise PaperError(
            _("A batch has between 1 and %(max)s sheets.") % {"max": MAX_SHEETS_PER_BATCH},
            field="sheets",
        )
    if event is None:
        events = list(
            Event.objects.filter(process=process, ends_at__gt=timezone.now())
            .select_related("office")
            .order_by("starts_at", "pk")
        )
        open_events = len(events)
        if open_events == 0:
            raise PaperError(
                _("This process has no upcoming events to register for."), field="process"
            )
        if open_events > MAX_EVENTS_PER_PROCESS_SHEET:
            raise PaperError(
                _(
                    "This process has %(count)s upcoming events; a sheet lists at most %(max)s. "
                    "Print forms for each event instead."
                )
                % {"count": open_events, "max": MAX_EVENTS_PER_PROCESS_SHEET},
                field="event",
            )
        if language == FormBatch.Language.EASY_GERMAN and open_events > MAX_EVENTS_PER_EASY_SHEET:
            raise PaperError(
                _(
                    "This process has %(count)s upcoming events; a sheet in Leichte Sprache names "
                    "only one. Print forms in Leichte Sprache for each event instead."
                )
                % {"count": open_events},
                field="event",
            )
    else:
        events = [event]
    if language is not None:
        _check_fits(process, events, place, language, issued_on or timezone.localdate())


def _check_fits(process, events, place, language, issued_on) -> None:
    from paper.pdf import batch_document, front_fits

    document = batch_document(
        process=process, event_rows=events, place=place, issued_on=issued_on, language=language
    )
    if front_fits(document):
        return
    if len(events) > 1:
        message = _(
            "The titles and places of these events do not fit on the front of one sheet. "
            "Print forms for each event instead."
        )
    else:
        message = _(
            "The event's title and place do not fit on the front of one sheet. "
            "Shorten them on the event."
        )
    raise PaperError(message, field="event")


@transaction.atomic
def issue_batch(
    *,
    process: Process,
    event: Event | None = None,
    place: str,
    sheets: int,
    issued_by,
    issued_on: dt.date | None = None,
    language: str = FormBatch.Language.GERMAN,
) -> FormBatch:
    """Create a batch of ``sheets`` numbered sheets; the PDF is rendered from it on demand."""
    from participation.consent import current_consent

    place = (place or "").strip()
    if not place:
        raise PaperError(_("Say where the sheets are laid out."), field="place")
    issued_on = issued_on or timezone.localdate()
    check_batch(
        process=process,
        event=event,
        sheets=sheets,
        place=place,
        language=language,
        issued_on=issued_on,
    )
    batch = FormBatch.objects.create(
        process=process,
        event=event,
        place=place,
        sheets=sheets,
        issued_on=issued_on,
        language=language,
        consent_version=current_consent(issued_on).version,
        issued_by_id=_user_id(issued_by),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [SERIAL_SEQUENCE, sheets])
        serials = sorted(row[0] for row in cursor.fetchall())
    FormSheet.objects.bulk_create(
        [
            FormSheet(number=make_number(year=issued_on.year, serial=serial).digits, batch=batch)
            for serial in serials
        ]
    )
    return batch


@transaction.atomic
def void_sheets(*, sheets, by, lost: bool = False) -> int:
    """Mark issued sheets void; entered sheets stay as they are.

    ``lost=False``: they came back spoiled or blank; ``lost=True``: they never came back (they are
    then no longer missing). A sheet recorded as returned by its number is never lost.
    """
    count = 0
    now = timezone.now()
    for sheet in FormSheet.objects.select_for_update().filter(
        pk__in=[sheet.pk for sheet in sheets], status=FormSheet.Status.ISSUED
    ):
        sheet.status = FormSheet.Status.VOID
        sheet.voided_at = now
        sheet.lost = lost and not SheetReturn.objects.filter(sheet=sheet).exists()
        sheet._change_reason = f"void{' (lost)' if sheet.lost else ''} by staff {_user_id(by)}"
        sheet.save(update_fields=["status", "voided_at", "lost"])
        count += 1
    return count


# --- returns --------------------------------------------------------------------------------------


def split_numbers(text: str) -> list[str]:
    """The numbers of a scanned or typed pile: one per line (a scanner ends each with Enter);
    commas and semicolons separate as well. Empty lines are skipped."""
    return [
        line.strip()
        for line in text.replace(",", "\n").replace(";", "\n").splitlines()
        if line.strip()
    ]


@transaction.atomic
def record_returns(
    *, batch: FormBatch, by, count: int | None = None, numbers: Sequence[str] = ()
) -> list[SheetReturn]:
    """Record a pile of ``batch``'s sheets that came back: ``count`` sheets, or the ``numbers``.

    By count, the pile may not bring the batch's returned sheets above its issued sheets. By
    number, every number must pass its check digit, belong to this batch, appear once and not be
    recorded as returned already; otherwise :class:`BadReturnNumbers` names every bad number and
    nothing is recorded. A sheet voided as lost that comes back is no longer lost. The database
    refuses more returns than sheets (``formbatch_returned_at_most_issued``) as a second line.
    """
    if (count is None) == (not numbers):
        raise PaperError(_("Give either the number of sheets or their numbers."))
    # The batch row lock orders two clerks recording piles of one batch at once.
    batch = FormBatch.objects.select_for_update().get(pk=batch.pk)
    now = timezone.now()
    left = batch.sheets - batch.returned_sheets
    if count is not None:
        if count < 1:
            raise PaperError(_("Enter how many sheets came back, at least 1."), field="count")
        if count > left:
            raise PaperError(
                _(
                    "Only %(left)s of the %(issued)s sheets of this batch are not recorded as "
                    "returned yet; %(count)s is too many."
                )
                % {"left": left, "issued": batch.sheets, "count": count},
                field="count",
            )
        returns = [
            SheetReturn.objects.create(batch=batch, count=count, recorded_by=by, recorded_at=now)
        ]
    else:
        sheets = _returned_sheets(batch, numbers)
        if len(sheets) > left:
            # Piles counted before hold some of these sheets: the counts were too high.
            raise PaperError(
                _(
                    "Only %(left)s of the %(issued)s sheets of this batch are not recorded as "
                    "returned yet; %(count)s is too many. Check the piles recorded by count."
                )
                % {"left": left, "issued": batch.sheets, "count": len(sheets)},
                field="numbers",
            )
        returns = SheetReturn.objects.bulk_create(
            [
                SheetReturn(batch=batch, count=1, sheet=sheet, recorded_by=by, recorded_at=now)
                for sheet in sheets
            ]
        )
        for sheet in sheets:
            if sheet.lost:
                sheet.lost = False
                sheet._change_reason = f"returned after all, recorded by staff {_user_id(by)}"
                sheet.save(update_fields=["lost"])
    total = sum(row.count for row in returns)
    FormBatch.objects.filter(pk=batch.pk).update(
        returned_sheets=models.F("returned_sheets") + total
    )
    batch.returned_sheets += total
    return returns


def _returned_sheets(batch: FormBatch, numbers: Sequence[str]) -> list[FormSheet]:
    """The sheets of ``numbers`` (typed or scanned), or :class:`BadReturnNumbers`."""
    errors: list[tuple[str, str]] = []
    wanted: dict[str, str] = {}  # digits -> the line as typed
    for line in numbers:
        try:
            digits = parse(line).digits
        except InvalidFormNumber as error:
            if error.reason == "check_digit":
                message = _("%(number)s: the check digit does not match.")
            else:
                message = _("%(number)s: a form number has at least eleven digits.")
            errors.append((line, message % {"number": line}))
            continue
        if digits in wanted:
            errors.append((line, _("%(number)s is in the list twice.") % {"number": line}))
            continue
        wanted[digits] = line
    found = {
        sheet.number: sheet
        for sheet in FormSheet.objects.select_for_update(of=("self",))
        .select_related("batch", "sheet_return__recorded_by")
        .filter(number__in=wanted)
    }
    for digits, line in wanted.items():
        sheet = found.get(digits)
        printed = format_number(digits)
        if sheet is None:
            errors.append((line, _("%(number)s: no sheet has this number.") % {"number": printed}))
        elif sheet.batch_id != batch.pk:
            errors.append(
                (
                    line,
                    _("%(number)s belongs to another batch: %(batch)s.")
                    % {"number": printed, "batch": sheet.batch},
                )
            )
        elif hasattr(sheet, "sheet_return"):
            earlier = sheet.sheet_return
            errors.append(
                (
                    line,
                    _("%(number)s was recorded as returned on %(when)s by %(who)s.")
                    % {
                        "number": printed,
                        "when": timezone.localtime(earlier.recorded_at).strftime("%d.%m.%Y %H:%M"),
                        "who": earlier.recorded_by.get_full_name()
                        or earlier.recorded_by.get_username(),
                    },
                )
            )
    if errors:
        raise BadReturnNumbers(errors)
    return [found[digits] for digits in wanted]


# --- entering -------------------------------------------------------------------------------------


def _events_of(batch: FormBatch) -> list[Event]:
    from paper.selectors import batch_events

    return batch_events(batch)


def enter_sheet(
    *,
    number: str,
    entered_by,
    person: dict,
    number_of_people: int,
    access_needs: Sequence[str],
    access_needs_note: str = "",
    event: Event | None = None,
    same_person_as: Registration | None = None,
    shown_candidates: Sequence[Registration] = (),
) -> EntryResult:
    """Type in the sheet ``number`` (digits, checked) and register its person; one transaction.

    ``event`` is needed for a sheet of a whole process (the event the person ticked). When the
    clerk was shown possible duplicates, ``shown_candidates`` are those registrations and
    ``same_person_as`` the one they chose as the same person (``None``: a different person).
    Raises :class:`SheetNotEnterable` when another clerk entered or voided the sheet first,
    :class:`PaperError` for an event the sheet does not offer or a choice that was not shown,
    and the registration errors of :func:`participation.actions.register`.
    """
    from participation.actions import register

    with transaction.atomic():
        # The lock serialises two clerks (or two tabs) entering the same sheet: the second waits
        # here and then finds it entered. The unique form number on the registration backs it.
        sheet = (
            FormSheet.objects.select_for_update(of=("self",))
            .select_related("batch__event")
            .filter(number=number)
            .first()
        )
        if sheet is None:
            raise PaperError(_("No sheet has this number."))
        if sheet.status != FormSheet.Status.ISSUED:
            raise SheetNotEnterable(sheet)
        batch = sheet.batch
        offered = _events_of(batch)
        if event is None and len(offered) == 1:
            event = offered[0]
        if event is None or event.pk not in {offered_event.pk for offered_event in offered}:
            raise PaperError(_("Choose the event ticked on the sheet."))
        shown = {candidate.pk: candidate for candidate in shown_candidates}
        if same_person_as is not None and same_person_as.pk not in shown:
            raise PaperError(_("Choose one of the registrations shown."))
        if same_person_as is not None:
            # Re-read: the candidate must still be active (not cancelled since it was shown).
            same_person_as = Registration.objects.filter(
                pk=same_person_as.pk, event=event, status__in=ACTIVE_STATUSES
            ).first()
            if same_person_as is None:
                raise PaperError(
                    _("That registration was cancelled meanwhile. Check the sheet again.")
                )
        now = timezone.now()
        reason = f"paper form {sheet.printed_number}"
        try:
            # register() runs in its own savepoint: a failure there leaves this transaction usable.
            with processing_context(purpose=PURPOSE, channel="paper", reason=reason):
                registration = register(
                    event=event,
                    channel="paper",
                    person=person,
                    number_of_people=number_of_people,
                    access_needs=list(access_needs),
                    access_needs_note=access_needs_note,
                    consent_version=batch.consent_version,
                    received_at=now,
                    form_number=sheet.number,
                    entered_by=entered_by,
                    linked_to=same_person_as,
                    # Messages in German for a sheet in Leichte Sprache (no catalogue of its own).
                    language="de"
                    if batch.language == FormBatch.Language.EASY_GERMAN
                    else batch.language,
                )
        except IntegrityError as error:
            if "form_number" in str(error):
                sheet.refresh_from_db()
                raise SheetNotEnterable(sheet) from error
            raise
        sheet.status = FormSheet.Status.ENTERED
        sheet.registration = registration
        sheet.entered_at = now
        sheet.entered_by_id = _user_id(entered_by)
        sheet._change_reason = reason
        sheet.save(update_fields=["status", "registration", "entered_at", "entered_by"])
        if shown:
            DuplicateDecision.objects.bulk_create(
                [
                    DuplicateDecision(
                        sheet=sheet,
                        candidate=candidate,
                        registration=registration,
                        decision=(
                            DuplicateDecision.Decision.SAME_PERSON
                            if same_person_as is not None and candidate.pk == same_person_as.pk
                            else DuplicateDecision.Decision.DIFFERENT_PERSON
                        ),
                        decided_by_id=_user_id(entered_by),
                        decided_at=now,
                    )
                    for candidate in shown.values()
                ]
            )
    return EntryResult(sheet=sheet, registration=registration, linked=same_person_as is not None)


#: The channels of :func:`enter_call`: a person on the phone, or in front of the clerk.
CALL_CHANNELS = (Channel.PHONE, Channel.ON_SITE)


def _still_active(same_person_as, shown_candidates, event) -> Registration | None:
    """The candidate the clerk chose, re-read: it must have been shown and still be active."""
    if same_person_as is None:
        return None
    if same_person_as.pk not in {candidate.pk for candidate in shown_candidates}:
        raise PaperError(_("Choose one of the registrations shown."))
    chosen = Registration.objects.filter(
        pk=same_person_as.pk, event=event, status__in=ACTIVE_STATUSES
    ).first()
    if chosen is None:
        raise PaperError(_("That registration was cancelled meanwhile. Check the entry again."))
    return chosen


def enter_call(
    *,
    event: Event,
    channel: str,
    entered_by,
    person: dict,
    number_of_people: int,
    access_needs: Sequence[str],
    access_needs_note: str = "",
    same_person_as: Registration | None = None,
    shown_candidates: Sequence[Registration] = (),
    language: str = "de",
) -> Registration:
    """Register a caller (``phone``) or a person at the counter (``on_site``) for ``event``.

    The consent is the one valid today (read out on the phone, handed over at the counter); the
    order of receipt is the moment of entry, as for paper. ``same_person_as``: the clerk was
    shown possible duplicates (``shown_candidates``) and chose one — the entry is kept as a
    record linked to it and takes no place. Raises :class:`PaperError` for another channel or a
    choice not shown, and the registration errors of :func:`participation.actions.register`.
    """
    from participation.actions import register
    from participation.consent import current_consent

    if channel not in CALL_CHANNELS:
        raise PaperError(_("Choose phone or on site."), field="channel")
    with transaction.atomic():
        linked = _still_active(same_person_as, shown_candidates, event)
        now = timezone.now()
        # The data-use path: the telephone, or the staff screen at the counter.
        via = "phone" if channel == Channel.PHONE else "admin"
        with processing_context(purpose=PURPOSE, channel=via, reason=f"{channel} entry"):
            registration = register(
                event=event,
                channel=channel,
                person=person,
                number_of_people=number_of_people,
                access_needs=list(access_needs),
                access_needs_note=access_needs_note,
                consent_version=current_consent(timezone.localdate()).version,
                received_at=now,
                entered_by=entered_by,
                linked_to=linked,
                language=language,
            )
            record_batch_use(
                action="create",
                records=[registration],
                criteria={
                    "view": "call_entry",
                    "channel": channel,
                    "duplicates_shown": len(shown_candidates),
                    "linked": linked is not None,
                },
                purpose=PURPOSE,
            )
    return registration


def log_candidates_viewed(*, candidates: Sequence[Registration], channel: str = "paper") -> None:
    """The clerk saw possible duplicates (names, masked contacts): a ``view`` data-use event.

    One batch event names how many were shown; residents with an account get their own event.
    """
    if not candidates:
        return
    record_batch_use(
        action="view",
        records=Registration.objects.filter(pk__in=[candidate.pk for candidate in candidates]),
        criteria={"duplicate_check": True, "candidates": len(candidates), "entry": channel},
        purpose=PURPOSE,
        channel="paper",
    )

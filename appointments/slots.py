"""Slots from rules: which times an appointment type offers, kept as :class:`Slot` rows.

A rule says "Mondays 08:00 to 12:00, 2 places per slot, from 1 December"; with a duration of 20
minutes that is 12 slots every Monday. The office's closed days and special hours
(:class:`services.models.OpeningException`) win over the rules: on a closed day there are no slots,
on a day with special hours only the slots that fit inside them.

Slots are rows, so that capacity can be locked and counted in the database. :func:`sync_slots`
makes the rows between today and the horizon match the rules — adding missing ones, deleting
unbooked ones that no rule wants any more, keeping booked ones (staff see them in the day list)
— and is idempotent. It runs after staff change a type, rule or exception, from the daily
``appointment_jobs`` command, and lazily from :func:`ensure_slots` when a calendar is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Greatest

from appointments.models import AppointmentType, Slot, SlotRule
from munich_portal.core.timezone import MUNICH, today_in_munich
from services.models import OpeningException

__all__ = ["ensure_slots", "horizon_days", "planned_slots", "sync_slots", "today"]


def horizon_days() -> int:
    return max(int(settings.APPOINTMENTS_HORIZON_DAYS), 1)


#: Today in Munich: the kernel's function under the name the app's callers use.
today = today_in_munich


def _times(starts: dt.time, ends: dt.time, minutes: int) -> Iterator[tuple[dt.time, dt.time]]:
    cursor = dt.datetime.combine(dt.date(2000, 1, 1), starts)
    limit = dt.datetime.combine(dt.date(2000, 1, 1), ends)
    step = dt.timedelta(minutes=minutes)
    while cursor + step <= limit:
        yield cursor.time(), (cursor + step).time()
        cursor += step


def planned_slots(
    appointment_type: AppointmentType, first: dt.date, last: dt.date
) -> dict[dt.datetime, tuple[dt.datetime, int]]:
    """{start: (end, capacity)} the rules give from ``first`` to ``last`` (inclusive)."""
    rules = list(
        SlotRule.objects.filter(appointment_type=appointment_type, valid_from__lte=last).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=first)
        )
    )
    exceptions: dict[dt.date, list[OpeningException]] = {}
    for exception in OpeningException.objects.filter(
        office_id=appointment_type.office_id, date__gte=first, date__lte=last
    ):
        exceptions.setdefault(exception.date, []).append(exception)
    planned: dict[dt.datetime, tuple[dt.datetime, int]] = {}
    day = first
    while day <= last:
        special = exceptions.get(day)
        if not (special and any(row.closed for row in special)):
            intervals = [(row.opens, row.closes) for row in special] if special else None
            for rule in rules:
                if rule.weekday != day.weekday() or rule.valid_from > day:
                    continue
                if rule.valid_until is not None and rule.valid_until < day:
                    continue
                for start, end in _times(rule.starts, rule.ends, appointment_type.duration_minutes):
                    if intervals is not None and not any(
                        opens <= start and end <= closes for opens, closes in intervals
                    ):
                        continue
                    starts_at = dt.datetime.combine(day, start, tzinfo=MUNICH)
                    ends_at = dt.datetime.combine(day, end, tzinfo=MUNICH)
                    previous = planned.get(starts_at)
                    # Two rules covering the same time add their places.
                    capacity = rule.capacity + (previous[1] if previous else 0)
                    planned[starts_at] = (ends_at, capacity)
        day += dt.timedelta(days=1)
    return planned


@transaction.atomic
def sync_slots(appointment_type: AppointmentType, *, until: dt.date | None = None) -> dict:
    """Make the type's future slot rows match its rules; return counts of what changed."""
    first = today()
    last = until or first + dt.timedelta(days=horizon_days())
    # One sync per type at a time (two admins saving rules, the daily job and a calendar view).
    locked = AppointmentType.objects.select_for_update().get(pk=appointment_type.pk)
    planned = planned_slots(locked, first, last) if locked.active else {}
    start_bound = dt.datetime.combine(first, dt.time(0), tzinfo=MUNICH)
    end_bound = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=MUNICH)
    existing = {
        slot.starts_at: slot
        for slot in Slot.objects.filter(
            appointment_type=locked, starts_at__gte=start_bound, starts_at__lt=end_bound
        )
    }
    created = [
        Slot(appointment_type=locked, starts_at=start, ends_at=end, capacity=capacity)
        for start, (end, capacity) in planned.items()
        if start not in existing
    ]
    Slot.objects.bulk_create(created, ignore_conflicts=True)
    changed = 0
    for start, slot in existing.items():
        if start in planned:
            end, capacity = planned[start]
            if slot.capacity != capacity or slot.ends_at != end:
                # Never below the places already taken (the CHECK would refuse it).
                changed += Slot.objects.filter(pk=slot.pk).update(
                    capacity=Greatest(capacity, "taken"), ends_at=end
                )
    unwanted = [slot.pk for start, slot in existing.items() if start not in planned]
    removed = 0
    if unwanted:
        # A slot nobody booked ever goes; one with bookings (even cancelled) stays for the record
        # but offers no more places.
        removed, _detail = (
            Slot.objects.filter(pk__in=unwanted).exclude(bookings__isnull=False).delete()
        )
        Slot.objects.filter(pk__in=unwanted).update(capacity=Greatest(0, "taken"))
    AppointmentType.objects.filter(pk=locked.pk).update(slots_generated_until=last)
    return {"created": len(created), "changed": changed, "removed": removed}


def ensure_slots(appointment_type: AppointmentType) -> None:
    """Extend the type's slots to the horizon if that has not happened today (cheap when done)."""
    wanted = today() + dt.timedelta(days=horizon_days())
    if appointment_type.slots_generated_until is None or (
        appointment_type.slots_generated_until < wanted
    ):
        sync_slots(appointment_type, until=wanted)
        appointment_type.slots_generated_until = wanted

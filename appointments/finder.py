"""The service-first search: the earliest free times of one service across all offices (issue 16).

``/dienstleistungen/<slug>/termin/`` lists the next :data:`DAYS` days with a free time, each day
with the offices that have one and their first :data:`TIMES_PER_OFFICE` times. One query finds
them, whatever the number of offices and slots: the free slots of the service's active types at
published offices are numbered per day and office (``ROW_NUMBER() OVER (PARTITION BY day,
office ORDER BY starts_at)``, counted with ``COUNT(*) OVER`` the same partition), the first
:data:`DAYS` days are a subquery, and only the first times of each office and day come back. A
second query fetches those offices. "Free" is the honest calendar's rule
(:mod:`appointments.selectors`): starts in the future and ``taken < capacity``.

The page's cache key is :func:`times_token`: the catalogue version (offices, districts, the
service) and the change counters of the service's active types (:class:`SlotChanges`, kept by
database triggers at commit), read on every hit with one indexed query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Q, Subquery, Window
from django.db.models.functions import ExtractHour, RowNumber, TruncDate
from django.utils import timezone

from appointments import changes
from appointments.models import AppointmentType, Slot, SlotChanges
from appointments.slots import ensure_slots, horizon_days, today
from munich_portal.core.models import Stadtbezirk
from munich_portal.core.timezone import MUNICH
from services.models import Office, PublicationStatus, Service
from services.selectors import catalogue_token

__all__ = [
    "ACCESSIBILITY",
    "DAYS",
    "OFFICES_PER_DAY",
    "TIMES_OF_DAY",
    "TIMES_PER_OFFICE",
    "DayTimes",
    "Filters",
    "OfficeTimes",
    "districts_for",
    "earliest_times",
    "ensure_horizon",
    "office_token",
    "times_token",
]

#: Days with a free time the page lists.
DAYS = 10
#: The first query looks this far ahead (most services have free times every week).
FIRST_WEEKS_DAYS = 14
#: Times shown per office and day; the rest behind "more times" (the office's day).
TIMES_PER_OFFICE = 4
#: Offices shown per day (those with the earliest times); the rest behind "all offices on this
#: day" (the page with ``tag=<date>``, which shows every office of that day).
OFFICES_PER_DAY = 5

#: Query parameter → the ``Office`` field that must be True (None, "unknown", never matches).
ACCESSIBILITY = {
    "stufenlos": "step_free_entrance",
    "aufzug": "lift",
    "wc": "accessible_toilet",
    "hoerschleife": "induction_loop",
}

#: Time of day (parameter ``tageszeit``) → the hours (Munich time) a slot may start in.
TIMES_OF_DAY = {
    "vormittag": (0, 12),
    "mittag": (12, 14),
    "nachmittag": (14, 24),
}


@dataclass(frozen=True)
class Filters:
    district: int | None = None
    accessibility: tuple[str, ...] = ()  # keys of ACCESSIBILITY
    time_of_day: str = ""  # a key of TIMES_OF_DAY or ""
    day: dt.date | None = None  # only this day

    @property
    def narrowed(self) -> bool:
        return bool(self.district or self.accessibility or self.time_of_day or self.day)


@dataclass
class OfficeTimes:
    office_id: int
    appointment_type_id: int
    #: (slot id, start in Munich time), earliest first.
    times: list[tuple[int, dt.datetime]] = field(default_factory=list)
    #: Free times of this office on this day beyond those shown.
    more: int = 0
    office: Office | None = None


@dataclass
class DayTimes:
    day: dt.date
    offices: list[OfficeTimes] = field(default_factory=list)
    #: Offices with a free time on this day beyond those shown.
    more_offices: int = 0


def _types_of(service_id: int):
    return AppointmentType.objects.filter(
        active=True,
        services=service_id,
        office__status=PublicationStatus.PUBLISHED,
    )


def ensure_horizon(service: Service) -> None:
    """Extend the slots of the service's types whose horizon has moved on: one query when every
    type is up to date (the nightly job keeps them so), a sync per type only for the lagging."""
    wanted = today() + dt.timedelta(days=horizon_days())
    for appointment_type in _types_of(service.pk).filter(
        Q(slots_generated_until__isnull=True) | Q(slots_generated_until__lt=wanted)
    ):
        ensure_slots(appointment_type)


def _free_slots(service_id: int, filters: Filters, now: dt.datetime):
    last = today() + dt.timedelta(days=horizon_days() + 1)
    slots = Slot.objects.filter(
        appointment_type__in=_types_of(service_id),
        starts_at__gt=now,
        starts_at__lt=dt.datetime.combine(last, dt.time(0), tzinfo=MUNICH),
        taken__lt=F("capacity"),
    )
    if filters.district:
        slots = slots.filter(appointment_type__office__stadtbezirk_id=filters.district)
    for key in filters.accessibility:
        slots = slots.filter(**{f"appointment_type__office__{ACCESSIBILITY[key]}": True})
    if filters.day:
        start = dt.datetime.combine(filters.day, dt.time(0), tzinfo=MUNICH)
        slots = slots.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
    if filters.time_of_day:
        first_hour, end_hour = TIMES_OF_DAY[filters.time_of_day]
        slots = slots.annotate(hour=ExtractHour("starts_at", tzinfo=MUNICH)).filter(
            hour__gte=first_hour, hour__lt=end_hour
        )
    return slots.annotate(
        day=TruncDate("starts_at", tzinfo=MUNICH),
        office_id=F("appointment_type__office_id"),
    )


def earliest_times(
    service: Service,
    filters: Filters = Filters(),
    *,
    now: dt.datetime | None = None,
    days: int = DAYS,
    per_office: int = TIMES_PER_OFFICE,
    per_day: int | None = OFFICES_PER_DAY,
) -> list[DayTimes]:
    """The first ``days`` days with a free time for ``service``; per day the first ``per_day``
    offices (None: all) in order of their first free time, each with up to ``per_office`` times.
    Two queries (three when the next two weeks have fewer than ``days`` days with a free time)."""
    now = now or timezone.now()
    rows: list[tuple] = []
    # First within the next FIRST_WEEKS_DAYS (a fraction of the slots to scan); only when those
    # have fewer than ``days`` days with a free time, again over the whole horizon.
    for within in (FIRST_WEEKS_DAYS, None):
        free = _free_slots(service.pk, filters, now)
        if within is not None:
            end = dt.datetime.combine(
                today() + dt.timedelta(days=within), dt.time(0), tzinfo=MUNICH
            )
            free = free.filter(starts_at__lt=end)
        first_days = free.values("day").distinct().order_by("day")[:days]
        partition = [F("day"), F("office_id")]
        rows = list(
            free.filter(day__in=Subquery(first_days))
            .annotate(
                number=Window(
                    RowNumber(), partition_by=partition, order_by=[F("starts_at"), F("pk")]
                ),
                of=Window(Count("pk"), partition_by=partition),
            )
            .filter(number__lte=per_office)
            .order_by("day", "starts_at", "pk")
            .values_list("pk", "starts_at", "day", "office_id", "appointment_type_id", "of")
        )
        if len({row[2] for row in rows}) >= days:
            break
    # Rows come by day and time: an office's first row on a day is its first time there.
    result: list[DayTimes] = []
    by_office: dict[tuple[dt.date, int], OfficeTimes | None] = {}
    for pk, starts_at, day, office_id, type_id, count in rows:
        if not result or result[-1].day != day:
            result.append(DayTimes(day))
        key = (day, office_id)
        if key not in by_office:
            if per_day is not None and len(result[-1].offices) >= per_day:
                by_office[key] = None
                result[-1].more_offices += 1
            else:
                entry = OfficeTimes(office_id, type_id, more=max(count - per_office, 0))
                by_office[key] = entry
                result[-1].offices.append(entry)
        shown = by_office[key]
        if shown is not None:
            shown.times.append((pk, timezone.localtime(starts_at, MUNICH)))
    office_ids = {entry.office_id for day in result for entry in day.offices}
    offices = {
        office.pk: office
        for office in Office.objects.filter(pk__in=office_ids).select_related("stadtbezirk")
    }
    for day_times in result:
        for entry in day_times.offices:
            entry.office = offices[entry.office_id]
    return result


def districts_for(service: Service) -> list[Stadtbezirk]:
    """The districts with an office where the service can be booked (the filter's choices)."""
    return list(
        Stadtbezirk.objects.filter(offices__appointment_types__in=_types_of(service.pk)).distinct()
    )


def times_token(slug: str) -> str | None:
    """The version of what ``/dienstleistungen/<slug>/termin/`` shows: the catalogue's token and
    the changes of free times — seen by this process's listener (:mod:`appointments.changes`, one
    empty round trip), or without one each active type of the service with its change counter (one
    indexed query). A taken, freed, added or removed slot is seen at once, so the token read before
    a page is rendered never matches a copy that shows a time since taken."""
    return _token(_TOKEN_SQL, slug)


def office_token(office_id: int) -> str | None:
    """The version of an office's appointment types and their free times (the booking page's
    first steps), read like :func:`times_token`."""
    return _token(_OFFICE_TOKEN_SQL, office_id)


def _token(counters_sql: str, parameter) -> str | None:
    catalogue = catalogue_token()
    if catalogue is None:
        return None
    live = changes.token()
    if live is not None:
        return f"{catalogue};{live}"
    with connection.cursor() as cursor:
        cursor.execute(counters_sql, [parameter])
        row = cursor.fetchone()
    return f"{catalogue};{row[0] if row else ''}"


# The counters of the service's active types, as "type:changes,…" (one indexed query; plain SQL:
# the ORM's query building cost more than the query on every cached hit).
_TOKEN_SQL = f"""
    SELECT string_agg(t.id || ':' || coalesce(c.changes, 0), ',' ORDER BY t.id)
    FROM {AppointmentType._meta.db_table} t
    JOIN {AppointmentType.services.through._meta.db_table} ts ON ts.appointmenttype_id = t.id
    JOIN {Service._meta.db_table} s ON s.id = ts.service_id
    LEFT JOIN {SlotChanges._meta.db_table} c ON c.appointment_type_id = t.id
    WHERE t.active AND s.slug = %s
"""  # noqa: S608 (table names from the models, the slug a parameter)

# The counters of all the office's types (a type switched off or on counts too).
_OFFICE_TOKEN_SQL = f"""
    SELECT string_agg(t.id || ':' || coalesce(c.changes, 0), ',' ORDER BY t.id)
    FROM {AppointmentType._meta.db_table} t
    LEFT JOIN {SlotChanges._meta.db_table} c ON c.appointment_type_id = t.id
    WHERE t.office_id = %s
"""  # noqa: S608 (table names from the models, the office a parameter)

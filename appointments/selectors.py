"""Reads of the appointments app: what an office offers, the honest calendar, a person's bookings,
an office's day list.

"Honest": a day is offered only if it has at least one slot with a free place (for a family: a
free place for each of its people) that starts in the future; a slot is offered only while it has
them. Held places (a guest confirming their
address, a waiting-list offer) and cancelled places within their release delay count as taken.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from appointments.models import (
    ACTIVE_STATUSES,
    AppointmentType,
    Booking,
    BookingStatus,
    Slot,
    WaitingListEntry,
    WaitingStatus,
)
from appointments.slots import ensure_slots, horizon_days, today
from munich_portal.core.i18n import Named
from munich_portal.core.models import Stadtbezirk
from munich_portal.core.prepared import (
    ANY_ID,
    ANY_MOMENT,
    ANY_TEXT,
    PreparedRead,
    Reading,
    instance_from_row,
    model_columns,
)
from munich_portal.core.timezone import MUNICH
from services.models import Office, PublicationStatus, Service
from services.selectors import catalogue_token

__all__ = [
    "CalendarDay",
    "OwnBooking",
    "OwnWaitingEntry",
    "bookable_days",
    "bookable_service",
    "bookings_reading",
    "day_list",
    "districts",
    "free_slots",
    "is_verified",
    "month_weeks",
    "next_free_day",
    "offer_token",
    "offered_types",
    "offered_types_at",
    "office_has_appointments",
    "offices_for_service",
    "service_offer",
    "upcoming_bookings_reading",
    "waiting_count",
    "waiting_count_for_service",
    "waiting_entries_reading",
]


def offer_token() -> str | None:
    """The version token of the appointments offer: which types each published office offers
    online, their names and order, and which services they book (not their free times). None:
    keep nothing.

    It is the catalogue version (:data:`services.selectors.catalogue_token`): the types' triggers
    raise it (migration 0010), because the catalogue's pages show the offer and it changes as
    rarely. So a page or fragment kept per catalogue version shows the offer as it is, and the
    service and office pages check one version, not two (docs/decisions.md, issue 17 round 2).
    """
    return catalogue_token()


def service_offer(service_pk: int) -> list[tuple[int, str, int]]:
    """(office pk, office slug, type pk) of the active types at published offices that book the
    service, in each office's order: one query."""
    return list(
        AppointmentType.objects.filter(
            active=True, services=service_pk, office__status=PublicationStatus.PUBLISHED
        )
        .order_by("office_id", "position", "name_de", "pk")
        .values_list("office_id", "office__slug", "pk")
    )


def offered_types(office) -> list[AppointmentType]:
    """The office's types bookable online, with their services, in the office's order."""
    return list(
        AppointmentType.objects.filter(office=office, active=True)
        .select_related("office")
        .prefetch_related("services")
        .order_by("position", "name_de")
    )


def _offered_types_statement(office_slug: str):
    return (
        AppointmentType.objects.filter(
            office__slug=office_slug,
            office__status=PublicationStatus.PUBLISHED,
            active=True,
        )
        .order_by("position", "name_de", "pk")
        .values(*model_columns(AppointmentType), *model_columns(Office, "office__"))
    )


# Read on every step of the booking page: built once per process (core.prepared); building and
# compiling the select_related query took about half of the uncached page's view (issue 17,
# round 6).
_OFFERED_TYPES = PreparedRead(_offered_types_statement, office_slug=ANY_TEXT)


def offered_types_at(office_slug: str) -> list[AppointmentType]:
    """The types bookable online at the published office ``office_slug``, each with its office
    (one instance for all of them), in the office's order — one query; empty when there is no
    such office or nothing to book."""
    rows = _OFFERED_TYPES.rows(office_slug=str(office_slug))
    if not rows:
        return []
    office = instance_from_row(Office, rows[0], "office__")
    types = []
    for row in rows:
        offered = instance_from_row(AppointmentType, row)
        AppointmentType.office.field.set_cached_value(offered, office)
        types.append(offered)
    return types


def office_has_appointments(office) -> bool:
    return AppointmentType.objects.filter(office=office, active=True).exists()


def _bookable(appointment_type, now, places: int = 1):
    """Slots ahead with ``places`` free places (one per person of the booking)."""
    return Slot.objects.filter(
        appointment_type=appointment_type,
        starts_at__gt=now,
        taken__lte=F("capacity") - max(places, 1),
    )


def bookable_days(
    appointment_type,
    first: dt.date,
    last: dt.date,
    *,
    now=None,
    except_slot=None,
    places: int = 1,
) -> dict:
    """{date: number of bookable slots} for days from ``first`` to ``last`` with a slot that has
    ``places`` free places; ``except_slot`` (a booking's own slot, when it is moved) does not
    count."""
    now = now or timezone.now()
    ensure_slots(appointment_type)
    start = dt.datetime.combine(first, dt.time(0), tzinfo=MUNICH)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=MUNICH)
    rows = (
        _bookable(appointment_type, now, places)
        .exclude(pk=except_slot)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .annotate(day=TruncDate("starts_at", tzinfo=MUNICH))
        .values("day")
        .annotate(slots=Count("pk"))
        .order_by("day")
    )
    return {row["day"]: row["slots"] for row in rows}


def next_free_day(appointment_type, *, now=None, places: int = 1) -> dt.date | None:
    now = now or timezone.now()
    ensure_slots(appointment_type)
    slot = _bookable(appointment_type, now, places).order_by("starts_at").first()
    return timezone.localtime(slot.starts_at, MUNICH).date() if slot else None


def free_slots(appointment_type, day: dt.date, *, now=None, places: int = 1) -> list[Slot]:
    """The day's slots with ``places`` free places, by time."""
    now = now or timezone.now()
    start = dt.datetime.combine(day, dt.time(0), tzinfo=MUNICH)
    return list(
        _bookable(appointment_type, now, places)
        .filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date | None
    free: int = 0

    @property
    def bookable(self) -> bool:
        return self.free > 0


def month_weeks(year: int, month: int, days: dict) -> list[list[CalendarDay]]:
    """The month as weeks (Monday first) of :class:`CalendarDay`; ``date`` None outside it."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                CalendarDay(day, days.get(day, 0)) if day.month == month else CalendarDay(None)
                for day in week
            ]
        )
    return weeks


def months_in_horizon() -> list[dt.date]:
    """First days of the months from this month to the horizon's."""
    first = today().replace(day=1)
    last = today() + dt.timedelta(days=horizon_days())
    months = []
    cursor = first
    while cursor <= last:
        months.append(cursor)
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return months


def is_verified(user) -> bool:
    """A logged-in account whose address is verified books without the e-mail step."""
    if user is None or not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


@dataclass(frozen=True)
class OwnBooking:
    """What a resident's own lists show of one of their appointments (Termine, Mein Konto)."""

    reference: str
    status: str
    secret: str
    starts_at: dt.datetime
    appointment_type: Named
    office: Named

    def get_status_display(self) -> str:
        return str(BookingStatus(self.status).label)


@dataclass(frozen=True)
class OwnWaitingEntry:
    """What /termine/ shows of a resident's place on a waiting list: a service's list (any
    office) or one appointment type's at one office."""

    status: str
    service: Named | None
    appointment_type: Named | None
    office: Named | None

    def get_status_display(self) -> str:
        return str(WaitingStatus(self.status).label)


_BOOKING_VALUES = {
    "starts_at": "slot__starts_at",
    "type_de": "slot__appointment_type__name_de",
    "type_en": "slot__appointment_type__name_en",
    "office_de": "slot__appointment_type__office__name_de",
    "office_en": "slot__appointment_type__office__name_en",
}


def _own_bookings_statement(user: int):
    return (
        Booking.objects.filter(user_id=user)
        .order_by("slot__starts_at", "pk")
        .values("reference", "status", "secret", **{k: F(v) for k, v in _BOOKING_VALUES.items()})
    )


def _upcoming_bookings_statement(user: int, now: dt.datetime):
    return _own_bookings_statement(user).filter(status__in=ACTIVE_STATUSES, slot__starts_at__gt=now)


def _waiting_statement(user: int):
    return (
        WaitingListEntry.objects.filter(
            user_id=user,
            status__in=[WaitingStatus.PENDING, WaitingStatus.WAITING, WaitingStatus.OFFERED],
        )
        .order_by("pk")
        .values(
            "status",
            service_de=F("service__name_de"),
            service_en=F("service__name_en"),
            type_de=F("appointment_type__name_de"),
            type_en=F("appointment_type__name_en"),
            office_de=F("appointment_type__office__name_de"),
            office_en=F("appointment_type__office__name_en"),
        )
    )


# A resident's own lists are read on every visit of their pages: built once per process.
_OWN_BOOKINGS = PreparedRead(_own_bookings_statement, user=ANY_ID)
_UPCOMING_BOOKINGS = PreparedRead(_upcoming_bookings_statement, user=ANY_ID, now=ANY_MOMENT)
_WAITING = PreparedRead(_waiting_statement, user=ANY_ID)


def _named(row: dict, prefix: str) -> Named | None:
    return None if row[f"{prefix}_de"] is None else Named(row[f"{prefix}_de"], row[f"{prefix}_en"])


def _own_booking(row: dict) -> OwnBooking:
    return OwnBooking(
        reference=row["reference"],
        status=row["status"],
        secret=row["secret"],
        starts_at=row["starts_at"],
        appointment_type=Named(row["type_de"], row["type_en"]),
        office=Named(row["office_de"], row["office_en"]),
    )


def bookings_reading(user) -> Reading[dict[str, list[OwnBooking]]]:
    """A resident's appointments: upcoming (active) and the others, newest first. One query,
    alone (``.result()``) or with the page's other reads
    (:func:`munich_portal.core.prepared.read_together`)."""
    return Reading(_OWN_BOOKINGS, {"user": user.pk}, _upcoming_and_other)


def _upcoming_and_other(found) -> dict[str, list[OwnBooking]]:
    rows = [_own_booking(row) for row in found]
    now = timezone.now()
    upcoming = [b for b in rows if b.status in ACTIVE_STATUSES and b.starts_at > now]
    past = [b for b in rows if b not in upcoming]
    past.reverse()
    return {"upcoming": upcoming, "other": past[:20]}


def _own_bookings(rows) -> list[OwnBooking]:
    return [_own_booking(row) for row in rows]


def upcoming_bookings_reading(user, *, now=None) -> Reading[list[OwnBooking]]:
    """A resident's active appointments still to come, soonest first (Mein Konto): one query,
    alone (``.result()``) or with the page's other reads
    (:func:`munich_portal.core.prepared.read_together`)."""
    return Reading(
        _UPCOMING_BOOKINGS, {"user": user.pk, "now": now or timezone.now()}, _own_bookings
    )


def waiting_entries_reading(user) -> Reading[list[OwnWaitingEntry]]:
    """A resident's open places on waiting lists: one query, alone (``.result()``) or with the
    page's other reads (:func:`munich_portal.core.prepared.read_together`)."""
    return Reading(_WAITING, {"user": user.pk}, _own_waiting_entries)


def _own_waiting_entries(rows) -> list[OwnWaitingEntry]:
    return [
        OwnWaitingEntry(
            status=row["status"],
            service=_named(row, "service"),
            appointment_type=_named(row, "type"),
            office=_named(row, "office"),
        )
        for row in rows
    ]


def waiting_count(appointment_type) -> int:
    return WaitingListEntry.objects.filter(
        appointment_type=appointment_type, status=WaitingStatus.WAITING
    ).count()


def bookable_service(slug: str):
    """The published service ``slug`` if an office books appointments for it online, else None."""
    service = Service.objects.published().filter(slug=str(slug)[:200]).first()
    if service is None or not _service_types(service).exists():
        return None
    return service


def _service_types(service):
    return AppointmentType.objects.filter(
        services=service, active=True, office__status=PublicationStatus.PUBLISHED
    )


def offices_for_service(service) -> list:
    """The published offices with an online-bookable type offering ``service`` (with their
    district), in name order: where an "any office" waiting list can be offered a place."""
    return list(
        Office.objects.filter(pk__in=_service_types(service).values("office_id"))
        .select_related("stadtbezirk")
        .order_by("name_de")
    )


def districts() -> list:
    return list(Stadtbezirk.objects.order_by("number"))


def waiting_count_for_service(service) -> int:
    return WaitingListEntry.objects.filter(service=service, status=WaitingStatus.WAITING).count()


def day_list(office, day: dt.date) -> list[Booking]:
    """Everyone expected at ``office`` on ``day`` (confirmed, attended, no-show), by time."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=MUNICH)
    return list(
        Booking.objects.filter(
            slot__appointment_type__office=office,
            slot__starts_at__gte=start,
            slot__starts_at__lt=start + dt.timedelta(days=1),
        )
        .filter(
            Q(
                status__in=[
                    BookingStatus.CONFIRMED,
                    BookingStatus.ATTENDED,
                    BookingStatus.NO_SHOW,
                    BookingStatus.HELD,
                    BookingStatus.OFFERED,
                ]
            )
        )
        .select_related("slot__appointment_type", "service")
        .prefetch_related("people__services")
        .order_by("slot__starts_at", "pk")
    )

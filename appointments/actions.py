"""Writes of the appointments app — the one API for the booking pages, the clerks and the jobs.

- :func:`book` — a booking from any channel: a guest's is *held* until the e-mail link is
  clicked (:func:`confirm_hold`), a verified resident's and a clerk's are confirmed at once;
- :func:`cancel` — a confirmed appointment's place returns after a delay, a hold's at once;
- :func:`rebook` — move a booking to another slot of its type;
- :func:`release_due` — return the places of expired holds and offers and of cancellations whose
  delay has passed, and offer them to the waiting list first;
- :func:`join_waiting_list` (one office's type, or a service at any office),
  :func:`confirm_waiting_list`, :func:`accept_offer`;
- :func:`mark_attendance`, :func:`send_reminders`, :func:`count_attempt`;
- :func:`erase_booking` — erasure: frees the place at once, tells nobody but the waiting list.

Capacity: every write that changes a slot's places locks the slot row (``SELECT ... FOR
UPDATE``) and moves ``Slot.taken`` by the booking's ``places`` (one per person: a family booking
takes one place per person in its slot); a booking row's ``occupies_place`` says whether it is
counted. The CHECK constraint ``slot_never_overbooked`` (``taken <= capacity``) turns a forgotten
lock into an error, never an overbooking. Locks are taken slot first, then bookings, everywhere.

Per-person limits are checked under a transaction-scoped advisory lock on the person (e-mail
address and account), so two simultaneous bookings of one person cannot both pass the check.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from appointments.models import (
    ACTIVE_STATUSES,
    BOOKING_CHANNELS,
    OFFICE_NEEDS,
    AppointmentType,
    Booking,
    BookingPerson,
    BookingStatus,
    Slot,
    WaitingListEntry,
    WaitingStatus,
    office_match_q,
)
from munich_portal.core import ratelimit
from munich_portal.core.channels import Channel
from munich_portal.core.timezone import MUNICH
from services.models import Office, PublicationStatus

__all__ = [
    "AlreadyWaiting",
    "BookingError",
    "HoldExpired",
    "NotBookable",
    "SlotFull",
    "TooManyAttempts",
    "TooManyOpen",
    "accept_offer",
    "book",
    "cancel",
    "confirm_hold",
    "confirm_waiting_list",
    "count_attempt",
    "erase_booking",
    "hold_minutes",
    "join_waiting_list",
    "leave_waiting_list",
    "mark_attendance",
    "rebook",
    "release_due",
    "send_reminders",
]

# Offers are only made for slots at least this far ahead: time to read the e-mail and come.
OFFER_LEAD = timedelta(hours=2)
ATTEMPT_PERIOD = timedelta(hours=1)
# Without the proof of work an attempt weighs this much against the per-client limit.
NO_POW_WEIGHT = 3


class BookingError(Exception):
    """A booking that cannot be made; views turn each kind into a clear message."""


class SlotFull(BookingError):
    """The slot's places are taken (the last one went to someone else a moment ago)."""


class NotBookable(BookingError):
    """The slot is in the past, or its type is not offered online."""


class TooManyOpen(BookingError):
    """The person already holds the maximum number of upcoming appointments."""


class TooManyAttempts(BookingError, ratelimit.RateLimited):
    """Too many booking attempts from this client in the last hour."""


class HoldExpired(BookingError):
    """The hold or offer was not confirmed in time; the place went back."""


class AlreadyWaiting(BookingError):
    """The e-mail address is already on this waiting list."""


def hold_minutes() -> int:
    return int(settings.APPOINTMENTS_HOLD_MINUTES)


def _release_delay() -> timedelta:
    return timedelta(minutes=int(settings.APPOINTMENTS_RELEASE_DELAY_MINUTES))


def _max_open() -> int:
    return int(settings.APPOINTMENTS_MAX_OPEN_PER_PERSON)


def max_people() -> int:
    """People one booking may be for (``APPOINTMENTS_MAX_PEOPLE``)."""
    return max(int(settings.APPOINTMENTS_MAX_PEOPLE), 1)


def _user_id(user) -> int | None:
    return getattr(user, "pk", None) if user is not None else None


def _active_language() -> str:
    from munich_portal.core.i18n import active_language

    return active_language()


# --- locks and counters -------------------------------------------------------------------------
def _lock_slot(slot_id: int, *, with_office: bool = False) -> Slot:
    """The slot, locked; its type read with it (and its office, for a booking's e-mail)."""
    related = "appointment_type__office" if with_office else "appointment_type"
    return Slot.objects.select_related(related).select_for_update(of=("self",)).get(pk=slot_id)


def _move(slot: Slot, delta: int) -> None:
    Slot.objects.filter(pk=slot.pk).update(taken=F("taken") + delta)
    slot.taken += delta


def _lock_person(email: str, user_id: int | None) -> None:
    keys = sorted(
        {f"e:{email.strip().lower()}" if email else "", f"u:{user_id}" if user_id else ""}
    )
    with connection.cursor() as cursor:
        for key in keys:
            if key:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"appointments:{key}"]
                )


def _open_count(email: str, user_id: int | None, now: datetime) -> int:
    who = Q()
    if email:
        who |= Q(email__iexact=email)
    if user_id:
        who |= Q(user_id=user_id)
    if not who:
        return 0
    # Holds and offers that have run out count no more, even before the job releases them.
    live = Q(status=BookingStatus.CONFIRMED) | Q(
        status__in=[BookingStatus.HELD, BookingStatus.OFFERED], hold_until__gt=now
    )
    return Booking.objects.filter(who, live, slot__starts_at__gt=now).values("pk").count()


def _release_in_slot(slot: Slot, now: datetime) -> int:
    """Free the places of this (locked) slot's expired holds/offers and due cancellations."""
    due = list(
        Booking.objects.select_for_update()
        .filter(slot=slot, occupies_place=True)
        .filter(
            Q(status__in=[BookingStatus.HELD, BookingStatus.OFFERED], hold_until__lte=now)
            | Q(status=BookingStatus.CANCELLED, release_at__lte=now)
        )
    )
    for booking in due:
        if booking.status in (BookingStatus.HELD, BookingStatus.OFFERED):
            if booking.status == BookingStatus.OFFERED and booking.waiting_list_entry_id:
                _close_entry(booking.waiting_list_entry_id, WaitingStatus.LAPSED)
            booking.status = BookingStatus.EXPIRED
        booking.occupies_place = False
        booking.save(update_fields=["status", "occupies_place", "updated_at"])
    if due:
        _move(slot, -sum(booking.places for booking in due))
    return len(due)


def _close_entry(entry_id: int, status: str) -> None:
    entry = WaitingListEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is not None and entry.status in (WaitingStatus.OFFERED, WaitingStatus.WAITING):
        entry.status = status
        entry.save(update_fields=["status", "updated_at"])


# --- booking ------------------------------------------------------------------------------------
@transaction.atomic
def book(
    *,
    slot: Slot,
    name: str,
    email: str = "",
    phone: str = "",
    address: dict | None = None,
    user=None,
    verified: bool = False,
    service=None,
    people: list[tuple[str, list]] | None = None,
    channel: str = Channel.ONLINE,
    booked_by=None,
    language: str | None = None,
) -> Booking:
    """Book places in ``slot`` and notify the person; return the booking.

    ``people``: who comes, ``(name, services)`` per person, the booker first (its name is
    ``name``); one place each, at most :func:`max_people`; every service must be one of the
    type's. Without it the booking is for ``name`` alone with ``service``. A family booking
    counts once against the per-person limit (one appointment of the booker).

    Online: a verified account's booking is confirmed; a guest's (or an unverified account's) is
    held for :func:`hold_minutes` until the e-mail link confirms it. Clerks' bookings (phone,
    on site) are confirmed and not limited per person — the clerk speaks to the person.
    ``address`` (``street``, ``postal_code``, ``city``): where letters go for a person without
    e-mail (confirmation, reminder, cancellation in the clerks' daily batch).
    Raises :class:`SlotFull`, :class:`NotBookable` or :class:`TooManyOpen`.
    """
    if channel not in BOOKING_CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}")
    name, email, phone = (name or "").strip(), (email or "").strip(), (phone or "").strip()
    if not name:
        raise ValueError("A booking needs a name.")
    if channel == Channel.ONLINE and not email:
        raise ValueError("An online booking needs an e-mail address.")
    party = _party(name, service, people)
    if len(party) > max_people():
        raise ValueError("Too many people for one booking.")
    places = len(party)
    now = timezone.now()
    user_id = _user_id(user)
    if channel == Channel.ONLINE:
        _lock_person(email, user_id)
        if _open_count(email, user_id, now) >= _max_open():
            raise TooManyOpen("limit")
    # The office comes with the lock: the e-mail written below names it.
    slot = _lock_slot(slot.pk, with_office=True)
    if slot.starts_at <= now or (channel == Channel.ONLINE and not slot.appointment_type.active):
        raise NotBookable("not bookable")
    _release_in_slot(slot, now)
    if slot.taken + places > slot.capacity:
        raise SlotFull("full")
    chosen = {s.pk for _n, services in party for s in services}
    if chosen and not chosen <= set(slot.appointment_type.services.values_list("pk", flat=True)):
        raise ValueError("A service that this appointment type does not offer.")
    first_services = party[0][1]
    confirmed = channel != Channel.ONLINE or (user_id is not None and verified)
    booking = Booking(
        slot=slot,
        service=service or (first_services[0] if first_services else None),
        places=places,
        channel=channel,
        user_id=user_id,
        name=name[:150],
        email=email,
        phone=phone[:50],
        **{
            name: (address or {}).get(name, "").strip()
            for name in ("street", "postal_code", "city")
        },
        language=language or _active_language(),
        booked_by_id=_user_id(booked_by),
        status=BookingStatus.CONFIRMED if confirmed else BookingStatus.HELD,
        confirmed_at=now if confirmed else None,
        hold_until=None if confirmed else now + timedelta(minutes=hold_minutes()),
    )
    booking.save()
    persons = []
    for position, (person_name, services) in enumerate(party, start=1):
        person = BookingPerson.objects.create(
            booking=booking, position=position, name=person_name[:150]
        )
        if services:  # a new person has none to replace: set() of nothing would only read
            person.services.set(services)
        persons.append(person)
    _prime_party(booking, persons, party)
    try:
        # No savepoint of its own (two round trips): the error leaves book()'s transaction, or
        # its savepoint when called inside another, and rolls back the whole booking.
        with transaction.atomic(savepoint=False):
            _move(slot, places)
    except IntegrityError as error:  # the CHECK: only reachable if a lock was bypassed
        raise SlotFull("full") from error
    _notify(booking, "confirmation" if confirmed else "hold")
    return booking


def _prime_party(booking: Booking, persons: list[BookingPerson], party) -> None:
    """Give the new booking its people (and each person with at most one service their
    service) as if prefetched: the e-mail reads the party, and it was just written. A person
    with several services is left to the prefetch, which orders them as the catalogue does."""
    people = booking.people.all()
    people._result_cache = persons  # type: ignore[attr-defined]  # what a prefetch stores
    people._prefetch_done = True  # type: ignore[attr-defined]
    booking._prefetched_objects_cache = {"people": people}  # type: ignore[attr-defined]
    for person, (_name, services) in zip(persons, party, strict=True):
        if len(services) <= 1:
            chosen = person.services.all()
            chosen._result_cache = list(services)  # type: ignore[attr-defined]
            chosen._prefetch_done = True  # type: ignore[attr-defined]
            person._prefetched_objects_cache = {"services": chosen}  # type: ignore[attr-defined]


def _party(name: str, service, people) -> list[tuple[str, list]]:
    """``(name, services)`` per person, the booker first and named ``name``; names stripped."""
    if not people:
        return [(name, [service] if service is not None else [])]
    party = [(name, list(people[0][1]))]
    for person_name, services in people[1:]:
        person_name = (person_name or "").strip()
        if not person_name:
            raise ValueError("Every person needs a name.")
        party.append((person_name, list(services)))
    return party


def confirm_hold(*, booking: Booking) -> Booking:
    """The guest clicked the e-mail link: a held booking becomes confirmed (idempotent).

    :class:`HoldExpired` when the hold has run out; its place has then been returned (in its
    own committed transaction, so the release is not rolled back with the error).
    """
    result = _confirm_hold(booking)
    if result is None:
        raise HoldExpired("expired")
    return result


@transaction.atomic
def _confirm_hold(booking: Booking) -> Booking | None:
    slot = _lock_slot(booking.slot_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == BookingStatus.CONFIRMED:
        return booking
    if booking.status != BookingStatus.HELD:
        raise HoldExpired(booking.status)
    now = timezone.now()
    if booking.hold_until <= now or slot.starts_at <= now:
        _release_in_slot(slot, now)
        _offer_freed_places(slot, now)
        return None
    booking.status = BookingStatus.CONFIRMED
    booking.confirmed_at = now
    booking.hold_until = None
    booking.save()
    _notify(booking, "confirmation")
    return booking


def accept_offer(*, booking: Booking) -> Booking:
    """The waiting person takes the offered slot (idempotent); :class:`HoldExpired` when late."""
    result = _accept_offer(booking)
    if result is None:
        raise HoldExpired("expired")
    return result


@transaction.atomic
def _accept_offer(booking: Booking) -> Booking | None:
    slot = _lock_slot(booking.slot_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == BookingStatus.CONFIRMED:
        return booking
    if booking.status != BookingStatus.OFFERED:
        raise HoldExpired(booking.status)
    now = timezone.now()
    if booking.hold_until <= now:
        _release_in_slot(slot, now)
        _offer_freed_places(slot, now)
        return None
    booking.status = BookingStatus.CONFIRMED
    booking.confirmed_at = now
    booking.hold_until = None
    booking.save()
    if booking.waiting_list_entry_id:
        entry = WaitingListEntry.objects.select_for_update().get(pk=booking.waiting_list_entry_id)
        entry.status = WaitingStatus.BOOKED
        entry.save(update_fields=["status", "updated_at"])
    _notify(booking, "confirmation")
    return booking


@transaction.atomic
def cancel(*, booking: Booking, by=None, release_now: bool = False, notify: bool = True) -> Booking:
    """Cancel ``booking`` (``by``: the acting staff member or resident; ``None``: e-mail link).

    A confirmed appointment's place returns after ``APPOINTMENTS_RELEASE_DELAY_MINUTES`` (and
    goes to the waiting list first), so that a bot watching for cancellations gains nothing; a
    hold or a declined offer frees its place at once. Cancelling twice changes nothing.
    Erasure (:func:`erase_booking`) frees the place at once (``release_now``) and tells the
    erased person nothing (``notify=False``).
    """
    slot = _lock_slot(booking.slot_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status not in ACTIVE_STATUSES:
        return booking
    now = timezone.now()
    was = booking.status
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by_id = _user_id(by)
    if was == BookingStatus.CONFIRMED and slot.starts_at > now and not release_now:
        booking.release_at = now + _release_delay()
    else:
        booking.occupies_place = False
    booking.hold_until = None
    booking.save()
    if not booking.occupies_place:
        _move(slot, -booking.places)
        if was == BookingStatus.OFFERED and booking.waiting_list_entry_id:
            _close_entry(booking.waiting_list_entry_id, WaitingStatus.CANCELLED)
        _offer_freed_places(slot, now)
    if was == BookingStatus.CONFIRMED and notify:
        _notify(booking, "cancellation")
    return booking


@transaction.atomic
def erase_booking(*, booking: Booking) -> None:
    """Erase ``booking`` (its person is being erased; docs/appointments.md, "Erasure").

    A booking still ahead is cancelled as by the resident (:func:`cancel`): its place is free at
    once and offered to the waiting list, but the person gets no message. A cancellation whose
    place is still held back for the release delay frees it now. Then the row is deleted (with its
    queued e-mails); a past appointment is deleted as its retention would delete it.
    """
    slot = _lock_slot(booking.slot_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    now = timezone.now()
    if slot.starts_at > now:
        if booking.status in ACTIVE_STATUSES:
            booking = cancel(booking=booking, release_now=True, notify=False)
        elif booking.occupies_place:
            booking.occupies_place = False
            booking.save(update_fields=["occupies_place", "updated_at"])
            _move(slot, -booking.places)
            _offer_freed_places(slot, now)
    # Row by row: the deletion gets its history row (anonymised by the erasure afterwards). The
    # people of the booking go with it, and their names leave their history (appointments.apps).
    booking.delete()


@transaction.atomic
def rebook(*, booking: Booking, slot: Slot) -> Booking:
    """Move a confirmed booking to ``slot`` (same type); the old places are free at once (all of
    them: the new slot must have a place for every person).

    Both slots are locked in id order, so two people swapping slots cannot deadlock.
    """
    if slot.pk == booking.slot_id:
        return booking
    first, second = sorted([booking.slot_id, slot.pk])
    locked = {first: _lock_slot(first), second: _lock_slot(second)}
    old, new = locked[booking.slot_id], locked[slot.pk]
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    now = timezone.now()
    if booking.status != BookingStatus.CONFIRMED:
        raise NotBookable(booking.status)
    if new.appointment_type_id != old.appointment_type_id or new.starts_at <= now:
        raise NotBookable("other type or past")
    _release_in_slot(new, now)
    if new.taken + booking.places > new.capacity:
        raise SlotFull("full")
    _move(new, booking.places)
    booking.slot = new
    booking.reminder_sent_at = None
    booking.save()
    _move(old, -booking.places)
    _offer_freed_places(old, now)
    _notify(booking, "rebooked")
    return booking


def release_due(*, now: datetime | None = None) -> int:
    """Return places of expired holds/offers and due cancellations; offer them. Returns count."""
    now = now or timezone.now()
    slot_ids = set(
        Booking.objects.filter(occupies_place=True)
        .filter(
            Q(status__in=[BookingStatus.HELD, BookingStatus.OFFERED], hold_until__lte=now)
            | Q(status=BookingStatus.CANCELLED, release_at__lte=now)
        )
        .values_list("slot_id", flat=True)
    )
    released = 0
    for slot_id in sorted(slot_ids):
        with transaction.atomic():
            slot = _lock_slot(slot_id)
            released += _release_in_slot(slot, now)
            _offer_freed_places(slot, now)
    return released


# --- waiting list -------------------------------------------------------------------------------
def _offer_hours() -> timedelta:
    return timedelta(hours=int(settings.APPOINTMENTS_OFFER_HOURS))


def _waiting_for(slot: Slot):
    """The entries a free place in the (locked) ``slot`` may go to: those waiting for its type at
    its office, and — when the type is bookable online at a published office — those waiting for
    one of the type's services at any office whose narrowing admits the slot's office."""
    appointment_type = slot.appointment_type
    office = Office.objects.get(pk=appointment_type.office_id)
    match = Q(appointment_type_id=appointment_type.pk)
    if appointment_type.active and office.status == PublicationStatus.PUBLISHED:
        match |= Q(
            service__in=appointment_type.services.values("pk"),
            appointment_type__isnull=True,
        ) & office_match_q(office)
    return WaitingListEntry.objects.filter(match, status=WaitingStatus.WAITING)


def _offer_freed_places(slot: Slot, now: datetime) -> list[Booking]:
    """Offer the (locked) slot's free places to the longest-waiting matching entries (order of
    ``queued_at``, one office's list and "any office" alike; :func:`_waiting_for`).

    Exactly one offer per free place: the slot is locked, so its places are counted by one
    transaction at a time. An entry can wait for places at several offices at once ("any
    office"): it is locked with ``SKIP LOCKED`` and offered only while still *waiting*, so two
    slots freed at the same moment never offer to the same entry — the second takes the next.
    """
    offers: list[Booking] = []
    if slot.starts_at < now + OFFER_LEAD:
        return offers
    candidates = None
    while slot.taken < slot.capacity:
        if candidates is None:
            candidates = _waiting_for(slot)
        entry = (
            candidates.select_for_update(skip_locked=True, of=("self",))
            .order_by("queued_at", "pk")
            .first()
        )
        if entry is None:
            break
        hold_until = min(now + _offer_hours(), slot.starts_at - timedelta(hours=1))
        booking = Booking.objects.create(
            slot=slot,
            service_id=entry.service_id,
            status=BookingStatus.OFFERED,
            channel=Channel.ONLINE,
            user_id=entry.user_id,
            name=entry.name,
            email=entry.email,
            language=entry.language,
            hold_until=hold_until,
            waiting_list_entry=entry,
        )
        _move(slot, 1)
        entry.status = WaitingStatus.OFFERED
        entry.save(update_fields=["status", "updated_at"])
        _notify(booking, "offer")
        offers.append(booking)
    return offers


@transaction.atomic
def join_waiting_list(
    *,
    name: str,
    email: str,
    appointment_type: AppointmentType | None = None,
    service=None,
    stadtbezirk=None,
    needs: tuple[str, ...] | list[str] = (),
    user=None,
    verified: bool = False,
    language: str | None = None,
) -> WaitingListEntry:
    """Put a person on a waiting list; a guest confirms by e-mail first.

    Either one office's ``appointment_type``, or a ``service`` at any office offering it,
    optionally only in ``stadtbezirk`` and only in buildings with the features in ``needs``
    (names from :data:`appointments.models.OFFICE_NEEDS`). One open entry per e-mail address and
    type, or per address and service: :class:`AlreadyWaiting`.
    """
    email = (email or "").strip()
    name = (name or "").strip()[:150]
    if not email or not name:
        raise ValueError("name and e-mail are required")
    if (appointment_type is None) == (service is None):
        raise ValueError("a waiting list is for one office's type or for a service")
    if service is None and (stadtbezirk is not None or needs):
        raise ValueError("only a waiting list for any office is narrowed")
    unknown = set(needs) - set(OFFICE_NEEDS)
    if unknown:
        raise ValueError(f"unknown needs {sorted(unknown)}")
    _lock_person(email, _user_id(user))
    scope = {"appointment_type": appointment_type} if service is None else {"service": service}
    if WaitingListEntry.objects.filter(
        **scope,
        email__iexact=email,
        status__in=[WaitingStatus.PENDING, WaitingStatus.WAITING, WaitingStatus.OFFERED],
    ).exists():
        raise AlreadyWaiting("already")
    direct = user is not None and verified
    now = timezone.now()
    entry = WaitingListEntry.objects.create(
        **scope,
        stadtbezirk=stadtbezirk,
        **{need: need in needs for need in OFFICE_NEEDS},
        user_id=_user_id(user),
        name=name,
        email=email,
        language=language or _active_language(),
        status=WaitingStatus.WAITING if direct else WaitingStatus.PENDING,
        queued_at=now if direct else None,
    )
    _notify_entry(entry, "waiting" if direct else "waitlist_confirm")
    return entry


@transaction.atomic
def confirm_waiting_list(*, entry: WaitingListEntry) -> WaitingListEntry:
    """The guest clicked the link: the entry joins the queue now (idempotent)."""
    entry = WaitingListEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != WaitingStatus.PENDING:
        return entry
    entry.status = WaitingStatus.WAITING
    entry.queued_at = timezone.now()
    entry.save()
    _notify_entry(entry, "waiting")
    return entry


@transaction.atomic
def leave_waiting_list(*, entry: WaitingListEntry) -> WaitingListEntry:
    entry = WaitingListEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status in (WaitingStatus.PENDING, WaitingStatus.WAITING):
        entry.status = WaitingStatus.CANCELLED
        entry.save()
    return entry


# --- the office ---------------------------------------------------------------------------------
@transaction.atomic
def mark_attendance(*, booking: Booking, attended: bool, by) -> Booking:
    """Note that the person came (or did not); only for confirmed appointments that have begun."""
    booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if booking.status not in (
        BookingStatus.CONFIRMED,
        BookingStatus.ATTENDED,
        BookingStatus.NO_SHOW,
    ):
        raise NotBookable(booking.status)
    if (
        timezone.localtime(booking.slot.starts_at, MUNICH).date()
        > timezone.localtime(timezone.now(), MUNICH).date()
    ):
        raise NotBookable("future")
    booking.status = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
    booking.attendance_marked_at = timezone.now()
    booking.attendance_marked_by_id = _user_id(by)
    booking.save()
    return booking


#: A reminder letter is queued this many days before the appointment: printed in the next daily
#: batch, a few days in the post, it arrives days ahead, not after (docs/appointments.md).
LETTER_REMINDER_DAYS = 7


def reminder_letter_follows(booking: Booking) -> bool:
    """Whether a reminder letter will follow the confirmation letter: the appointment was booked
    more than :data:`LETTER_REMINDER_DAYS` ahead. Booked later, the confirmation letter arrives
    close to the appointment and is the reminder itself."""
    return booking.slot.starts_at - booking.created_at > timedelta(days=LETTER_REMINDER_DAYS)


def send_reminders(*, now: datetime | None = None) -> int:
    """Remind every confirmed appointment not yet reminded: by e-mail the day before (Munich
    time); people without e-mail but with a postal address by letter
    :data:`LETTER_REMINDER_DAYS` days before (the daily batch, then the post), when the booking
    was made earlier than that (:func:`reminder_letter_follows`).

    Idempotent: ``reminder_sent_at`` is set in the same transaction as the message is queued.
    """
    now = now or timezone.now()
    today = timezone.localtime(now, MUNICH).date()
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=MUNICH)
    not_reminded = Booking.objects.filter(
        status=BookingStatus.CONFIRMED, reminder_sent_at__isnull=True
    )
    by_email = not_reminded.filter(
        slot__starts_at__gte=start, slot__starts_at__lt=start + timedelta(days=1)
    ).exclude(email="")
    by_letter = (
        not_reminded.filter(
            email="",
            slot__starts_at__gt=now,
            slot__starts_at__lt=start + timedelta(days=LETTER_REMINDER_DAYS),
            created_at__lt=F("slot__starts_at") - timedelta(days=LETTER_REMINDER_DAYS),
        )
        .exclude(street="")
        .exclude(postal_code="")
        .exclude(city="")
    )
    sent = 0
    due = [*by_email.values_list("pk", flat=True), *by_letter.values_list("pk", flat=True)]
    for pk in due:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update().filter(pk=pk, reminder_sent_at=None).first()
            )
            if booking is None:
                continue
            booking.reminder_sent_at = now
            booking.save(update_fields=["reminder_sent_at", "updated_at"])
            _notify(booking, "reminder")
            sent += 1
    return sent


# --- rate limit ---------------------------------------------------------------------------------
def attempts_per_hour() -> int:
    return int(settings.APPOINTMENTS_ATTEMPTS_PER_HOUR)


def count_attempt(*, client_ip: str, proof_of_work: bool) -> None:
    """Count one booking attempt of a client; :class:`TooManyAttempts` past the hourly limit.

    The kernel's limiter (:mod:`munich_portal.core.ratelimit`) per client address, like the
    participation and barrier-report limits. Attempts without the proof of work weigh
    :data:`NO_POW_WEIGHT`.
    """
    ratelimit.check(
        ratelimit.client_key(client_ip, "appointments.attempts"),
        limit=attempts_per_hour(),
        period=ATTEMPT_PERIOD,
        weight=1 if proof_of_work else NO_POW_WEIGHT,
        error=TooManyAttempts,
    )


# --- notifications ------------------------------------------------------------------------------
# The e-mails are outbox rows written in the change's transaction: a change that rolls back tells
# nobody anything; the outbox sends the e-mail once the transaction has committed.
def _notify(booking: Booking, kind: str) -> None:
    """An e-mail; without one, a letter for the daily batch where the kind can be a letter and
    the person gave a postal address (a clerk's booking); else nothing (the printable page)."""
    from appointments import notifications

    if notifications.needs_letter(booking, kind):
        notifications.queue_booking_letter(booking, kind)
    elif booking.email:
        notifications.queue_booking_email(booking, kind)


def _notify_entry(entry: WaitingListEntry, kind: str) -> None:
    from appointments import notifications

    if entry.email:
        notifications.queue_entry_email(entry, kind)

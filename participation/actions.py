"""Writes of the participation app: registering, confirming, cancelling, checking in.

The public API every channel uses (online form, clerks' paper entry, phone, the door):

- :func:`register` — a registration from any channel: confirmed while places remain, otherwise on
  the waiting list (or refused when the event has none);
- :func:`register_guest` — an online registration without an account: stored as *pending*, takes
  no place until the person confirms their e-mail address (:func:`confirm_guest`);
- :func:`cancel_registration` — frees the places and promotes from the waiting list;
- :func:`check_in` — marks a confirmed registration as present at the door;
- :func:`register_walk_in` — someone at the door without a registration: registered (on site) and
  checked in at once while places are free;
- :func:`erase_registration` — erasure: cancels without a message, keeps only counts.

Capacity is one number per event for every channel. Each write that changes it locks the event
row (``SELECT ... FOR UPDATE``) and then moves ``Event.confirmed_places`` by the registration's
number of people; the CHECK constraint ``confirmed_places <= capacity`` makes an overbooking
impossible even for code that forgets the lock (it would fail, not overbook). See
docs/participation.md for the order of receipt and the guest confirmation.

Notifications: an e-mail after the transaction commits when the registrant gave an address;
otherwise a letter, written and queued in the same transaction (:mod:`munich_portal.messaging`)
for the clerks' daily print batch.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from munich_portal.core import ratelimit
from munich_portal.core.channels import Channel
from participation.models import (
    ACTIVE_STATUSES,
    AccessNeed,
    ErasedRegistrations,
    Event,
    Registration,
    RegistrationStatus,
)

__all__ = [
    "AlreadyCheckedIn",
    "AlreadyRegistered",
    "EventFull",
    "GuestConfirmationExpired",
    "NotConfirmed",
    "RegistrationClosed",
    "RegistrationError",
    "TooManyGuestRegistrations",
    "cancel_registration",
    "change_capacity",
    "check_in",
    "confirm_guest",
    "count_guest_registration",
    "delete_expired_pending",
    "erase_registration",
    "register",
    "register_guest",
    "register_walk_in",
]

# A client may start this many guest registrations per window (per IP address): enough for a
# family registering for several events, too few to fill an event with invented names.
GUEST_LIMIT = 10
GUEST_PERIOD = timedelta(hours=1)


class RegistrationError(Exception):
    """A registration that cannot be made; the message is shown to the person."""


class RegistrationClosed(RegistrationError):
    """The registration window is not open (online channel only)."""


class EventFull(RegistrationError):
    """No places left and the event has no waiting list (or, for a walk-in, no free place)."""

    #: For a walk-in: the places that were free (fewer than the people at the door).
    free: int | None = None


class AlreadyRegistered(RegistrationError):
    """The same account or e-mail address already holds an active registration for the event."""

    def __init__(self, existing: Registration | None = None):
        super().__init__("already registered")
        self.existing = existing


class TooManyGuestRegistrations(RegistrationError, ratelimit.RateLimited):
    """The client started :data:`GUEST_LIMIT` guest registrations within the window."""


class GuestConfirmationExpired(RegistrationError):
    """The pending registration was not confirmed in time (or no longer exists)."""


class NotConfirmed(RegistrationError):
    """Check-in needs a confirmed registration."""


class AlreadyCheckedIn(RegistrationError):
    def __init__(self, registration: Registration):
        super().__init__("already checked in")
        self.registration = registration


def guest_confirmation_window() -> timedelta:
    """How long a guest's confirmation link is valid (setting
    ``PARTICIPATION_GUEST_CONFIRMATION_HOURS``, default 24)."""
    return timedelta(hours=settings.PARTICIPATION_GUEST_CONFIRMATION_HOURS)


def _user_id(user) -> int | None:
    return getattr(user, "pk", None) if user is not None else None


def _clean_access_needs(access_needs) -> list[str]:
    valid = set(AccessNeed.values)
    return sorted({need for need in access_needs or () if need in valid})


def _lock_event(event: Event) -> Event:
    # The lock serialises every registration, cancellation and promotion of one event, whatever
    # the channel: the second of two simultaneous registrations waits here and sees the first's
    # count. Other events are not blocked. The process and the office come along (the e-mails
    # name them) without being locked themselves.
    return (
        Event.objects.select_related("process", "office")
        .select_for_update(of=("self",))
        .get(pk=event.pk)
    )


def _move_places(event: Event, delta: int) -> None:
    Event.objects.filter(pk=event.pk).update(confirmed_places=F("confirmed_places") + delta)
    event.confirmed_places += delta


def _allocate(event: Event, registration: Registration, *, now: datetime) -> None:
    """Confirm ``registration`` if its people fit, else waitlist it (or refuse). Event is locked."""
    if event.confirmed_places + registration.number_of_people <= event.capacity:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        _move_places(event, registration.number_of_people)
    elif event.waiting_list_enabled:
        registration.status = RegistrationStatus.WAITLISTED
    else:
        raise EventFull("no places left")


def _check_window(event: Event, channel: str, now: datetime) -> None:
    # The window binds the online form only: clerks enter paper forms handed in before the
    # deadline, and the door takes people until the event starts (docs/participation.md).
    if channel == Channel.ONLINE and not event.registration_open(now):
        raise RegistrationClosed("registration closed")
    if channel != Channel.ONLINE and now > event.ends_at:
        raise RegistrationClosed("event is over")


def _check_not_registered(event: Event, *, user, email: str, channel: str) -> None:
    active = Registration.objects.filter(event=event, status__in=ACTIVE_STATUSES)
    if user is not None:
        existing = active.filter(user=user).first()
        if existing is not None:
            raise AlreadyRegistered(existing)
    if channel == Channel.ONLINE and email:
        existing = active.filter(channel=Channel.ONLINE, email__iexact=email).first()
        if existing is not None:
            raise AlreadyRegistered(existing)


def _person_fields(person: dict) -> dict:
    return {
        name: (person.get(name) or "").strip()
        for name in ("first_name", "last_name", "email", "phone", "street", "postal_code", "city")
    }


@transaction.atomic
def register(
    *,
    event: Event,
    channel: str,
    person: dict,
    number_of_people: int,
    access_needs,
    access_needs_note: str = "",
    consent_version: str,
    user=None,
    received_at: datetime | None = None,
    form_number: str | None = None,
    entered_by=None,
    linked_to: Registration | None = None,
    language: str | None = None,
) -> Registration:
    """Register ``person`` for ``event`` through ``channel`` and notify them; return the row.

    Confirmed while places remain, else waitlisted; :class:`EventFull` when the event keeps no
    waiting list, :class:`RegistrationClosed` outside the window (online) or after the event,
    :class:`AlreadyRegistered` for a second active registration of the same account (any channel)
    or e-mail address (online). ``received_at`` defaults to now: places go in the order in which
    registrations reach the portal, a paper form's when the clerk enters it.

    ``linked_to``: the clerk decided this form is the same person as an existing registration
    (issue 6, duplicates). The form is kept as a record, linked and cancelled at once, and takes no
    place of its own: the existing registration keeps its place and status.
    """
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    if not 1 <= int(number_of_people) <= 10:
        raise ValueError("number_of_people must be 1 to 10")
    now = timezone.now()
    event = _lock_event(event)
    _check_window(event, channel, now)
    fields = _person_fields(person)
    registration = Registration(
        event=event,
        channel=channel,
        user=user,
        number_of_people=int(number_of_people),
        access_needs=_clean_access_needs(access_needs),
        access_needs_note=(access_needs_note or "").strip(),
        consent_version=consent_version,
        consented_at=now,
        received_at=received_at or now,
        form_number=form_number or None,
        entered_by_id=_user_id(entered_by),
        linked_to=linked_to,
        language=language or _active_language(),
        **fields,
    )
    if linked_to is not None:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by_id = _user_id(entered_by)
        registration.save()
        return registration
    _check_not_registered(event, user=user, email=fields["email"], channel=channel)
    _allocate(event, registration, now=now)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        if "registration_one_active_per_user_and_event" in str(error):
            raise AlreadyRegistered() from error
        raise
    _notify(
        registration,
        "confirmation" if registration.status == RegistrationStatus.CONFIRMED else "waitlisted",
    )
    return registration


@transaction.atomic
def register_guest(
    *,
    event: Event,
    person: dict,
    number_of_people: int,
    access_needs,
    access_needs_note: str = "",
    consent_version: str,
    language: str | None = None,
) -> Registration:
    """Store an online registration without an account as *pending* and e-mail the link to confirm.

    A pending registration holds no place: the place is taken when the person confirms
    (:func:`confirm_guest`), in the order of confirmation. So an address that is mistyped or never
    confirmed blocks nobody, and nothing needs to release held places (docs/participation.md).
    """
    now = timezone.now()
    event = _lock_event(event)
    _check_window(event, Channel.ONLINE, now)
    fields = _person_fields(person)
    if not fields["email"]:
        raise ValueError("A guest registration needs an e-mail address.")
    _check_not_registered(event, user=None, email=fields["email"], channel=Channel.ONLINE)
    if not event.waiting_list_enabled and event.confirmed_places + int(number_of_people) > (
        event.capacity
    ):
        raise EventFull("no places left")
    registration = Registration.objects.create(
        event=event,
        channel=Channel.ONLINE,
        status=RegistrationStatus.PENDING,
        number_of_people=int(number_of_people),
        access_needs=_clean_access_needs(access_needs),
        access_needs_note=(access_needs_note or "").strip(),
        consent_version=consent_version,
        consented_at=now,
        received_at=now,
        language=language or _active_language(),
        **fields,
    )
    _notify(registration, "guest_confirm")
    return registration


@transaction.atomic
def confirm_guest(*, registration: Registration) -> Registration:
    """Confirm a pending guest registration: it takes a place now (or joins the waiting list).

    Idempotent: confirming twice returns the registration unchanged (the link may be clicked
    twice). :class:`GuestConfirmationExpired` when the window has passed.
    """
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        return registration
    now = timezone.now()
    if registration.created_at < now - guest_confirmation_window():
        raise GuestConfirmationExpired("expired")
    if now > event.ends_at:
        raise RegistrationClosed("event is over")
    # The order of receipt of a guest is the moment of confirmation: only then is the
    # registration real (the address is proven to belong to the person).
    registration.received_at = now
    try:
        _allocate(event, registration, now=now)
    except EventFull:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save()
        _notify(registration, "full")
        return registration
    registration.save()
    _notify(
        registration,
        "confirmation" if registration.status == RegistrationStatus.CONFIRMED else "waitlisted",
    )
    return registration


@transaction.atomic
def cancel_registration(
    *, registration: Registration, by=None, notify: bool = True
) -> list[Registration]:
    """Cancel ``registration`` (``by``: the acting user, ``None`` for the resident's own link).

    ``notify=False`` tells the registrant nothing (erasure: the person no longer exists); the
    people promoted from the waiting list get their message all the same.

    Frees its places and promotes from the waiting list in order of receipt: each waiting
    registration whose people fit into the free places is confirmed, the earliest first; one that
    does not fit is passed over (it keeps its position for the next free places), so a group
    of five does not keep a single person out of the one free place. Returns the promoted rows.
    Cancelling a cancelled registration changes nothing.
    """
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return []
    now = timezone.now()
    held_place = registration.status == RegistrationStatus.CONFIRMED
    was_pending = registration.status == RegistrationStatus.PENDING
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.cancelled_by_id = _user_id(by)
    registration.save()
    if held_place:
        _move_places(event, -registration.number_of_people)
    if notify:
        # A guest who never confirmed: the address is not proven (no name in the greeting).
        _notify(registration, "cancellation", address_confirmed=False if was_pending else None)
    return _promote(event, now=now)


def _keep_count(registration: Registration) -> None:
    """Add ``registration`` to its event's anonymous counts (the caller holds the event's lock)."""
    checked_in = registration.checked_in_at is not None
    counts, _created = ErasedRegistrations.objects.get_or_create(
        event_id=registration.event_id, channel=registration.channel, status=registration.status
    )
    ErasedRegistrations.objects.filter(pk=counts.pk).update(
        registrations=F("registrations") + 1,
        people=F("people") + registration.number_of_people,
        checked_in=F("checked_in") + int(checked_in),
        checked_in_people=F("checked_in_people")
        + (registration.number_of_people if checked_in else 0),
    )


@transaction.atomic
def erase_registration(*, registration: Registration) -> None:
    """Erase ``registration`` (its person is being erased; docs/participation.md, "Erasure").

    An event that has not ended: the registration is cancelled as by the resident
    (:func:`cancel_registration`: places freed, the waiting list promoted and told), but the
    person gets no message. Then the row is added to the event's anonymous counts
    (:class:`~participation.models.ErasedRegistrations`) with its final status and deleted.
    """
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if event.ends_at > timezone.now() and registration.status != RegistrationStatus.CANCELLED:
        cancel_registration(registration=registration, notify=False)
        registration.refresh_from_db()
    _keep_count(registration)
    # Row by row: the deletion gets its history row (anonymised by the erasure afterwards); the
    # registration's queued e-mails and letters go with it.
    registration.delete()


def _promote(event: Event, *, now: datetime) -> list[Registration]:
    promoted = []
    free = event.capacity - event.confirmed_places
    if free <= 0:
        return promoted
    waiting = (
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("received_at", "pk")
    )
    for candidate in waiting:
        if candidate.number_of_people > free:
            continue
        candidate.status = RegistrationStatus.CONFIRMED
        candidate.confirmed_at = now
        candidate.save()
        _move_places(event, candidate.number_of_people)
        free -= candidate.number_of_people
        promoted.append(candidate)
        _notify(candidate, "promotion")
        if free == 0:
            break
    return promoted


@transaction.atomic
def check_in(*, registration: Registration, by) -> Registration:
    """Mark a confirmed registration as present; :class:`AlreadyCheckedIn` names the first time."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise NotConfirmed(registration.status)
    if registration.checked_in_at is not None:
        raise AlreadyCheckedIn(registration)
    registration.checked_in_at = timezone.now()
    registration.checked_in_by_id = _user_id(by)
    registration.save()
    return registration


@transaction.atomic
def register_walk_in(
    *,
    event: Event,
    person: dict,
    number_of_people: int,
    access_needs,
    access_needs_note: str = "",
    consent_version: str,
    by,
) -> Registration:
    """Register a walk-in at the door (channel ``on_site``) and check them in, in one step.

    Only while places are free: :class:`EventFull` otherwise, also when the event keeps a waiting
    list — a person standing at the door is let in or not, never put on a list. ``free`` on the
    error tells how many places there were.
    """
    locked = _lock_event(event)
    free = locked.capacity - locked.confirmed_places
    if int(number_of_people) > free:
        error = EventFull("no places left for a walk-in")
        error.free = max(free, 0)
        raise error
    registration = register(
        event=locked,
        channel=Channel.ON_SITE,
        person=person,
        number_of_people=number_of_people,
        access_needs=access_needs,
        access_needs_note=access_needs_note,
        consent_version=consent_version,
        entered_by=by,
    )
    return check_in(registration=registration, by=by)


def delete_expired_pending(*, now: datetime | None = None) -> int:
    """Delete guest registrations never confirmed within the window; they never held a place.

    Their history rows (the deletion row too) lose the personal fields: nothing of a person who
    never confirmed stays behind."""
    from munich_portal.audit.actions import forget_history

    now = now or timezone.now()
    expired = Registration.objects.filter(
        status=RegistrationStatus.PENDING, created_at__lt=now - guest_confirmation_window()
    )
    deleted = []
    with transaction.atomic():
        for registration in expired:  # one by one: each deletion gets its history row
            pk = registration.pk
            registration.delete()
            deleted.append(pk)
        forget_history(Registration, deleted)
    return len(deleted)


def count_guest_registration(*, client_ip: str) -> None:
    """Record a guest registration attempt; :class:`TooManyGuestRegistrations` past the limit.

    The kernel's limiter (:mod:`munich_portal.core.ratelimit`) per client address.
    """
    ratelimit.check(
        ratelimit.client_key(client_ip, "participation.guest"),
        limit=GUEST_LIMIT,
        period=GUEST_PERIOD,
        error=TooManyGuestRegistrations,
    )


def _active_language() -> str:
    from munich_portal.core.i18n import active_language

    return active_language()


def _notify(
    registration: Registration, kind: str, *, address_confirmed: bool | None = None
) -> None:
    from participation import notifications

    # Letters and e-mails are rows written in this transaction: a registration that is rolled
    # back tells nobody anything. The outbox sends the e-mail once the transaction has committed.
    if notifications.needs_letter(registration, kind):
        notifications.queue_letter(registration, kind)
    elif registration.email:
        notifications.queue_email(registration, kind, address_confirmed=address_confirmed)


@transaction.atomic
def change_capacity(*, event: Event, capacity: int, by=None) -> list[Registration]:
    """Set ``event``'s capacity; more places go to the waiting list at once (returned).

    Refuses (``ValueError``) a capacity below the places already confirmed: those people were
    told they have a place. The admin's form says so before it gets here.
    """
    locked = _lock_event(event)
    if capacity < locked.confirmed_places:
        raise ValueError("capacity below confirmed places")
    Event.objects.filter(pk=locked.pk).update(capacity=capacity)
    locked.capacity = capacity
    event.capacity = capacity
    promoted = _promote(locked, now=timezone.now())
    event.confirmed_places = locked.confirmed_places
    return promoted

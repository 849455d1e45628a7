"""Writes of the participation app: registering, confirming, cancelling, checking in.

The public API every channel uses (online form, clerks' paper entry, phone, the door):

- :func:`register` — a registration from any channel: confirmed while places remain, otherwise on
  the waiting list (or refused when the event has none);
- :func:`register_guest` — an online registration without an account: stored as *pending*, takes
  no place until the person confirms their e-mail address (:func:`confirm_guest`);
- :func:`cancel_registration` — frees the places and promotes from the waiting list;
- :func:`check_in` — marks a confirmed registration as present at the door;
- :func:`merge_duplicate` — the organisers' duplicate report: one of two registrations of the same
  person is cancelled as linked to the other, its places go to the waiting list;
- :func:`register_walk_in` — someone at the door without a registration: registered (on site) and
  checked in at once while places are free;
- :func:`erase_registration` — erasure: cancels without a message, keeps only counts;
- :func:`move_event` — the organiser changes when or where an event takes place: every active
  registrant is told (old and new time and place) by e-mail or letter;
- :func:`cancel_event` — the organiser cancels an event: every active registration (the waiting
  list too) is cancelled and its registrant told.

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

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from munich_portal.core import ratelimit
from munich_portal.core.channels import Channel
from participation import selectors
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
    "NotMergeable",
    "PossibleDuplicate",
    "RegistrationClosed",
    "RegistrationError",
    "TooManyGuestRegistrations",
    "cancel_event",
    "cancel_registration",
    "change_capacity",
    "check_in",
    "confirm_guest",
    "count_guest_registration",
    "delete_expired_pending",
    "erase_registration",
    "merge_duplicate",
    "move_event",
    "register",
    "register_guest",
    "register_walk_in",
]

logger = logging.getLogger(__name__)

#: The fields that say when and where an event takes place: changing one moves the event, and
#: every active registrant is told (:func:`move_event`).
TIME_AND_PLACE_FIELDS = (
    "starts_at",
    "ends_at",
    "office",
    "place_name",
    "place_address",
    "online_url",
)

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


class PossibleDuplicate(RegistrationError):
    """An online registration that looks like a paper, phone or on-site one of the same person.

    ``matches``: :class:`participation.selectors.Match` rows, found only with the resident's own
    data (their account, or the address a guest proved). Registering again with
    ``someone_else=True`` registers all the same ("this is someone else").
    """

    def __init__(self, matches):
        super().__init__("possibly registered already")
        self.matches = list(matches)


class NotMergeable(RegistrationError):
    """Two registrations that cannot be merged (any more); the reason in ``code``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


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
    if event.cancelled_at is not None:
        raise RegistrationClosed("event cancelled")
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
    someone_else: bool = False,
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

    Online with an account: :class:`PossibleDuplicate` when an active paper, phone or on-site
    registration of the event matches the account's name and e-mail address (issue 15), unless
    the resident said it is someone else (``someone_else=True``).
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
    if channel == Channel.ONLINE and user is not None and not someone_else:
        _check_no_offline_match(selectors.offline_matches_for_account(event, user))
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


def _check_no_offline_match(matches) -> None:
    if matches:
        raise PossibleDuplicate(matches)


@transaction.atomic
def confirm_guest(*, registration: Registration, someone_else: bool = False) -> Registration:
    """Confirm a pending guest registration: it takes a place now (or joins the waiting list).

    Idempotent: confirming twice returns the registration unchanged (the link may be clicked
    twice). :class:`GuestConfirmationExpired` when the window has passed.
    :class:`PossibleDuplicate` when a paper, phone or on-site registration of the event has the
    guest's name and e-mail address, unless ``someone_else`` (the guest said so).
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
    if not someone_else:
        _check_no_offline_match(selectors.offline_matches_for_guest(registration))
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


@transaction.atomic
def merge_duplicate(*, keep: Registration, drop: Registration, by) -> list[Registration]:
    """Merge two registrations of one person: ``drop`` is cancelled as linked to ``keep``.

    From the organisers' duplicate report. ``drop``'s places are freed and the waiting list
    promoted through :func:`cancel_registration` (the promoted are told, once each). Neither
    registrant is told anything: the person keeps their place (``keep``), and a cancellation
    would read as losing it (docs/decisions.md). Returns the promoted registrations.

    :class:`NotMergeable` (``code``) when the two are the same row, of different events, not
    both holding or waiting for a place, already linked, or no longer look like one person.
    """
    if keep.pk == drop.pk:
        raise NotMergeable("same")
    if keep.event_id != drop.event_id:
        raise NotMergeable("other_event")
    _lock_event(keep.event)  # serialises the merge with every other write of the event
    rows = {
        row.pk: row
        for row in Registration.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk])
    }
    if len(rows) != 2:
        raise NotMergeable("gone")
    keep, drop = rows[keep.pk], rows[drop.pk]
    if keep.linked_to_id is not None or drop.linked_to_id is not None:
        raise NotMergeable("linked")
    places = selectors.PLACE_STATUSES
    if keep.status not in places or drop.status not in places:
        raise NotMergeable("inactive")
    pairs = selectors.duplicate_pairs(Registration.objects.filter(pk__in=[keep.pk, drop.pk]))
    if not pairs:
        raise NotMergeable("no_match")
    drop.linked_to = keep
    drop.save(update_fields=["linked_to", "updated_at"])
    return cancel_registration(registration=drop, by=by, notify=False)


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
    registration: Registration,
    kind: str,
    *,
    address_confirmed: bool | None = None,
    extra: dict | None = None,
) -> bool:
    """Tell the registrant (e-mail, else letter); ``False`` when there is no way to."""
    from participation import notifications

    # Letters and e-mails are rows written in this transaction: a registration that is rolled
    # back tells nobody anything. The outbox sends the e-mail once the transaction has committed.
    if notifications.needs_letter(registration, kind):
        notifications.queue_letter(registration, kind, extra=extra)
        return True
    if registration.email:
        notifications.queue_email(
            registration, kind, address_confirmed=address_confirmed, extra=extra
        )
        return True
    return False


def _same(field: str, old, new) -> bool:
    if field == "office":
        return getattr(old, "pk", old) == getattr(new, "pk", new)
    return (old or "") == (new or "") if isinstance(old or new, str) else old == new


def _told(
    event: Event,
    kind: str,
    registrations: list[Registration],
    *,
    note: str,
    before,
    statuses: dict[int, str] | None = None,
) -> int:
    """Tell each of ``registrations`` about the change ``kind`` of ``event``; how many could be.
    ``statuses``: each registration's status before the change, when the change set a new one."""
    told = 0
    for registration in registrations:
        registration.event = event  # the new state, without a query per person
        was = (statuses or {}).get(registration.pk, registration.status)
        told += _notify(
            registration,
            kind,
            # A guest who never confirmed: the address is not proven (no name in the greeting).
            address_confirmed=False if was == RegistrationStatus.PENDING else None,
            extra={"before": before, "note": note.strip(), "was": was},
        )
    return told


@transaction.atomic
def move_event(*, event: Event, changes: dict, note: str = "", by=None) -> list[Registration]:
    """Change when or where ``event`` takes place and tell every active registrant.

    ``changes`` maps fields of :data:`TIME_AND_PLACE_FIELDS` to their new values (``office``: an
    office or ``None``). Confirmed, waitlisted (and promoted) registrants, and guests who have not
    confirmed yet, get the message ``event_changed`` with the old and the new time and place, in
    their language, by e-mail or, without one, by letter in the daily batch; ``note`` (the
    organiser's words, e.g. the reason) goes into it. Registrations keep their status.

    Idempotent: the event is compared under its row lock, so the same change made again (a form
    sent twice) finds nothing different and tells nobody again. Returns the registrations told
    about (empty when nothing changed). Runs inside the caller's transaction (the admin's save).
    """
    unknown = set(changes) - set(TIME_AND_PLACE_FIELDS)
    if unknown:
        raise ValueError(f"Not a time or place field: {sorted(unknown)}")
    locked = _lock_event(event)
    changed = {
        field: value
        for field, value in changes.items()
        if not _same(field, getattr(locked, field), value)
    }
    if not changed:
        return []
    # The event as it was, for the message ("before"): an unsaved copy of time and place.
    before = Event(
        **{field: getattr(locked, field) for field in TIME_AND_PLACE_FIELDS if field != "office"},
        office=locked.office,
    )
    for field, value in changed.items():
        setattr(locked, field, value)
        setattr(event, field, value)
    # A save, not an update: the event's history row records the change and who made it.
    locked.save(update_fields=[*changed, "updated_at"])
    registrations = list(
        Registration.objects.select_for_update()
        .filter(event=locked, status__in=ACTIVE_STATUSES)
        .order_by("received_at", "pk")
    )
    told = _told(locked, "event_changed", registrations, note=note, before=before)
    logger.info(
        "Event %s moved (%s) by %s: %d registrations, %d told",
        locked.pk,
        ", ".join(changed),
        _user_id(by),
        len(registrations),
        told,
    )
    return registrations


@transaction.atomic
def cancel_event(*, event: Event, note: str = "", by=None) -> list[Registration]:
    """Cancel ``event``: every active registration is cancelled and its registrant told.

    Confirmed, waitlisted and pending registrations alike: places no longer matter, so nobody is
    promoted and the waiting list ends with the event (each person on it gets the message too).
    The message ``event_cancelled`` names the event, its time and place and ``note``, by e-mail
    or by letter in the daily batch. ``confirmed_places`` returns to 0; no registration is
    possible afterwards. The registrations' change is logged as one staff use (``change``).

    Idempotent: cancelling a cancelled event changes nothing and tells nobody again. Returns the
    registrations cancelled now.
    """
    from munich_portal.audit.actions import record_batch_use

    locked = _lock_event(event)
    if locked.cancelled_at is not None:
        return []
    now = timezone.now()
    locked.cancelled_at = now
    event.cancelled_at = now
    locked.save(update_fields=["cancelled_at", "updated_at"])
    registrations = list(
        Registration.objects.select_for_update()
        .filter(event=locked, status__in=ACTIVE_STATUSES)
        .order_by("received_at", "pk")
    )
    statuses = {registration.pk: registration.status for registration in registrations}
    for registration in registrations:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by_id = _user_id(by)
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
    Event.objects.filter(pk=locked.pk).update(confirmed_places=0)
    locked.confirmed_places = event.confirmed_places = 0
    told = _told(
        locked, "event_cancelled", registrations, note=note, before=locked, statuses=statuses
    )
    if registrations:
        record_batch_use(
            action="change",
            records=registrations,
            criteria={"event": locked.pk, "view": "cancel_event", "told": told},
            purpose="participation_events",
            actor=by,
        )
    logger.info(
        "Event %s cancelled by %s: %d registrations cancelled, %d told",
        locked.pk,
        _user_id(by),
        len(registrations),
        told,
    )
    return registrations


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

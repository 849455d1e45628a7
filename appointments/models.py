"""Appointments at offices: what an office offers, when, and who booked it.

- :class:`AppointmentType` — what an office offers (which services, how long);
- :class:`SlotRule` — when: weekdays, hours, places per slot, valid from/until; closed days come
  from the office's :class:`services.models.OpeningException` rows;
- :class:`Slot` — one bookable time, generated from the rules (:mod:`.slots`). ``taken`` counts
  the bookings that occupy a place; the CHECK constraint ``slot_never_overbooked`` makes
  ``taken <= capacity`` a property of the database, whatever code writes;
- :class:`Booking` — an appointment, from any channel (online, phone, on site); personal data;
- :class:`WaitingListEntry` — a resident waiting for a free slot of a type, or of a service at any
  office; personal data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from munich_portal.audit import purposes
from munich_portal.audit.registry import declare, not_personal_data, personal_data
from munich_portal.core.channels import Channel
from munich_portal.core.i18n import Translated
from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, of_departments, row_scope

__all__ = [
    "ACTIVE_STATUSES",
    "BOOKING_CHANNELS",
    "AppointmentType",
    "Booking",
    "BookingPerson",
    "BookingStatus",
    "Slot",
    "SlotChanges",
    "SlotRule",
    "WaitingListEntry",
    "WaitingStatus",
    "office_match_q",
]

#: Bookings are deleted this long after the appointment (docs/appointments.md).
BOOKING_RETENTION = timedelta(days=183)
#: Waiting-list entries are deleted this long after they were made.
WAITING_LIST_RETENTION = timedelta(days=90)

APPOINTMENTS_PURPOSE = purposes.register(
    purposes.Purpose(
        code="appointments",
        title=_("Appointments at offices"),
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG",
        description=_(
            "Residents book appointments at the city's offices online, by phone or in person. "
            "The city holds the time for them, sends the confirmation and a reminder, keeps a "
            "waiting list, and the office notes who came."
        ),
        data_categories=(
            _("name and contact details (e-mail, phone)"),
            _("the appointment: office, service, time, channel, attendance"),
        ),
        data_subjects=(_("residents booking appointments"),),
        recipients=(_("the office of the appointment"), _("the clerks booking for callers")),
        retention=_(
            "Appointments: six months after the appointment. Waiting-list entries: 90 days."
        ),
    )
)


def new_reference() -> str:
    """A random code such as ``T7K-4QX9`` shown at the desk (no 0/O, 1/I/L)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    chars = "".join(secrets.choice(alphabet) for _ in range(7))
    return f"{chars[:3]}-{chars[3:]}"


def new_secret() -> str:
    return secrets.token_urlsafe(24)


#: Bookings are handled at the offices of the staff member's departments (issue 11).
_AT_THEIR_OFFICES = of_departments(
    "slot__appointment_type__office__department", _("at the offices of their departments")
)


@not_personal_data(reason="Appointment types are what an office offers; no resident's data.")
@row_scope(reference=True, public=EVERYTHING)
class AppointmentType(models.Model):
    """Something an office offers appointments for, e.g. "Personalausweis beantragen"."""

    office = models.ForeignKey(
        "services.Office",
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        related_name="appointment_types",
    )
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    services = models.ManyToManyField(
        "services.Service",
        verbose_name=_("services"),
        blank=True,
        related_name="appointment_types",
        help_text=_("The services residents can choose for this kind of appointment."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=15, help_text=_("Length of one slot.")
    )
    active = models.BooleanField(_("bookable online"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # How far ahead slots exist (maintained by slots.ensure_slots).
    slots_generated_until = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["slots_generated_until"])

    class Meta:
        ordering = ["office", "position", "name_de"]
        verbose_name = _("appointment type")
        verbose_name_plural = _("appointment types")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="appointment_type_duration_5_to_480",
            )
        ]

    name = Translated()
    description = Translated()

    def __str__(self):
        return f"{self.name_de} ({self.office})"

    def get_absolute_url(self):
        return f"{reverse('appointments:book', kwargs={'slug': self.office.slug})}?art={self.pk}"


class SlotRule(models.Model):
    """Slots of a type on one weekday: from ``starts`` to ``ends``, one every duration."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    appointment_type = models.ForeignKey(
        AppointmentType,
        verbose_name=_("appointment type"),
        on_delete=models.CASCADE,
        related_name="rules",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    starts = models.TimeField(_("first slot starts"))
    ends = models.TimeField(_("last slot ends by"))
    capacity = models.PositiveSmallIntegerField(
        _("places per slot"), default=1, help_text=_("How many people can come at the same time.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["appointment_type", "weekday", "starts"]
        verbose_name = _("slot rule")
        verbose_name_plural = _("slot rules")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="slot_rule_ends_after"),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="slot_rule_weekday_range"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=100), name="slot_rule_capacity_1_to_100"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="slot_rule_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"


@row_scope(reference=True, public=EVERYTHING)
class Slot(models.Model):
    """One bookable time. ``taken`` = bookings occupying a place; never above ``capacity``."""

    appointment_type = models.ForeignKey(
        AppointmentType,
        verbose_name=_("appointment type"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    taken = models.PositiveSmallIntegerField(_("places taken"), default=0)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment_type", "starts_at"], name="slot_unique_start_per_type"
            ),
            # The invariant of the whole app: no code path can overbook a slot.
            models.CheckConstraint(
                condition=Q(taken__gte=0) & Q(taken__lte=F("capacity")),
                name="slot_never_overbooked",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after"),
        ]

    def __str__(self):
        return f"{self.appointment_type.name_de} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)


@not_personal_data(reason="A counter per appointment type; no resident's data.")
class SlotChanges(models.Model):
    """How often the free times of one appointment type have changed: a counter per type that
    database triggers (migration ``0007``) raise when any of its slots is added, changed
    (``taken``, ``capacity``, times) or deleted, when the type is changed, and when its services
    change — at commit, whatever code wrote, and notify ``appointments_free_times`` (migration
    ``0009``). The service-first page (``finder.times_token``) keys its cached copy and fragments on
    these changes (seen by each process's listener, :mod:`appointments.changes`, or read from these
    counters), so a time that is taken is never shown from the cache.

    No foreign key: a deleted type's slots still count on their way out.
    """

    appointment_type_id = models.BigIntegerField(primary_key=True)
    changes = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("changes of an appointment type's free times")
        verbose_name_plural = _("changes of appointment types' free times")

    def __str__(self):
        return f"{self.appointment_type_id}: {self.changes}"


#: The channels a booking comes in by (the kernel's ``Channel`` without paper).
BOOKING_CHANNELS = (Channel.ONLINE, Channel.PHONE, Channel.ON_SITE)


class BookingStatus(models.TextChoices):
    HELD = "held", _("held, waiting for e-mail confirmation")
    OFFERED = "offered", _("offered from the waiting list")
    CONFIRMED = "confirmed", _("confirmed")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired (not confirmed in time)")
    ATTENDED = "attended", _("attended")
    NO_SHOW = "no_show", _("did not come")


#: Bookings that count against the per-person limits and show as upcoming.
ACTIVE_STATUSES = (BookingStatus.HELD, BookingStatus.OFFERED, BookingStatus.CONFIRMED)


def _slot_start(booking):
    """A booking's slot as its start time (Meine Daten shows it in Europe/Berlin; issue 14); also
    for a history row, whose slot may since have been deleted."""
    try:
        return booking.slot.starts_at
    except ObjectDoesNotExist:
        return None


def erase_bookings(erasure) -> None:
    """Erasure hook: cancel appointments ahead (the place goes to the waiting list), delete the
    rest (:mod:`appointments.erasure`)."""
    from appointments.erasure import erase_bookings as erase

    erase(erasure)


def describe_booking_erasure(rows):
    """What erasure will do to these appointments, for the deletion page."""
    from appointments.erasure import describe_bookings

    return describe_bookings(rows)


@personal_data(
    subject="user",
    fields={
        "name": None,
        "email": None,
        "phone": None,
        "street": None,
        "postal_code": None,
        "city": None,
    },
    purposes=["appointments"],
    retention=BOOKING_RETENTION,
    retention_anchor=F("slot__starts_at"),
    on_erasure=erase_bookings,
    on_retention="delete",
    describe_erasure=describe_booking_erasure,
    shown_fields=(
        "slot",
        "service",
        "status",
        "channel",
        "name",
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "reference",
    ),
    shown_as={"slot": _slot_start},
    history_exclude=("secret",),
    match={
        "name": "name",
        "email": "email",
        "phone": "phone",
        "address": ("street", "postal_code"),
    },
)
@row_scope(
    staff={
        Role.CASEWORK: _AT_THEIR_OFFICES,
        Role.DATA_ENTRY: _AT_THEIR_OFFICES,
        Role.DATA_PROTECTION: EVERYTHING,
    }
)
class Booking(models.Model):
    """An appointment in a slot, from any channel. Occupies a place while ``occupies_place``."""

    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="bookings"
    )
    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus)
    occupies_place = models.BooleanField(_("occupies a place"), default=True)
    channel = models.CharField(
        _("channel"),
        max_length=10,
        choices=[(c.value, c.label) for c in BOOKING_CHANNELS],
        default=Channel.ONLINE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_bookings",
    )
    name = models.CharField(_("name"), max_length=150)
    # The places it takes in its slot: one per person (BookingPerson); every write that moves
    # Slot.taken moves it by this, so nothing is guessed later (docs/appointments.md).
    places = models.PositiveSmallIntegerField(_("people"), default=1, editable=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # Where the confirmation and reminder letters go for people without e-mail (clerks' bookings).
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    language = models.CharField(
        _("language for messages"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    reference = models.CharField(
        _("reference code"), max_length=12, unique=True, default=new_reference, editable=False
    )
    # The secret behind the links in e-mails (confirm, cancel, rebook); never in history.
    secret = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    hold_until = models.DateTimeField(_("held until"), null=True, blank=True)
    release_at = models.DateTimeField(_("place returns at"), null=True, blank=True)
    waiting_list_entry = models.ForeignKey(
        "WaitingListEntry",
        verbose_name=_("waiting-list entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The resident or a clerk: a resident's account may be deleted, so SET_NULL (docs/decisions.md).
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance_marked_at = models.DateTimeField(_("attendance noted at"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance noted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Its e-mails in the outbox: deleted with it (a queued one is then never sent).
    emails = GenericRelation(
        "messaging.OutgoingEmail", content_type_field="source_type", object_id_field="source_id"
    )
    # Its letters (munich_portal.messaging), for people without e-mail: deleted with it too.
    letters = GenericRelation(
        "messaging.Letter", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        permissions = [
            ("book_for_caller_booking", "Can book appointments for people who call or come in"),
            ("mark_attendance_booking", "Can mark attendance and no-shows"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "held",
                        "offered",
                        "confirmed",
                        "cancelled",
                        "expired",
                        "attended",
                        "no_show",
                    ]
                ),
                name="booking_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=[c.value for c in BOOKING_CHANNELS]),
                name="booking_channel_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["held", "offered"]) | Q(hold_until__isnull=False),
                name="booking_hold_has_end",
            ),
            models.CheckConstraint(
                condition=~Q(status="expired") | Q(occupies_place=False),
                name="booking_expired_frees_place",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1, places__lte=100), name="booking_places_1_to_100"
            ),
        ]
        indexes = [
            models.Index(fields=["slot", "occupies_place"]),
            models.Index(fields=["status", "hold_until"]),
            models.Index(fields=["status", "release_at"]),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def has_postal_address(self) -> bool:
        return bool(self.street and self.postal_code and self.city)

    def party(self) -> list[PartyMember]:
        """Who comes with which services: the people in order; a booking without person rows
        (made before families could book) is its booker with its service."""
        people = [
            PartyMember(person.position, person.name, list(person.services.all()))
            for person in self.people.all()
        ]
        if people:
            return people
        return [PartyMember(1, self.name, [self.service] if self.service_id else [])]

    def services_to_bring_for(self) -> list:
        """The services of everyone, each once: the people in order, each one's services in the
        catalogue's order ("what to bring" lists each service's documents and fee once)."""
        seen: dict[int, object] = {}
        for member in self.party():
            for service in member.services:
                seen.setdefault(service.pk, service)
        return list(seen.values())


@dataclass(frozen=True)
class PartyMember:
    position: int
    name: str
    services: list


def _person_booking(person):
    try:
        return person.booking.reference
    except ObjectDoesNotExist:
        return None


def _person_services(person):
    """A person's services by name (a history row has none: its services are not versioned)."""
    try:
        return ", ".join(service.name_de for service in person.services.all())
    except (AttributeError, ValueError):
        return ""


@row_scope(
    staff={
        Role.CASEWORK: of_departments(
            "booking__slot__appointment_type__office__department",
            _("at the offices of their departments"),
        ),
        Role.DATA_ENTRY: of_departments(
            "booking__slot__appointment_type__office__department",
            _("at the offices of their departments"),
        ),
        Role.DATA_PROTECTION: EVERYTHING,
    }
)
class BookingPerson(models.Model):
    """One person of a booking (the booker is the first) and the services they need; deleted
    with the booking. The booking's ``places`` counts them."""

    booking = models.ForeignKey(
        Booking, verbose_name=_("appointment"), on_delete=models.CASCADE, related_name="people"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=150)
    services = models.ManyToManyField(
        "services.Service", verbose_name=_("services"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["booking", "position"]
        verbose_name = _("person of an appointment")
        verbose_name_plural = _("people of an appointment")
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "position"], name="booking_person_unique_position"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="booking_person_position"),
        ]

    def __str__(self):
        return f"{self.booking_id}/{self.position}"


#: The building features an "any office" waiting-list entry can require; the same field names as
#: on ``services.Office`` (only an office whose value is ``True`` matches).
OFFICE_NEEDS = ("step_free_entrance", "lift", "accessible_toilet", "induction_loop")


class WaitingStatus(models.TextChoices):
    PENDING = "pending", _("waiting for e-mail confirmation")
    WAITING = "waiting", _("waiting")
    OFFERED = "offered", _("offer sent")
    BOOKED = "booked", _("booked")
    LAPSED = "lapsed", _("offer not taken up")
    CANCELLED = "cancelled", _("left the waiting list")


@personal_data(
    subject="user",
    # "Any office": the district and the building features asked for (may hint at a disability).
    fields={
        "name": None,
        "email": None,
        "stadtbezirk": None,
        **dict.fromkeys(OFFICE_NEEDS, False),
    },
    purposes=["appointments"],
    retention=WAITING_LIST_RETENTION,
    retention_anchor="created_at",
    on_erasure="delete",
    on_retention="delete",
    shown_fields=(
        "appointment_type",
        "service",
        "stadtbezirk",
        *OFFICE_NEEDS,
        "status",
        "name",
        "email",
        "created_at",
    ),
    history_exclude=("secret",),
    match={"name": "name", "email": "email"},
)
@row_scope(
    staff={
        # One office's list: its department; "any office": the service's responsible department
        # (the entry belongs to no office until a place is offered, and the offer is a booking
        # the office's department sees). Each entry has exactly one of the two (a CHECK).
        Role.CASEWORK: of_departments(
            "appointment_type__office__department", _("at the offices of their departments")
        )
        | of_departments(
            "service__department", _("for any office: of the services of their departments")
        ),
        Role.DATA_PROTECTION: EVERYTHING,
    }
)
class WaitingListEntry(models.Model):
    """A resident waiting for a slot: of one office's appointment type, or of a service at any
    office offering it (optionally only in one Stadtbezirk and only in buildings with the
    accessibility features the resident needs). Offered freed places in order of ``queued_at``,
    both kinds in one queue (``actions._offer_freed_places``)."""

    # One office's type ...
    appointment_type = models.ForeignKey(
        AppointmentType,
        verbose_name=_("appointment type"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="waiting_list",
    )
    # ... or a service at any office (with the narrowing below); exactly one of the two.
    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("service (any office)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    stadtbezirk = models.ForeignKey(
        "core.Stadtbezirk",
        verbose_name=_("only in the city district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Only offices whose building has the feature (``Office.<field> is True``); may hint at a
    # disability, so shown only to the person and the staff of the scope (docs/data-protection.md).
    step_free_entrance = models.BooleanField(_("needs a step-free entrance"), default=False)
    lift = models.BooleanField(_("needs a lift"), default=False)
    accessible_toilet = models.BooleanField(_("needs an accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("needs an induction loop"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=WaitingStatus)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_waiting_list_entries",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language for messages"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    secret = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    queued_at = models.DateTimeField(_("in the queue since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Its e-mails in the outbox: deleted with it (a queued one is then never sent).
    emails = GenericRelation(
        "messaging.OutgoingEmail", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting-list entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["pending", "waiting", "offered", "booked", "lapsed", "cancelled"]
                ),
                name="waiting_list_status_valid",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "appointment_type",
                condition=Q(status__in=["pending", "waiting", "offered"]),
                name="waiting_list_one_open_entry_per_email",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "service",
                condition=Q(status__in=["pending", "waiting", "offered"]),
                name="waiting_list_one_open_entry_per_email_and_service",
            ),
            models.CheckConstraint(
                condition=Q(appointment_type__isnull=False, service__isnull=True)
                | Q(appointment_type__isnull=True, service__isnull=False),
                name="waiting_list_one_office_type_or_one_service",
            ),
            # The narrowing belongs to "any office" only; one office's entry has none.
            models.CheckConstraint(
                condition=Q(service__isnull=False)
                | Q(
                    stadtbezirk__isnull=True,
                    step_free_entrance=False,
                    lift=False,
                    accessible_toilet=False,
                    induction_loop=False,
                ),
                name="waiting_list_narrowing_only_for_any_office",
            ),
        ]
        indexes = [
            models.Index(fields=["appointment_type", "status", "queued_at"]),
            models.Index(fields=["service", "status", "queued_at"]),
        ]

    def __str__(self):
        if self.service_id:
            return f"{self.service_id} (any office): {self.pk}"
        return f"{self.appointment_type_id}: {self.pk}"

    @property
    def any_office(self) -> bool:
        return self.service_id is not None

    @property
    def needs(self) -> list[str]:
        """The accessibility features the person asked for, as labels."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in OFFICE_NEEDS
            if getattr(self, name)
        ]

    def matches_office(self, office) -> bool:
        """Whether an "any office" entry's narrowing admits ``office`` (the Python twin of
        :func:`office_match_q`, for pages and tests)."""
        if self.stadtbezirk_id is not None and self.stadtbezirk_id != office.stadtbezirk_id:
            return False
        return all(getattr(office, name) is True for name in OFFICE_NEEDS if getattr(self, name))


def office_match_q(office) -> Q:
    """The "any office" entries whose narrowing admits ``office``: no district or its district,
    and no feature asked for that the building lacks (only ``True`` counts; unknown is no)."""
    q = Q(stadtbezirk__isnull=True)
    if office.stadtbezirk_id is not None:
        q |= Q(stadtbezirk_id=office.stadtbezirk_id)
    for name in OFFICE_NEEDS:
        if getattr(office, name) is not True:
            q &= Q(**{name: False})
    return q


# Declared after the class: the subject path runs through the booking, and the registry checks
# paths while the models still load (as online_requests.models does for its messages).
BookingPerson._meta.get_field("booking").__dict__.setdefault("related_model", Booking)
declare(
    BookingPerson,
    subject="booking__user",
    fields={"name": None},
    purposes=["appointments"],
    retention=BOOKING_RETENTION,
    retention_anchor=F("booking__slot__starts_at"),
    on_erasure="delete",
    on_retention="delete",
    shown_fields=("booking", "position", "name", "services"),
    shown_as={"booking": _person_booking, "services": _person_services},
)

"""Participation processes, their phases, documents and events, and registrations for events.

The capacity invariant lives in the database: ``Event.confirmed_places`` counts the places held by
confirmed registrations and a CHECK constraint keeps it between 0 and ``capacity``. Every write that
changes it goes through :mod:`participation.actions`, which locks the event row first
(``SELECT ... FOR UPDATE``), so online, paper, phone and on-site registrations draw on one count.

Texts a resident reads exist in German (``*_de``) and English (``*_en``, optional);
:class:`services.models.Translated` reads the active language's column with German as fallback.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from munich_portal.audit import purposes
from munich_portal.audit.registry import not_personal_data, personal_data
from munich_portal.core.channels import Channel
from munich_portal.core.i18n import Translated
from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, row_scope, where

__all__ = [
    "AccessNeed",
    "Channel",  # the kernel's, re-exported for the demo modules (munich_portal/core/channels.py)
    "ConsentText",
    "ErasedRegistrations",
    "Event",
    "ParticipationVersion",
    "Phase",
    "Process",
    "ProcessDocument",
    "ProcessStatus",
    "Registration",
    "RegistrationStatus",
    "Topic",
    "new_cancel_token",
    "new_reference",
]

#: How long registrations are kept after their event ends (docs/participation.md).
REGISTRATION_RETENTION = timedelta(days=183)

PARTICIPATION_PURPOSE = purposes.register(
    purposes.Purpose(
        code="participation_events",
        title=_("Registrations for participation events"),
        legal_basis=(
            "Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG; "
            "Art. 9 Abs. 2 lit. a DSGVO (Einwilligung) für Angaben zum Unterstützungsbedarf"
        ),
        description=_(
            "Residents register for workshops, information evenings, walks and online events of "
            "participation processes, online or on a printed form. The city confirms places, "
            "keeps a waiting list, checks people in at the door and prepares the support they "
            "asked for (for example a sign language interpreter)."
        ),
        data_categories=(
            _("name and contact details (e-mail, phone, postal address)"),
            _("number of people"),
            _("access needs (health data, with consent)"),
            _("channel, form number, time of receipt, check-in"),
        ),
        data_subjects=(_("residents taking part in participation events"),),
        recipients=(_("the organising department"), _("the clerks entering paper forms")),
        retention=_("Six months after the event."),
    )
)

#: Participation is run city-wide by the participation team: organisers and clerks see every
#: process's registrations (docs/roles.md, "Row scopes").
_PARTICIPATION_TEAM = {
    Role.DATA_ENTRY: EVERYTHING,
    Role.EVENTS: EVERYTHING,
    Role.DATA_PROTECTION: EVERYTHING,
}


class ProcessStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Topic(models.TextChoices):
    URBAN_DEVELOPMENT = "urban_development", _("urban development")
    OPEN_SPACES = "open_spaces", _("parks, squares and streets")
    MOBILITY = "mobility", _("mobility")
    HOUSING = "housing", _("housing")
    CLIMATE = "climate", _("climate and environment")
    CULTURE = "culture", _("culture and leisure")
    SOCIAL = "social", _("social affairs and education")


class ProcessQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProcessStatus.PUBLISHED)


@not_personal_data(
    reason="A process names its department's functional mailbox (e.g. plan@muenchen.de), no person."
)
@row_scope(reference=True, public=where(Q(status="published"), _("published")))
class Process(models.Model):
    """A participation process (Beteiligungsverfahren) with phases, documents and events."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_de = models.TextField(_("summary (German)"), max_length=600)
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    easy_language_summary = models.TextField(
        _("summary in Leichte Sprache"),
        blank=True,
        help_text=_("Short sentences, one statement each, in German (Leichte Sprache)."),
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic)
    stadtbezirke = models.ManyToManyField(
        "core.Stadtbezirk",
        verbose_name=_("city districts (Stadtbezirke)"),
        blank=True,
        related_name="participation_processes",
        help_text=_("Leave empty for processes that concern the whole city."),
    )
    image = models.FileField(
        _("image"),
        upload_to="participation/images/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp", "svg"])],
    )
    image_alt_de = models.CharField(
        _("image description (German)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_alt_en = models.CharField(_("image description (English)"), max_length=300, blank=True)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="participation_processes",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProcessStatus, default=ProcessStatus.DRAFT
    )
    # Ideas and comments (issue 7): published at once and checked afterwards, or after approval.
    moderation_mode = models.CharField(
        _("moderation of ideas and comments"),
        max_length=4,
        choices=[
            ("post", _("post-moderation (published at once, checked afterwards)")),
            ("pre", _("pre-moderation (published after approval)")),
        ],
        default="post",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProcessQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title_de"]
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")

    title = Translated()
    summary = Translated()
    description = Translated()
    image_alt = Translated()

    def __str__(self):
        return self.title_de

    def get_absolute_url(self):
        return reverse("participation:process", kwargs={"slug": self.slug})


class Phase(models.Model):
    """One phase of a process; the current phase is the one whose dates contain today (Berlin)."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("information")
        PARTICIPATION = "participation", _("participation")
        EVALUATION = "evaluation", _("evaluation")
        RESULTS = "results", _("results")

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title_de = models.CharField(
        _("title (German)"), max_length=200, blank=True, help_text=_("Defaults to the kind.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="phase_ends_after_start"
            )
        ]

    description = Translated()

    def __str__(self):
        return f"{self.get_kind_display()} ({self.starts_on:%d.%m.%Y} to {self.ends_on:%d.%m.%Y})"

    @property
    def title(self) -> str:
        from munich_portal.core.i18n import active_language

        if active_language() == "en" and self.title_en:
            return self.title_en
        return self.title_de or str(self.get_kind_display())

    def is_current(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on


class ProcessDocument(models.Model):
    """A document of a process (plan, report, results), shown with its language and size."""

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")
        EASY_GERMAN = "de-x-ls", _("Leichte Sprache")

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to="participation/documents/",
        validators=[FileExtensionValidator(["pdf", "odt", "docx", "xlsx", "ods", "csv", "txt"])],
    )
    language = models.CharField(
        _("language"), max_length=10, choices=Language, default=Language.GERMAN
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:document", kwargs={"slug": self.process.slug, "pk": self.pk})

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


@not_personal_data(
    reason="place_name and place_address name public venues (halls, squares), not people."
)
@row_scope(
    reference=True,
    public=where(Q(process__status="published"), _("of published processes")),
)
class Event(models.Model):
    """An event of a process (Veranstaltung) with one capacity for every registration channel."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("workshop")
        INFO_EVENING = "info_evening", _("information evening")
        WALK = "walk", _("walk")
        ONLINE = "online", _("online event")

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="events"
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    office = models.ForeignKey(
        "services.Office",
        verbose_name=_("office (venue)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participation_events",
        help_text=_("Where the event takes place in an office: its building accessibility shows."),
    )
    place_name = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("If the place is no office.")
    )
    place_address = models.CharField(_("address of the place"), max_length=300, blank=True)
    place_accessibility_de = models.TextField(_("accessibility of the place (German)"), blank=True)
    place_accessibility_en = models.TextField(_("accessibility of the place (English)"), blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"))
    confirmed_places = models.PositiveIntegerField(
        _("confirmed places"),
        default=0,
        editable=False,
        help_text=_("Kept by the registration actions under a row lock; never edit by hand."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    waiting_list_enabled = models.BooleanField(_("waiting list"), default=True)
    sign_language = models.BooleanField(_("sign language interpreter"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    step_free = models.BooleanField(_("step-free access"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    easy_language = models.BooleanField(_("Leichte Sprache"), default=False)
    # Set once by participation.actions.cancel_event: the registrations are cancelled with it.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The counter changes with every registration and is rebuilt from them: no history rows.
    history = HistoricalRecords(excluded_fields=["confirmed_places"])

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_places__lte=F("capacity")),
                name="event_confirmed_places_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_places__gte=0), name="event_confirmed_places_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["process", "starts_at"])]

    title = Translated()
    description = Translated()
    place_accessibility = Translated()

    def __str__(self):
        return self.title_de

    def get_absolute_url(self):
        return reverse("participation:event", kwargs={"slug": self.slug})

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_places, 0)

    @property
    def access_support(self) -> list[tuple[str, str]]:
        """(field name, label) of the access support this event offers."""
        return [
            (name, self._meta.get_field(name).verbose_name)
            for name in (
                "sign_language",
                "induction_loop",
                "step_free",
                "childcare",
                "easy_language",
            )
            if getattr(self, name)
        ]

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def registration_open(self, now=None) -> bool:
        if self.cancelled_at is not None:
            return False
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.starts_at
        return now < closes


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class AccessNeed(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("wheelchair access")
    SIGN_LANGUAGE = "sign_language", _("sign language interpreter")
    INDUCTION_LOOP = "induction_loop", _("induction loop")
    EASY_LANGUAGE = "easy_language", _("Leichte Sprache")
    CHILDCARE = "childcare", _("childcare")
    OTHER = "other", _("other")


# Unambiguous characters only (no 0/O, 1/I/L): the code is read aloud and typed at the door.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A random check-in code such as ``B7K-4QX9`` printed on the confirmation."""
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(7))
    return f"{chars[:3]}-{chars[3:]}"


def new_cancel_token() -> str:
    return secrets.token_urlsafe(24)


ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


def erase_registrations(erasure) -> None:
    """Erasure hook: cancel what lies ahead, keep the past as counts (participation.erasure)."""
    from participation.erasure import erase_registrations as erase

    erase(erasure)


def describe_registration_erasure(rows):
    """What erasure will do to these registrations, for the deletion page."""
    from participation.erasure import describe_registrations

    return describe_registrations(rows)


@personal_data(
    subject="user",
    fields={
        "first_name": None,
        "last_name": None,
        "email": None,
        "phone": None,
        "street": None,
        "postal_code": None,
        "city": None,
        "access_needs": [],
        "access_needs_note": None,
    },
    purposes=["participation_events"],
    retention=REGISTRATION_RETENTION,
    # An expression, not a path: paths through relations are checked before models are loaded.
    retention_anchor=F("event__ends_at"),
    shown_fields=(
        "event",
        "channel",
        "status",
        "first_name",
        "last_name",
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "number_of_people",
        "access_needs",
        "access_needs_note",
        "consent_version",
        "received_at",
        "checked_in_at",
    ),
    # The cancellation secret must not be copied into history rows.
    history_exclude=("cancel_token",),
    # Erasure cancels what lies ahead (places go to the waiting list) and keeps past attendance
    # only as counts (participation.erasure, docs/participation.md).
    on_erasure=erase_registrations,
    on_retention="anonymise",
    describe_erasure=describe_registration_erasure,
    # Guests and paper registrants asking what the city holds (munich_portal.audit.finders).
    match={
        "name": ("first_name", "last_name"),
        "email": "email",
        "phone": "phone",
        "address": ("street", "postal_code"),
    },
)
@row_scope(staff=_PARTICIPATION_TEAM)
class Registration(models.Model):
    """A registration for an event, from any channel; places count people, not registrations."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_registrations",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    number_of_people = models.PositiveSmallIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    access_needs = ArrayField(
        models.CharField(max_length=20, choices=AccessNeed),
        verbose_name=_("access needs"),
        default=list,
        blank=True,
    )
    access_needs_note = models.TextField(_("access needs (details)"), max_length=1000, blank=True)
    language = models.CharField(
        _("language for messages"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("Confirmations, promotions and letters are written in this language."),
    )
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    received_at = models.DateTimeField(
        _("received at"),
        default=timezone.now,
        help_text=_("Order of receipt for places and the waiting list."),
    )
    form_number = models.CharField(
        _("form number"), max_length=20, null=True, blank=True, unique=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reference = models.CharField(
        _("reference code"), max_length=12, unique=True, default=new_reference, editable=False
    )
    cancel_token = models.CharField(
        max_length=64, unique=True, default=new_cancel_token, editable=False
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
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
    linked_to = models.ForeignKey(
        "self",
        verbose_name=_("same person as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="linked_registrations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The letters about this registration (munich_portal.messaging): deleted with it.
    letters = GenericRelation(
        "messaging.Letter", content_type_field="source_type", object_id_field="source_id"
    )
    # Its e-mails in the outbox: deleted with it too (a queued one is then never sent).
    emails = GenericRelation(
        "messaging.OutgoingEmail", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [
            ("export_registration", "Can export registrations (CSV)"),
            ("check_in_registration", "Can check registrations in at the door"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="registration_one_active_per_user_and_event",
                violation_error_message=_("You are already registered for this event."),
            ),
            models.CheckConstraint(
                condition=Q(number_of_people__gte=1, number_of_people__lte=10),
                name="registration_number_of_people_1_to_10",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["online", "paper", "phone", "on_site"]),
                name="registration_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "waitlisted", "cancelled"]),
                name="registration_status_valid",
            ),
        ]
        indexes = [
            # The waiting list in order of receipt, and the organisers' list per event.
            models.Index(fields=["event", "status", "received_at"]),
        ]

    def __str__(self):
        return f"{self.reference} ({self.event_id})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def has_postal_address(self) -> bool:
        return bool(self.street and self.postal_code and self.city)


class ErasedRegistrations(models.Model):
    """What is left of erased people's registrations of one event: counts, no person.

    Erasure deletes a registration row and adds it here, per event, channel and final status, so
    that every figure computed from registrations (the organisers' counts, the door's check-in
    figures, the results statistics) stays right after the people are gone. Holds no personal
    data: a count per event, channel and status (docs/decisions.md).
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="erased_counts"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus)
    registrations = models.PositiveIntegerField(_("registrations"), default=0)
    people = models.PositiveIntegerField(_("people"), default=0)
    checked_in = models.PositiveIntegerField(_("registrations checked in"), default=0)
    checked_in_people = models.PositiveIntegerField(_("people checked in"), default=0)

    class Meta:
        verbose_name = _("counts of erased registrations")
        verbose_name_plural = _("counts of erased registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel", "status"], name="erased_registrations_one_row_per_key"
            ),
            models.CheckConstraint(
                condition=Q(checked_in__lte=F("registrations"))
                & Q(checked_in_people__lte=F("people")),
                name="erased_registrations_checked_in_within_counts",
            ),
        ]

    def __str__(self):
        return f"{self.event_id} {self.channel} {self.status}: {self.registrations}"


@row_scope(reference=True, public=EVERYTHING)
class ConsentText(models.Model):
    """A version of the consent text residents agree to when they register (recorded per row)."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    text_de = models.TextField(_("text (German)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    privacy_notice_de = models.TextField(
        _("privacy information, Art. 13 GDPR (German)"), blank=True
    )
    privacy_notice_en = models.TextField(
        _("privacy information, Art. 13 GDPR (English)"), blank=True
    )
    valid_from = models.DateField(_("valid from"))

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    text = Translated()
    privacy_notice = Translated()

    def __str__(self):
        return self.version


class ParticipationVersion(models.Model):
    """One row whose token changes with every write to a table the public participation pages
    show (database triggers: migrations 0007 here and results 0002).

    The pages' fragments are kept by it (``selectors.participation_token``), so nothing stale is
    shown. Holds no personal data.
    """

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("participation version")
        verbose_name_plural = _("participation version")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="participation_version_single")
        ]

    def __str__(self):
        return str(self.token)

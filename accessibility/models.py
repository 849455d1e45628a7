"""Models of the accessibility app (issue 8).

- :class:`DisplayPreference` — a resident's display preferences (guests keep theirs in a cookie).
- :class:`AccessibilityStatement` with :class:`KnownBarrier` — the statement (Erklärung zur
  Barrierefreiheit) the accessibility officer maintains in the admin; every version is kept, one
  is published.
- :class:`BarrierReport` — a report from the feedback mechanism, handled by the officer within a
  month; personal data of the reporter, declared to the audit trail with its retention.
- :class:`SignLanguageVideo` — the information in German Sign Language, self-hosted.

Texts a resident reads exist in German (``*_de``) and English (``*_en``, optional), read through
:class:`services.models.Translated` with German as the fallback.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accessibility.preferences import Contrast, Motion, Preferences, Spacing, TextSize
from munich_portal.audit import purposes
from munich_portal.audit.guard import AuditedQuerySet
from munich_portal.audit.registry import not_personal_data, personal_data
from munich_portal.core.i18n import Translated
from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, row_scope, where
from munich_portal.core.timezone import add_months

__all__ = [
    "AccessibilityStatement",
    "AnsweredVia",
    "BarrierReason",
    "BarrierReport",
    "Conformance",
    "DisplayPreference",
    "KnownBarrier",
    "ReportStatus",
    "SignLanguageVideo",
    "add_months",
]

#: How long a closed barrier report is kept (docs/accessibility.md, processing register).
REPORT_RETENTION = dt.timedelta(days=2 * 365)

BARRIER_REPORTS_PURPOSE = purposes.register(
    purposes.Purpose(
        code="barrier_reports",
        title=_("Barrier reports and requests for accessible content"),
        legal_basis="Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 13 BayBGG und der BayDiV "
        "(Feedback-Mechanismus nach Art. 7 Abs. 1 lit. b Richtlinie (EU) 2016/2102)",
        description=_(
            "Anyone can report a barrier on the portal or ask for content in an accessible form. "
            "The accessibility officer checks the report, has the barrier removed and answers "
            "within one month."
        ),
        data_categories=(
            _("name, e-mail address and phone number (optional)"),
            _("assistive technology used (optional)"),
            _("the report's text and the page concerned"),
            _("the answer"),
        ),
        data_subjects=(_("people who report a barrier"),),
        recipients=(
            _("the accessibility officer"),
            _("the department responsible for the page concerned"),
        ),
        retention=_("Two years after the report was closed."),
    )
)


# --- Display preferences ------------------------------------------------------------------------


@personal_data(
    subject="user",
    # The settings themselves say nothing about anyone once the link to the account is gone;
    # erasure deletes the row.
    fields=(),
    purposes=["user_account"],
    on_erasure="delete",
    shown_fields=("text_size", "contrast", "spacing", "motion", "updated_at"),
)
@row_scope(staff={Role.DATA_PROTECTION: EVERYTHING})
class DisplayPreference(models.Model):
    """A resident's display preferences; wins over the device's cookie while they are logged in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="display_preference",
    )
    text_size = models.CharField(
        _("text size"), max_length=10, choices=TextSize, default=TextSize.NORMAL
    )
    contrast = models.CharField(
        _("contrast"), max_length=10, choices=Contrast, default=Contrast.STANDARD
    )
    spacing = models.CharField(_("spacing"), max_length=10, choices=Spacing, default=Spacing.NORMAL)
    motion = models.CharField(_("motion"), max_length=10, choices=Motion, default=Motion.STANDARD)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("display preference")
        verbose_name_plural = _("display preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(text_size__in=TextSize.values)
                & Q(contrast__in=Contrast.values)
                & Q(spacing__in=Spacing.values)
                & Q(motion__in=Motion.values),
                name="displaypreference_values_valid",
            )
        ]

    def __str__(self):
        return str(_("Display preferences of account %(id)s") % {"id": self.user_id})

    def as_preferences(self) -> Preferences:
        return Preferences(
            text=self.text_size, contrast=self.contrast, spacing=self.spacing, motion=self.motion
        )


# --- The accessibility statement ----------------------------------------------------------------


class Conformance(models.TextChoices):
    # The three states BITV 2.0 / the EU model statement allow.
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment")
    EXTERNAL = "external", _("assessment by an external body")


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


@not_personal_data(
    reason="The statement names the officer's functional mailbox, the authorities' number and the "
    "public contact of the enforcement body, no person."
)
@row_scope(reference=True, public=where(Q(is_published=True), _("published")))
class AccessibilityStatement(models.Model):
    """A version of the accessibility statement; the one with ``is_published`` is on the site.

    The officer edits a draft (or a copy of the published version, see
    ``actions.copy_statement``) and publishes it, which unpublishes the previous one; the older
    versions stay as they were, and simple-history records every edit.
    """

    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only one version is published; publishing another one replaces it."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    conformance = models.CharField(
        _("compliance status"), max_length=10, choices=Conformance, default=Conformance.PARTIAL
    )
    conformance_text_de = models.TextField(
        _("compliance status explained (German)"),
        blank=True,
        help_text=_("Blank lines separate paragraphs."),
    )
    conformance_text_en = models.TextField(_("compliance status explained (English)"), blank=True)
    alternatives_de = models.TextField(
        _("alternatives to inaccessible content (German)"),
        blank=True,
        help_text=_(
            "Shown after the known barriers; the page adds the link to the barrier report form."
        ),
    )
    alternatives_en = models.TextField(
        _("alternatives to inaccessible content (English)"), blank=True
    )

    assessment_date = models.DateField(_("date of the last assessment"))
    assessment_method = models.CharField(
        _("method of the assessment"),
        max_length=10,
        choices=AssessmentMethod,
        default=AssessmentMethod.SELF,
    )
    assessment_details_de = models.TextField(
        _("how the portal was assessed (German)"),
        blank=True,
        help_text=_("One method per line; docs/accessibility.md lists what the tests cover."),
    )
    assessment_details_en = models.TextField(_("how the portal was assessed (English)"), blank=True)
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(
        _("statement last reviewed on"),
        help_text=_(
            "The statement is reviewed at least once a year; the staff area reminds you when "
            "a year has passed."
        ),
    )

    feedback_email = models.EmailField(_("feedback: e-mail address"))
    feedback_phone = models.CharField(_("feedback: phone"), max_length=50, blank=True)
    feedback_postal_address = models.TextField(
        _("feedback: postal address"), blank=True, help_text=_("One line per address line.")
    )

    enforcement_body = models.TextField(
        _("enforcement body"),
        help_text=_("Name and postal address of the enforcement body, one line per line."),
    )
    enforcement_phone = models.CharField(_("enforcement body: phone"), max_length=50, blank=True)
    enforcement_email = models.EmailField(_("enforcement body: e-mail address"), blank=True)
    enforcement_website = models.URLField(_("enforcement body: website"), blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = StatementQuerySet.as_manager()

    conformance_text = Translated()
    alternatives = Translated()
    assessment_details = Translated()

    class Meta:
        ordering = ["-is_published", "-reviewed_on", "-pk"]
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        constraints = [
            models.UniqueConstraint(
                fields=["is_published"],
                condition=Q(is_published=True),
                name="accessibilitystatement_one_published",
                violation_error_message=_("Only one statement can be published at a time."),
            ),
            models.CheckConstraint(
                condition=Q(reviewed_on__gte=models.F("prepared_on")),
                name="accessibilitystatement_reviewed_after_prepared",
                violation_error_message=_(
                    "The statement cannot have been reviewed before it was prepared."
                ),
            ),
        ]

    def __str__(self):
        state = _("published") if self.is_published else _("not published")
        return str(
            _("Accessibility statement of %(date)s (%(state)s)")
            % {"date": self.reviewed_on.isoformat() if self.reviewed_on else "–", "state": state}  # noqa: RUF001
        )

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("accessibility:statement")

    @property
    def review_due_on(self) -> dt.date:
        """A year after the last review: BITV 2.0 asks for a yearly review of the statement."""
        return add_months(self.reviewed_on, 12)

    def review_is_due(self, *, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) >= self.review_due_on

    def feedback_postal_lines(self) -> list[str]:
        return [line.strip() for line in self.feedback_postal_address.splitlines() if line.strip()]

    def enforcement_lines(self) -> list[str]:
        return [line.strip() for line in self.enforcement_body.splitlines() if line.strip()]


class BarrierReason(models.TextChoices):
    # The reasons the EU model statement (Implementing Decision (EU) 2018/1523) distinguishes.
    BEING_FIXED = "being_fixed", _("not compliant yet, being fixed")
    DISPROPORTIONATE_BURDEN = "disproportionate", _("disproportionate burden")
    NOT_IN_SCOPE = "not_in_scope", _("not within the scope of the legislation")


@not_personal_data(reason="Describes content of the portal, no person.")
@row_scope(reference=True, public=EVERYTHING)
class KnownBarrier(models.Model):
    """One part of the portal that is not (yet) accessible, why, and what people can do instead."""

    statement = models.ForeignKey(
        AccessibilityStatement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="barriers",
    )
    description_de = models.TextField(_("barrier (German)"))
    description_en = models.TextField(_("barrier (English)"), blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=BarrierReason, default=BarrierReason.BEING_FIXED
    )
    fixed_by = models.DateField(
        _("to be fixed by"),
        null=True,
        blank=True,
        help_text=_("Required when the barrier is being fixed."),
    )
    alternative_de = models.TextField(_("accessible alternative (German)"), blank=True)
    alternative_en = models.TextField(_("accessible alternative (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    description = Translated()
    alternative = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("known barrier")
        verbose_name_plural = _("known barriers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason="being_fixed") | Q(fixed_by__isnull=False),
                name="knownbarrier_being_fixed_has_date",
                violation_error_message=_(
                    "Say by when a barrier that is being fixed will be fixed."
                ),
            ),
        ]

    def __str__(self):
        return self.description_de[:80]


# --- Barrier reports ----------------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = (ReportStatus.NEW, ReportStatus.IN_PROGRESS)


class AnsweredVia(models.TextChoices):
    EMAIL = "email", _("e-mail")
    LETTER = "letter", _("letter")
    PHONE = "phone", _("phone")


class BarrierReportQuerySet(AuditedQuerySet):
    """Derives from the audit guard's queryset: bulk writes of declared models must keep history."""

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, today: dt.date | None = None):
        """Open reports whose one-month deadline has passed."""
        return self.open().filter(deadline__lt=today or timezone.localdate())


@personal_data(
    subject="reporter",
    # The description is the reporter's own words, the answer is written to them (and quotes
    # them), the note is about them: blanked on erasure; the report stays for the statistics.
    fields=["name", "email", "phone", "assistive_technology", "description", "note", "answer"],
    purposes=["barrier_reports"],
    retention=REPORT_RETENTION,
    retention_anchor="closed_at",
    # The report has no use without the person once it is closed and its period is over.
    on_retention="delete",
    match={"name": "name", "email": "email", "phone": "phone"},
    shown_fields=(
        "received_at",
        "page",
        "description",
        "assistive_technology",
        "wants_accessible_format",
        "name",
        "email",
        "phone",
        "status",
        "deadline",
        "answer",
        "answered_via",
        "answered_at",
        "closed_at",
    ),
)
@row_scope(staff={Role.ACCESSIBILITY: EVERYTHING, Role.DATA_PROTECTION: EVERYTHING})
class BarrierReport(models.Model):
    """A report of a barrier (or a request for content in an accessible form), with its handling.

    The reporter may stay anonymous; ``reporter`` is set when they were logged in, so that Meine
    Daten shows them the report and its use. ``deadline`` is the promised answer date (one month,
    Art. 7 (1) (b) Directive (EU) 2016/2102; the statement promises it).
    """

    received_at = models.DateTimeField(_("received"), default=timezone.now)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account of the reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barrier_reports",
    )
    page = models.CharField(
        _("page"), max_length=500, blank=True, help_text=_("A path on this portal.")
    )
    description = models.TextField(_("what happened"), max_length=5000)
    assistive_technology = models.CharField(_("assistive technology"), max_length=300, blank=True)
    wants_accessible_format = models.BooleanField(
        _("wants the content in an accessible form"), default=False
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(
        _("language of the form"), max_length=8, choices=settings.LANGUAGES, default="de"
    )

    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus, default=ReportStatus.NEW
    )
    deadline = models.DateField(_("answer due by"))
    note = models.TextField(
        _("internal note"), blank=True, help_text=_("For staff only; never sent to the reporter.")
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_via = models.CharField(
        _("answered via"), max_length=10, choices=AnsweredVia, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Its e-mails in the outbox (to the officer, the confirmation, the answer): deleted with it.
    emails = GenericRelation(
        "messaging.OutgoingEmail", content_type_field="source_type", object_id_field="source_id"
    )

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_progress", "answered", "closed"]),
                name="barrierreport_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(answered_at__isnull=False),
                name="barrierreport_answered_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="barrierreport_closed_has_time",
            ),
        ]
        indexes = [
            # The officer's worklist: open reports by deadline.
            models.Index(fields=["status", "deadline"]),
        ]

    def __str__(self):
        return str(
            _("Barrier report %(number)s (%(page)s)")
            % {"number": self.pk or "–", "page": self.page or _("no page given")}  # noqa: RUF001
        )

    def save(self, *args, **kwargs):
        if self.deadline is None:
            self.deadline = deadline_for(self.received_at)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, *, today: dt.date | None = None) -> bool:
        return self.is_open and self.deadline < (today or timezone.localdate())

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone)


def deadline_for(received_at: dt.datetime) -> dt.date:
    """The answer is due one calendar month after the day the report arrived (local time)."""
    return add_months(timezone.localdate(received_at), 1)


# --- Sign language ------------------------------------------------------------------------------


def _video_path(instance, filename):
    return f"accessibility/dgs/{filename}"


@not_personal_data(reason="A video about the portal and its transcript; no person's data.")
@row_scope(reference=True, public=where(Q(is_published=True), _("published")))
class SignLanguageVideo(models.Model):
    """The portal's information in German Sign Language (DGS), served from the portal itself.

    Without an uploaded ``video`` the page shows the generated placeholder shipped with the app
    (``accessibility/static/accessibility/dgs/``); uploading the real video replaces it.
    """

    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    video = models.FileField(
        _("video file"),
        upload_to=_video_path,
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_(
            "MP4 (H.264) plays in every browser; WebM also works. Leave empty for the placeholder."
        ),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=_video_path,
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
        help_text=_("Captions in German, as a .vtt file."),
    )
    transcript_de = models.TextField(
        _("transcript (German)"),
        help_text=_("What the video says, as text. Blank lines separate paragraphs."),
    )
    transcript_en = models.TextField(_("transcript (English)"), blank=True)
    duration_seconds = models.PositiveIntegerField(_("duration in seconds"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    title = Translated()
    transcript = Translated()

    class Meta:
        ordering = ["-is_published", "-updated_at", "-pk"]
        verbose_name = _("sign language video")
        verbose_name_plural = _("sign language videos")

    def __str__(self):
        return self.title_de

    @property
    def is_placeholder(self) -> bool:
        return not self.video

"""Printed registration forms: batches of numbered sheets, their entry, duplicate decisions.

A :class:`FormBatch` is a stack of printed sheets handed to one place on one day ("Bürgerbüro
Pasing, 50 sheets") for an event or for a whole process. Each :class:`FormSheet` has a unique
form number with a Damm check digit (:mod:`munich_portal.core.numbers`), drawn from the database
sequence :data:`SERIAL_SEQUENCE`. When a clerk types a sheet in, the sheet is marked entered and
points to the registration it became; when the clerk decided it is the same person as an existing
registration, that registration is a cancelled record linked to the existing one and takes no
second place (:class:`DuplicateDecision`). The writes are in
:mod:`paper.actions`.

None of these models holds personal fields of its own: the names and contacts from a sheet live
in the registration (declared personal data, with history); a sheet only links its number to it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from munich_portal.audit.registry import not_personal_data
from munich_portal.core.numbers import format_number
from munich_portal.core.scopes import row_scope

__all__ = ["SERIAL_SEQUENCE", "DuplicateDecision", "FormBatch", "FormSheet", "SheetReturn"]

#: PostgreSQL sequence of form-number serials (created by migration 0003_form_serial_sequence).
SERIAL_SEQUENCE = "paper_form_serial_seq"

#: Most sheets one batch may print (a PDF of 500 pages renders in well under a minute).
MAX_SHEETS_PER_BATCH = 500


@not_personal_data(
    reason="place names the office or event where the sheets were laid out, not a person."
)
@row_scope(reference=True)
class FormBatch(models.Model):
    """Printed registration forms handed out together: which numbers went where and when."""

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")
        # Written in Leichte Sprache, larger type (paper.pdf.EASY_GERMAN; the code
        # ProcessDocument uses). Registrations typed in from it get German messages.
        EASY_GERMAN = "de-x-ls", _("Leichte Sprache")

    process = models.ForeignKey(
        "participation.Process",
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="form_batches",
    )
    event = models.ForeignKey(
        "participation.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="form_batches",
        help_text=_("Leave empty to print forms for the whole process (people tick the event)."),
    )
    place = models.CharField(
        _("issued at"),
        max_length=200,
        help_text=_("Where the sheets are laid out, for example “Bürgerbüro Pasing”."),
    )
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    sheets = models.PositiveIntegerField(
        _("number of sheets"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SHEETS_PER_BATCH)],
    )
    language = models.CharField(
        _("language of the sheets"), max_length=8, choices=Language, default=Language.GERMAN
    )
    # The consent text printed on the sheets: the version their registrations consent to.
    consent_version = models.CharField(_("consent text version"), max_length=20, editable=False)
    # Sheets recorded as returned (the sum of the batch's SheetReturn rows), kept on the batch so
    # that the database refuses more returns than sheets: written only by record_returns().
    returned_sheets = models.PositiveIntegerField(
        _("sheets recorded as returned"), default=0, editable=False
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("batch of printed forms")
        verbose_name_plural = _("batches of printed forms")
        constraints = [
            models.CheckConstraint(
                condition=Q(sheets__gte=1, sheets__lte=MAX_SHEETS_PER_BATCH),
                name="formbatch_sheets_1_to_500",
            ),
            # A batch never has more sheets back than it handed out.
            models.CheckConstraint(
                condition=Q(returned_sheets__gte=0, returned_sheets__lte=models.F("sheets")),
                name="formbatch_returned_at_most_issued",
            ),
        ]

    def __str__(self):
        subject = self.event or self.process
        return f"{self.place}, {self.issued_on:%d.%m.%Y}, {self.sheets} \u00d7 {subject}"


@not_personal_data(
    reason="A sheet holds its number, batch and status; the person's data is in the registration."
)
@row_scope(reference=True)
class FormSheet(models.Model):
    """One printed sheet: its number, and once typed in, the registration it belongs to."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("issued")
        ENTERED = "entered", _("entered")
        VOID = "void", _("void")

    number = models.CharField(
        _("form number"),
        max_length=20,
        unique=True,
        help_text=_("Digits only, the Damm check digit last."),
    )
    batch = models.ForeignKey(
        FormBatch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="form_sheets"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.ISSUED, db_index=True
    )
    # The registration typed in from this sheet. When the clerk decided it is the same person as
    # an existing registration, it is a cancelled record linked to that one (register(linked_to=)).
    registration = models.OneToOneField(
        "participation.Registration",
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="form_sheet",
    )
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    voided_at = models.DateTimeField(_("void since"), null=True, blank=True)
    # A void sheet that never came back (lost) rather than one returned spoiled or blank: it is
    # not missing, and not part of a returned pile either (paper.selectors.accounting).
    lost = models.BooleanField(_("lost"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("printed form")
        verbose_name_plural = _("printed forms")
        permissions = [("enter_formsheet", "Can type in printed registration forms")]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{11,20}$"), name="formsheet_number_digits"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["issued", "entered", "void"]),
                name="formsheet_status_valid",
            ),
            # Entered means: someone, at some time, for some registration.
            models.CheckConstraint(
                condition=~Q(status="entered")
                | Q(entered_at__isnull=False, entered_by_id__isnull=False),
                name="formsheet_entered_has_clerk_and_time",
            ),
            models.CheckConstraint(
                condition=~Q(lost=True) | Q(status="void"), name="formsheet_lost_only_when_void"
            ),
        ]
        indexes = [models.Index(fields=["batch", "status"])]

    def __str__(self):
        return self.printed_number

    @property
    def printed_number(self) -> str:
        return format_number(self.number)


@not_personal_data(
    reason="A count or a sheet number that came back, with the clerk and time; nobody's data."
)
@row_scope(reference=True)
class SheetReturn(models.Model):
    """A pile of sheets that came back: a count ("23 sheets") or one scanned or typed sheet.

    Rows are never changed or deleted: they are the record of what came back, when and who
    recorded it. The batch's ``returned_sheets`` is their sum, checked against its sheets.
    """

    batch = models.ForeignKey(
        FormBatch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="returns"
    )
    count = models.PositiveIntegerField(_("number of sheets"))
    # Set when the pile was recorded sheet by sheet (by number); then count is 1.
    sheet = models.OneToOneField(
        FormSheet,
        verbose_name=_("printed form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sheet_return",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("returned sheets")
        verbose_name_plural = _("returned sheets")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1, count__lte=MAX_SHEETS_PER_BATCH),
                name="sheetreturn_count_1_to_500",
            ),
            models.CheckConstraint(
                condition=Q(sheet__isnull=True) | Q(count=1), name="sheetreturn_one_per_sheet"
            ),
        ]
        indexes = [models.Index(fields=["batch", "recorded_at"])]

    def __str__(self):
        if self.sheet_id:
            return f"{self.sheet}"
        return f"{self.count} \u00d7 {self.batch.place}"


@not_personal_data(
    reason="Links two registrations by id with the clerk's decision; no personal fields."
)
@row_scope(reference=True)
class DuplicateDecision(models.Model):
    """A clerk's decision on a possible duplicate found while typing in a sheet."""

    class Decision(models.TextChoices):
        SAME_PERSON = "same_person", _("same person")
        DIFFERENT_PERSON = "different_person", _("different person")

    sheet = models.ForeignKey(
        FormSheet,
        verbose_name=_("printed form"),
        on_delete=models.CASCADE,
        related_name="duplicate_decisions",
    )
    candidate = models.ForeignKey(
        "participation.Registration",
        verbose_name=_("possible duplicate"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision)
    # The registration typed in from the sheet (linked to the candidate when the same person).
    registration = models.ForeignKey(
        "participation.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="duplicate_decisions",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "candidate"], name="duplicatedecision_once_per_sheet_and_candidate"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["same_person", "different_person"]),
                name="duplicatedecision_decision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.sheet} / {self.candidate_id}: {self.get_decision_display()}"

"""Online requests (issue 5): staff-defined, versioned request forms and residents' requests.

- :class:`RequestForm` is the working copy staff edit in the admin: its :class:`FormPage` steps
  and their ordered, typed :class:`FormField` rows.
- Publishing freezes the working copy into a :class:`FormVersion` (a JSON snapshot; a database
  trigger refuses any later change), so a request always shows the form it was filled in.
- :class:`OnlineRequest` is one resident's request: a draft until it is submitted, then a case
  with a reference number and a status that only :mod:`online_requests.states` changes.
- :class:`RequestMessage` (portal thread), :class:`InternalNote` (staff only),
  :class:`StatusChange` (append-only log) and :class:`RequestUpload` (files in the private upload
  directory) belong to a request.
- case workers see the requests of their departments' services (``core.StaffMembership``, scoped
  in :mod:`munich_portal.core.scopes`; docs/online-requests.md).
"""

import contextlib
import datetime as dt
import functools
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from munich_portal.accounts.models import AssuranceLevel
from munich_portal.audit import purposes
from munich_portal.audit.registry import (
    DELETED,
    ErasureItem,
    constant,
    declare,
    not_personal_data,
    personal_data,
)
from munich_portal.core.i18n import Translated
from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, of_departments, row_scope, where
from online_requests import files

__all__ = [
    "REQUEST_RETENTION",
    "REQUEST_SERIAL_SEQUENCE",
    "FieldKind",
    "FormField",
    "FormPage",
    "FormVersion",
    "InternalNote",
    "OnlineRequest",
    "RequestForm",
    "RequestMessage",
    "RequestStatus",
    "RequestUpload",
    "StatusChange",
]

#: How long a closed request (and a draft untouched since) is kept: three years, the usual
#: period for administrative files of this kind (docs/online-requests.md, processing register).
REQUEST_RETENTION = dt.timedelta(days=3 * 365)

#: PostgreSQL sequence of reference-number serials (created by migration 0003_database_rules).
REQUEST_SERIAL_SEQUENCE = "online_requests_serial_seq"

ONLINE_REQUESTS_PURPOSE = purposes.register(
    purposes.Purpose(
        code="online_requests",
        title=_("Processing online requests"),
        legal_basis="Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG, Art. 3a "
        "BayVwVfG und dem jeweiligen Fachrecht der Dienstleistung",
        description=_(
            "Residents apply for a service online. The responsible department's case workers "
            "process the request, ask for missing information and decide."
        ),
        data_categories=(
            _("account data (name, e-mail address)"),
            _("the answers given in the request form"),
            _("uploaded documents"),
            _("messages, internal notes and the status history"),
        ),
        data_subjects=(_("applicants"),),
        recipients=(_("the case workers of the responsible department"),),
        retention=_(
            "Three years after the request was closed (approved, rejected or withdrawn); drafts "
            "three years after they were last changed."
        ),
    )
)


class FieldKind(models.TextChoices):
    TEXT = "text", _("text (one line)")
    LONG_TEXT = "long_text", _("long text")
    NUMBER = "number", _("number")
    DATE = "date", _("date")
    CHOICE = "choice", _("choice (one of several)")
    YES_NO = "yes_no", _("yes/no")
    EMAIL = "email", _("e-mail address")
    PHONE = "phone", _("phone number")
    ADDRESS = "address", _("postal address")
    IBAN = "iban", _("IBAN (bank account)")
    FILE = "file", _("file upload")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("in progress")
    INFORMATION_REQUESTED = "information_requested", _("information requested")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# --- Form definitions (no personal data) ---------------------------------------------------------

#: Drafts are the resident's working copy: no staff member sees them (issue 11).
_SUBMITTED = where(~Q(status="draft"), _("submitted (never drafts)"))
_OF_THEIR_SERVICES = of_departments(
    "service__department", _("of the services of their departments")
)


@not_personal_data(reason="A request form describes questions of a service, no person's data.")
@row_scope(reference=True)
class RequestForm(models.Model):
    """The working copy of a service's request form; residents only ever see published versions."""

    service = models.OneToOneField(
        "services.Service",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="request_form",
    )
    office = models.ForeignKey(
        "services.Office",
        verbose_name=_("processing office"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request_forms",
        help_text=_("The office whose queue receives the requests (optional)."),
    )
    intro_de = models.TextField(_("introduction (German)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    min_assurance_level = models.CharField(
        _("minimum BayernID/BundID level"),
        max_length=20,
        choices=AssuranceLevel,
        blank=True,
        default="",
        help_text=_(
            "Starting and sending a request need a sign-in with BayernID/BundID at this "
            "assurance level or higher. Empty: a confirmed e-mail address is enough."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("request form")
        verbose_name_plural = _("request forms")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_assurance_level__in=["", "low", "substantial", "high"]),
                name="requestform_min_assurance_level_valid",
            ),
        ]

    intro = Translated()

    def __str__(self):
        return str(self.service)


@not_personal_data(reason="A step of a request form; describes questions, no person.")
class FormPage(models.Model):
    form = models.ForeignKey(
        RequestForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="pages"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["form", "position", "pk"]
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    title = Translated()

    def __str__(self):
        return self.title_de


@not_personal_data(reason="A question of a request form; the answers live in the request.")
class FormField(models.Model):
    form = models.ForeignKey(
        RequestForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="fields"
    )
    page = models.ForeignKey(
        FormPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="fields"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    key = models.SlugField(
        _("key"),
        max_length=50,
        help_text=_("A short technical name, unique within the form (e.g. dog_name)."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=FieldKind, default=FieldKind.TEXT)
    label_de = models.CharField(_("label (German)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    help_de = models.TextField(_("help text (German)"), blank=True)
    help_en = models.TextField(_("help text (English)"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    choices_de = models.TextField(
        _("choices (German)"), blank=True, help_text=_("For choice fields: one option per line.")
    )
    choices_en = models.TextField(
        _("choices (English)"),
        blank=True,
        help_text=_("The same options in English, in the same order (optional)."),
    )
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    allowed_file_types = models.CharField(
        _("allowed file types"),
        max_length=100,
        blank=True,
        default="pdf,jpeg,png",
        help_text=_("For file uploads: comma-separated, from pdf, jpeg, png."),
    )
    max_file_size_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"), default=5, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["form", "page__position", "position", "pk"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="formfield_key_unique_per_form"),
            models.CheckConstraint(
                condition=Q(max_file_size_mb__gte=1) & Q(max_file_size_mb__lte=50),
                name="formfield_max_file_size_1_to_50",
            ),
        ]

    label = Translated()
    help = Translated()

    def __str__(self):
        return self.label_de


@not_personal_data(
    reason="published_by names the staff member who published the form (a work record)."
)
@row_scope(reference=True)
class FormVersion(models.Model):
    """A published, immutable snapshot of a request form (a trigger refuses every UPDATE)."""

    form = models.ForeignKey(
        RequestForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    is_current = models.BooleanField(_("current"), default=True)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["form", "-number"]
        get_latest_by = "number"
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="formversion_number_unique"),
            models.UniqueConstraint(
                fields=["form"],
                condition=Q(is_current=True),
                name="formversion_one_current_per_form",
            ),
        ]

    def __str__(self):
        return f"{self.form} v{self.number}"


# --- Requests ------------------------------------------------------------------------------------


def _request_retention_anchor():
    # Closed requests: from closing. Drafts: from their last change. Open cases never expire.
    return Coalesce(
        "closed_at",
        Case(When(status=RequestStatus.DRAFT, then=F("updated_at"))),
    )


def _answers_as_read(online_request) -> list[tuple[str, str]]:
    """The answers of ``online_request`` (or of one of its history rows) as ``(question, answer)``
    pairs in the form's order and the active language: Meine Daten shows "question: answer"
    (issue 14). Unanswered questions are left out; a file question gives the file's name."""
    from online_requests.fields import pages_with_answers  # it imports this module

    answers = online_request.answers or {}
    upload_ids = []
    for value in answers.values():
        with contextlib.suppress(TypeError, ValueError, AttributeError):
            upload_ids.append(uuid.UUID(value))
    uploads = {}
    if upload_ids:
        by_id = {
            str(upload.pk): upload
            for upload in RequestUpload.objects.filter(
                pk__in=upload_ids, owner_id=online_request.user_id
            )
        }
        uploads = {
            key: by_id[value]
            for key, value in answers.items()
            if isinstance(value, str) and value in by_id
        }
    try:
        definition = online_request.form_version.definition
    except ObjectDoesNotExist:  # a history row of a request whose form version is gone
        return [(key, value) for key, value in answers.items() if value]
    return [
        (row["label"], row["value"])
        for page in pages_with_answers(definition, answers, uploads)
        for row in page["rows"]
        if row["value"]
    ]


def _describe_request_erasure(rows):
    """The deletion page's lines: every request is deleted; an open one with a warning, since the
    case worker can no longer process it (issue 14)."""
    for online_request in rows.select_related("service").order_by("pk"):
        name = str(online_request.service.name)
        text = f"{name} ({online_request.reference})" if online_request.reference else name
        warning = ""
        if online_request.is_open:
            warning = gettext(
                "%(request)s is still open: once your account is deleted, the office can no "
                "longer process it and cannot reach you about it."
            ) % {"request": text}
        elif online_request.is_draft:
            text = gettext("%(service)s (draft, not submitted)") % {"service": name}
        yield ErasureItem(DELETED, text, warning)


@personal_data(
    subject="user",
    fields={"answers": constant({})},
    purposes=["online_requests"],
    retention=REQUEST_RETENTION,
    retention_anchor=_request_retention_anchor(),
    on_retention="delete",
    on_erasure="delete",
    describe_erasure=_describe_request_erasure,
    shown_fields=("reference", "service", "status", "answers", "submitted_at", "closed_at"),
    shown_as={"answers": _answers_as_read},
)
@row_scope(staff={Role.CASEWORK: _OF_THEIR_SERVICES & _SUBMITTED, Role.DATA_PROTECTION: _SUBMITTED})
class OnlineRequest(models.Model):
    """One resident's request for one service: a draft, then a case with a reference number."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="online_requests",
    )
    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="online_requests",
    )
    form_version = models.ForeignKey(
        FormVersion,
        verbose_name=_("form version"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    office = models.ForeignKey(
        "services.Office",
        verbose_name=_("office"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="online_requests",
    )
    status = models.CharField(
        _("status"), max_length=30, choices=RequestStatus, default=RequestStatus.DRAFT
    )
    reference = models.CharField(
        _("reference number"), max_length=30, unique=True, null=True, blank=True
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    current_page = models.PositiveSmallIntegerField(_("last page"), default=1)
    language = models.CharField(
        _("language"), max_length=2, default="de", help_text=_("The language of the e-mails.")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_online_requests",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Its e-mails in the outbox: deleted with it (a queued one is then never sent).
    emails = GenericRelation(
        "messaging.OutgoingEmail", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("online request")
        verbose_name_plural = _("online requests")
        indexes = [
            models.Index(fields=["status", "service"], name="onlinerequest_queue"),
            models.Index(fields=["user", "status"], name="onlinerequest_user_status"),
        ]
        constraints = [
            # A resident has at most one draft per service: starting again resumes it.
            models.UniqueConstraint(
                fields=["user", "service"],
                condition=Q(status="draft"),
                name="onlinerequest_one_draft_per_service",
            ),
            # Submitted requests have a reference number and a submission time; drafts neither.
            models.CheckConstraint(
                condition=(
                    Q(status="draft", reference__isnull=True, submitted_at__isnull=True)
                    | (~Q(status="draft") & Q(reference__isnull=False, submitted_at__isnull=False))
                ),
                name="onlinerequest_reference_iff_submitted",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "draft",
                        "received",
                        "in_progress",
                        "information_requested",
                        "approved",
                        "rejected",
                        "withdrawn",
                    ]
                ),
                name="onlinerequest_status_valid",
            ),
            # Closed exactly when the status is final.
            models.CheckConstraint(
                condition=(
                    Q(status__in=["approved", "rejected", "withdrawn"], closed_at__isnull=False)
                    | (
                        ~Q(status__in=["approved", "rejected", "withdrawn"])
                        & Q(closed_at__isnull=True)
                    )
                ),
                name="onlinerequest_closed_iff_final",
            ),
        ]

    def __str__(self):
        return self.reference or gettext("draft (%(service)s)") % {"service": self.service}

    def get_absolute_url(self):
        if self.reference:
            return reverse("online_requests:request_detail", kwargs={"reference": self.reference})
        return reverse("online_requests:request_start", kwargs={"slug": self.service.slug})

    @property
    def is_draft(self) -> bool:
        return self.status == RequestStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status in (
            RequestStatus.RECEIVED,
            RequestStatus.IN_PROGRESS,
            RequestStatus.INFORMATION_REQUESTED,
        )


@row_scope(
    staff={
        Role.CASEWORK: of_departments("request__service__department", _("of their requests"))
        & where(~Q(request__status="draft"), _("of submitted requests")),
        Role.DATA_PROTECTION: where(~Q(request__status="draft"), _("of submitted requests")),
    }
)
class RequestMessage(models.Model):
    """A message in the request's thread, shown to the resident in the portal."""

    class Direction(models.TextChoices):
        TO_RESIDENT = "to_resident", _("to the applicant")
        FROM_RESIDENT = "from_resident", _("from the applicant")

    request = models.ForeignKey(
        OnlineRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="messages"
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction)
    body = models.TextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    asks_for_information = models.BooleanField(_("asks for information"), default=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.request} {self.created_at:%Y-%m-%d %H:%M}"


@row_scope(
    staff={
        Role.CASEWORK: of_departments("request__service__department", _("of their requests")),
        Role.DATA_PROTECTION: EVERYTHING,
    }
)
class InternalNote(models.Model):
    """A case worker's note on a request; never shown to the resident in the portal."""

    request = models.ForeignKey(
        OnlineRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="notes"
    )
    body = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"{self.request} {self.created_at:%Y-%m-%d %H:%M}"


@row_scope(
    staff={
        Role.CASEWORK: of_departments("request__service__department", _("of their requests")),
        Role.DATA_PROTECTION: EVERYTHING,
    }
)
class StatusChange(models.Model):
    """One transition of a request's status (append-only)."""

    request = models.ForeignKey(
        OnlineRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(_("from"), max_length=30, choices=RequestStatus)
    to_status = models.CharField(_("to"), max_length=30, choices=RequestStatus)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


# Declared after the classes: their subject path runs through the request, and the registry checks
# paths while the models still load (see participation.models.Letter for the same pattern).
for _model in (RequestMessage, InternalNote, StatusChange):
    _model._meta.get_field("request").__dict__.setdefault("related_model", OnlineRequest)
declare(
    RequestMessage,
    subject="request__user",
    fields=["body"],
    purposes=["online_requests"],
    retention=REQUEST_RETENTION,
    retention_anchor=Coalesce(
        "request__closed_at",
        Case(When(request__status=RequestStatus.DRAFT, then=F("request__updated_at"))),
    ),
    on_retention="delete",
    on_erasure="delete",
    shown_fields=("created_at", "direction", "body"),
)
declare(
    InternalNote,
    subject="request__user",
    fields=["body"],
    purposes=["online_requests"],
    retention=REQUEST_RETENTION,
    retention_anchor="request__closed_at",
    on_retention="delete",
    on_erasure="delete",
    # Notes are the case workers' working notes: Meine Daten lists that they exist; their text is
    # disclosed through a formal access request (Art. 15 GDPR) after review.
    shown_fields=("created_at",),
)
declare(
    StatusChange,
    subject="request__user",
    fields=(),
    purposes=["online_requests"],
    retention=REQUEST_RETENTION,
    retention_anchor="request__closed_at",
    on_retention="delete",
    on_erasure="delete",
    shown_fields=("created_at", "from_status", "to_status"),
)


@personal_data(
    subject="owner",
    fields={"original_name": constant("")},
    purposes=["online_requests"],
    retention=REQUEST_RETENTION,
    retention_anchor=Coalesce(
        "request__closed_at",
        Case(When(request__status=RequestStatus.DRAFT, then=F("request__updated_at"))),
        "created_at",
    ),
    on_retention="delete",
    on_erasure="delete",
    shown_fields=("original_name", "content_type", "size", "created_at"),
    # The file itself: erasure and retention delete it when they commit (not the nightly job).
    stored_files=lambda upload: [functools.partial(files.delete_stored, upload.storage_name)],
)
@row_scope(
    staff={
        Role.CASEWORK: of_departments("request__service__department", _("of their requests"))
        & where(~Q(request__status="draft"), _("of submitted requests")),
        Role.DATA_PROTECTION: where(
            Q(request__isnull=False) & ~Q(request__status="draft"), _("of submitted requests")
        ),
    }
)
class RequestUpload(models.Model):
    """A file a resident uploaded, stored under a random name in the private upload directory."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="request_uploads",
    )
    request = models.ForeignKey(
        OnlineRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="uploads",
        null=True,
        blank=True,
    )
    message = models.ForeignKey(
        RequestMessage,
        verbose_name=_("message"),
        on_delete=models.SET_NULL,
        related_name="uploads",
        null=True,
        blank=True,
    )
    field_key = models.CharField(_("form field"), max_length=50, blank=True)
    storage_name = models.CharField(_("stored as"), max_length=80, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        constraints = [
            models.CheckConstraint(
                condition=Q(storage_name__regex=r"^[0-9a-f]{64}$"),
                name="requestupload_storage_name_random_hex",
            )
        ]

    def __str__(self):
        return self.original_name or str(self.id)

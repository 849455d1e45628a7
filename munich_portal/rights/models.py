"""A rights request: who asks for what, through which channel, by when it is due, what was done."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.audit.guard import AuditedQuerySet
from munich_portal.audit.registry import personal_data
from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, row_scope, where
from munich_portal.core.timezone import add_months

#: Kept as evidence of how the request was handled (Art. 5 (2) GDPR) for three years after closing.
REQUEST_RETENTION = dt.timedelta(days=3 * 365)


def deadline_for(received_at: dt.datetime) -> dt.date:
    """One month after the request arrived (Art. 12 (3) GDPR), in Munich's calendar."""
    return add_months(timezone.localdate(received_at), 1)


class Kind(models.TextChoices):
    ACCESS = "access", _("access (what do you hold about me?)")
    ERASURE = "erasure", _("erasure (delete my data)")


class Channel(models.TextChoices):
    WEB = "web", _("web form")
    PAPER = "paper", _("on paper at a Bürgerbüro")
    LETTER = "letter", _("letter")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    IDENTITY_CONFIRMED = "identity_confirmed", _("identity confirmed")
    ANSWERED = "answered", _("answered")
    ERASED = "erased", _("erased")
    REJECTED = "rejected", _("rejected")
    CLOSED = "closed", _("closed")


#: Not answered yet: the deadline runs.
OPEN_STATUSES = (Status.RECEIVED, Status.IDENTITY_CONFIRMED)


class IdentityMethod(models.TextChoices):
    ID_DOCUMENT = "id_document", _("identity card or passport shown in person")
    EMAIL_REPLY = "email_reply", _("reply from the given e-mail address")
    LETTER_CODE = "letter_code", _("code sent by letter to the given address")
    OTHER = "other", _("other (see note)")


class ReplyBy(models.TextChoices):
    EMAIL = "email", _("e-mail")
    LETTER = "letter", _("letter")


class RightsRequestQuerySet(AuditedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, today: dt.date | None = None):
        """Open requests whose one-month deadline has passed."""
        return self.open().filter(deadline__lt=today or timezone.localdate())


@personal_data(
    subject="account",
    fields={
        "account": None,
        "name": None,
        "email": None,
        "phone": None,
        "street": None,
        "postal_code": None,
        "city": None,
        "identity_note": None,
        "note": None,
    },
    purposes=["data_subject_rights"],
    retention=REQUEST_RETENTION,
    retention_anchor="closed_at",
    on_retention="delete",
    shown_fields=(
        "kind",
        "channel",
        "received_at",
        "deadline",
        "status",
        "name",
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "answered_at",
        "closed_at",
    ),
)
@row_scope(
    staff={
        Role.DATA_PROTECTION: EVERYTHING,
        # The clerk who types in a paper request sees paper requests until the officer takes over.
        Role.DATA_ENTRY: where(
            Q(channel="paper", status="received"), _("paper requests not yet checked")
        ),
    }
)
class RightsRequest(models.Model):
    """A request for access to, or erasure of, a person's data, from someone without an account."""

    kind = models.CharField(_("request"), max_length=10, choices=Kind)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.WEB)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    deadline = models.DateField(_("answer due by"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.RECEIVED)

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    reply_by = models.CharField(
        _("answer by"), max_length=10, choices=ReplyBy, default=ReplyBy.EMAIL
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when the person was logged in."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    identity_confirmed_at = models.DateTimeField(_("identity confirmed at"), null=True, blank=True)
    identity_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("identity confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    identity_method = models.CharField(
        _("how the identity was confirmed"), max_length=20, choices=IdentityMethod, blank=True
    )
    identity_note = models.CharField(_("note on the identity check"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.TextField(_("internal note"), blank=True)

    objects = RightsRequestQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["access", "erasure"]), name="rightsrequest_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["web", "paper", "letter"]),
                name="rightsrequest_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "received",
                        "identity_confirmed",
                        "answered",
                        "erased",
                        "rejected",
                        "closed",
                    ]
                ),
                name="rightsrequest_status_valid",
            ),
            # Someone to answer: an e-mail address, a phone number or a postal address.
            models.CheckConstraint(
                condition=~Q(email="")
                | ~Q(phone="")
                | (~Q(street="") & ~Q(postal_code="") & ~Q(city=""))
                | Q(closed_at__isnull=False),
                name="rightsrequest_has_contact",
            ),
            # Erasure only after the identity was confirmed, by someone, in a named way.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True)
                | (Q(identity_confirmed_at__isnull=False) & ~Q(identity_method="")),
                name="rightsrequest_erased_after_identity",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="rightsrequest_closed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return str(_("Rights request %(number)s") % {"number": self.pk or "–"})  # noqa: RUF001

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
    def identity_confirmed(self) -> bool:
        return self.identity_confirmed_at is not None

    @property
    def has_postal_address(self) -> bool:
        return bool(self.street.strip() and self.postal_code.strip() and self.city.strip())

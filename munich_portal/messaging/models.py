"""The messages to people: the one letter model and the e-mail outbox.

:class:`OutgoingEmail` is the outbox of the message pipeline (issue 13): an e-mail is rendered and
stored in the transaction of the change that causes it, and a worker delivers it afterwards
(:mod:`munich_portal.messaging.actions`, :mod:`munich_portal.messaging.tasks`). The row keeps what
is sent — address, subject, text, attachments, a stable ``Message-ID`` — and how delivery went.

:class:`Letter`: every letter the city prints and posts, whatever it is about.

A letter is written when the decision it tells about is taken (a registration confirmed, an idea
answered) and keeps what it says then: the recipient's name and address, the sender, the subject
and the text, in the recipient's language. Printing it later, or again, shows exactly that — not
what the registration or idea says by then. What it is about is a generic reference
(``source``); the source models hold a ``GenericRelation`` to their letters, so deleting or erasing
the source deletes its letters, as a foreign key with CASCADE would.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.audit import purposes
from munich_portal.audit.registry import personal_data
from munich_portal.core.scopes import NOTHING, row_scope
from munich_portal.messaging.registry import kind_choices

__all__ = ["EMAIL_RETENTION", "LETTER_RETENTION", "EmailStatus", "Letter", "OutgoingEmail"]

#: How long a letter is kept after it was written: long enough to print it again or to answer
#: "did you write to me?"; the registration or idea it belongs to has its own, usually longer,
#: retention (docs/data-protection.md).
LETTER_RETENTION = timedelta(days=183)

LETTERS_PURPOSE = purposes.register(
    purposes.Purpose(
        code="letters",
        title=_("Letters by post"),
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG",
        description=_(
            "People who gave the city no e-mail address are told by letter what became of their "
            "registration or idea. The letter is written when the decision is taken and kept as "
            "it was printed; clerks print the letters in a daily batch and post them."
        ),
        data_categories=(
            _("name and postal address"),
            _("the letter's text (what was decided, and the details it concerns)"),
            _("when the letter was written and printed"),
        ),
        data_subjects=(_("residents without e-mail who registered or contributed"),),
        recipients=(_("the clerks printing the letters"), _("the postal service")),
        retention=_(
            "Six months after the letter was written; earlier with the registration or idea it "
            "belongs to, or on erasure."
        ),
    )
)


class Message(models.Model):
    """What letters and e-mails share: the kind (a registered key, ``app.name``), what the message
    is about (a generic reference, so the kernel names no domain model) and the recipient's
    account, if they have one."""

    kind = models.CharField(_("kind"), max_length=50, choices=kind_choices)
    source_type = models.ForeignKey(
        ContentType, verbose_name=_("about a"), on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(_("about record"))
    source = GenericForeignKey("source_type", "source_id")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The recipient's account, if they have one."),
    )

    class Meta:
        abstract = True


@personal_data(
    # A guest or paper registrant has no account: their letters have no data subject to attach
    # events to, like their registrations (participation.models.Registration).
    subject="recipient",
    fields={
        "recipient": None,
        "recipient_name": None,
        "street": None,
        "postal_code": None,
        "city": None,
        "reference": None,
        "subject": None,
        "body": None,
    },
    # The kinds' purposes join when the apps register them (munich_portal.messaging.registry).
    purposes=["letters"],
    retention=LETTER_RETENTION,
    retention_anchor="created_at",
    on_erasure="delete",
    on_retention="delete",
    match={"name": "recipient_name", "address": ("street", "postal_code")},
    shown_fields=(
        "kind",
        "recipient_name",
        "street",
        "postal_code",
        "city",
        "subject",
        "body",
        "created_at",
        "printed_at",
    ),
)
# Staff rules come from the kinds' registrations (munich_portal.messaging.registry).
@row_scope(public=NOTHING)
class Letter(Message):
    """A letter to a person without e-mail, as it was written; the clerks print it in a batch."""

    recipient_name = models.CharField(_("name"), max_length=250, blank=True)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    sender = models.CharField(_("department"), max_length=200)
    sender_phone = models.CharField(_("phone"), max_length=50, blank=True)
    sender_email = models.EmailField(_("e-mail"), blank=True)
    reference = models.CharField(_("your code"), max_length=40, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(
        _("text"), help_text=_("Plain text; an empty line starts a new paragraph.")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    printed_at = models.DateTimeField(_("printed at"), null=True, blank=True)
    printed_batch = models.DateField(_("printed in the batch of"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        permissions = [("print_letter", "Can print letters (marks them printed)")]
        indexes = [
            # The clerks' daily batch: not printed yet, oldest first.
            models.Index(fields=["printed_at", "created_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(printed_at__isnull=True, printed_batch__isnull=True)
                | Q(printed_at__isnull=False, printed_batch__isnull=False),
                name="letter_printed_batch_iff_printed",
            ),
            models.CheckConstraint(
                condition=~Q(street="") & ~Q(postal_code="") & ~Q(city=""),
                name="letter_address_complete",
            ),
            models.CheckConstraint(
                condition=~Q(subject="") & ~Q(body="") & ~Q(sender=""),
                name="letter_has_text",
            ),
            models.CheckConstraint(
                condition=Q(kind__regex=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"),
                name="letter_kind_is_app_dot_name",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({timezone.localtime(self.created_at):%d.%m.%Y})"

    @property
    def address_lines(self) -> list[str]:
        """The recipient's address as printed in the envelope window."""
        lines = [self.recipient_name, self.street, f"{self.postal_code} {self.city}"]
        return [line for line in (line.strip() for line in lines) if line]


#: How long an e-mail is kept after it was written: long enough to answer "did you write to me?"
#: and to see why a message failed, as the letters (docs/data-protection.md).
EMAIL_RETENTION = timedelta(days=183)

EMAIL_PURPOSE = purposes.register(
    purposes.Purpose(
        code="email",
        title=_("Messages by e-mail"),
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG",
        description=_(
            "People are told by e-mail what became of their registration, booking, request or "
            "contribution. The e-mail is written when the decision is taken, kept in the outbox "
            "until the mail relay has accepted it, and kept afterwards as it was sent."
        ),
        data_categories=(
            _("e-mail address"),
            _("the e-mail's text and attachments (what was decided, and the details it concerns)"),
            _("when the e-mail was written and sent, and why a delivery failed"),
        ),
        data_subjects=(_("residents who gave the city an e-mail address"),),
        recipients=(_("the city's mail relay"), _("the recipient's mail provider")),
        retention=_(
            "Six months after the e-mail was written; earlier with the record it belongs to, or "
            "on erasure."
        ),
    )
)


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


@personal_data(
    # Guests have no account: their e-mails have no data subject to attach events to, like their
    # registrations and letters.
    subject="recipient",
    fields={
        "recipient": None,
        "to_address": None,
        "subject": None,
        "body": None,
        "html_body": None,
        "attachments": [],
        "last_error": None,
    },
    # The kinds' purposes join when the apps register them (munich_portal.messaging.registry).
    purposes=["email"],
    retention=EMAIL_RETENTION,
    retention_anchor="created_at",
    on_erasure="delete",
    on_retention="delete",
    shown_fields=("kind", "to_address", "subject", "body", "status", "created_at", "sent_at"),
    # No name: found only by an address a name-matched record confirmed (audit.finders).
    match={"email": "to_address"},
    # The row is itself the log of its message: written once, then only its delivery changes
    # (attempts, last error, when sent or given up); the data-use ``send`` event is the audit
    # trail of the use. History rows would keep copies of texts that act for the person (reset
    # links, cancel links) and cost a write per attempt (docs/decisions.md).
    history=False,
)
# Staff rules come from the kinds' registrations (munich_portal.messaging.registry).
@row_scope(public=NOTHING)
class OutgoingEmail(Message):
    """An e-mail as it was written, and its delivery: queued, sending, sent or failed.

    Invariants the database keeps: ``sent_at`` is set exactly when the status is sent,
    ``failed_at`` exactly when failed, ``claimed_at`` exactly while sending; a message has an
    address, a subject and a text; its ``Message-ID`` is unique.
    """

    to_address = models.EmailField(_("recipient address"))
    reply_to = models.EmailField(_("reply address"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("Each a file name, a content type and the content in base64."),
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    give_up_at = models.DateTimeField(
        _("give up at"),
        help_text=_("Not sent by then: the message is marked failed (OUTBOX_MAX_AGE_HOURS)."),
    )
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails (outbox)")
        permissions = [("retry_outgoingemail", "Can retry e-mails (queues them again)")]
        indexes = [
            # The worker's sweep: queued messages that are due, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="queued"),
                name="outgoingemail_due",
            ),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EmailStatus.values), name="outgoingemail_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=EmailStatus.SENT, sent_at__isnull=False)
                | (~Q(status=EmailStatus.SENT) & Q(sent_at__isnull=True)),
                name="outgoingemail_sent_at_iff_sent",
            ),
            models.CheckConstraint(
                condition=Q(status=EmailStatus.FAILED, failed_at__isnull=False)
                | (~Q(status=EmailStatus.FAILED) & Q(failed_at__isnull=True)),
                name="outgoingemail_failed_at_iff_failed",
            ),
            models.CheckConstraint(
                condition=Q(status=EmailStatus.SENDING, claimed_at__isnull=False)
                | (~Q(status=EmailStatus.SENDING) & Q(claimed_at__isnull=True)),
                name="outgoingemail_claimed_at_iff_sending",
            ),
            models.CheckConstraint(
                condition=~Q(to_address="") & ~Q(subject="") & ~Q(body="") & ~Q(message_id=""),
                name="outgoingemail_has_address_and_text",
            ),
            models.CheckConstraint(
                condition=Q(kind__regex=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"),
                name="outgoingemail_kind_is_app_dot_name",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"

"""The one letter model: every letter the city prints and posts, whatever it is about.

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

__all__ = ["LETTER_RETENTION", "Letter"]

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
class Letter(models.Model):
    """A letter to a person without e-mail, as it was written; the clerks print it in a batch."""

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

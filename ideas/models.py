"""Ideas, supports, comments and their moderation in a process's participation phase (issue 7).

Ideas and comments come from every channel: residents write them online, clerks transcribe them
from paper forms, phone calls and on-site walls (``channel``). Each keeps who wrote it (an account,
or a name or nothing for paper/phone/anonymous contributions), the consent the contributor gave,
and for paper contributors an optional postal address so the city can answer by letter.

Counters: ``Idea.supports_count`` and ``Idea.comments_count`` are derived data kept by
:mod:`ideas.actions`, which recomputes them from the rows in one UPDATE after every
change, so the idea list sorts and shows them without a query per row. They are excluded from the
history (a support is no change to the idea).

Moderation: a process is pre- or post-moderated (``Process.moderation_mode``). An idea or comment
is ``pending`` (waiting for a moderator, only in pre-moderation), ``published`` or ``hidden``
(with a reason shown publicly). Every decision is a :class:`ModerationDecision` row, and the idea
and comment rows have change history (simple-history via :func:`personal_data`).

Erasure (account deleted) follows the resident's choice (``Erasure.contributions``): ``delete``
removes their ideas and empties their comments, ``keep`` clears the author's link, public name,
contact details and the place, scrubs their personal values out of title and text and puts the
contribution on the staff redaction queue (``redaction``), which the data-protection officer
reviews (:func:`ideas.actions.erase_ideas`, docs/participation-ideas.md). Either way no history row
keeps text the resident wrote earlier. Retention anonymises the author's link, name, contacts and
the place; the content stays, because it is part of the public record of the process.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.audit import purposes
from munich_portal.audit.guard import AuditedQuerySet
from munich_portal.audit.registry import not_personal_data, personal_data
from munich_portal.core.channels import Channel
from munich_portal.core.i18n import Translated
from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, row_scope, where
from participation.models import Process

__all__ = [
    "Comment",
    "Idea",
    "IdeaCategory",
    "IdeaStatus",
    "Moderation",
    "ModerationDecision",
    "ModerationMode",
    "Redaction",
    "Report",
    "ReportReason",
    "Support",
    "UserBlock",
]

#: Contributors' names, contacts and account links are anonymised this long after they wrote.
CONTRIBUTION_RETENTION = timedelta(days=2 * 365)
#: Abuse reports and blocks are kept one year (enough for repeated abuse to show).
MODERATION_RETENTION = timedelta(days=365)

IDEAS_PURPOSE = purposes.register(
    purposes.Purpose(
        code="participation_ideas",
        title=_("Ideas and comments in participation processes"),
        legal_basis=(
            "Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG; Art. 6 Abs. 1 lit. a DSGVO"
        ),
        description=_(
            "Residents contribute ideas, comments and supports to participation processes online, "
            "on paper, by phone or on site. The city publishes them, moderates them, answers them "
            "and informs the authors about the answer."
        ),
        data_categories=(
            _("the name shown with a contribution (optional)"),
            _("contact details for the answer (e-mail or postal address, optional)"),
            _("the content of ideas and comments, channel, time"),
            _("abuse reports and moderation decisions"),
        ),
        data_subjects=(_("residents contributing to participation processes"),),
        recipients=(
            _("the public (the content and the name shown)"),
            _("the organising department and its moderators"),
            _("the clerks transcribing paper contributions"),
        ),
        retention=_(
            "Names, contacts and account links two years after the contribution; the content "
            "stays as part of the public record of the process. Reports and blocks one year."
        ),
    )
)

_MODERATORS = {Role.EVENTS: EVERYTHING, Role.DATA_PROTECTION: EVERYTHING}
#: Clerks see the supports and comments typed in from paper, phone and on site (their own work),
#: never who supported or commented online.
_TYPED_IN = where(~Q(channel="online"), _("typed in from paper, phone or on site"))


class ModerationMode(models.TextChoices):
    PRE = "pre", _("pre-moderation (published after approval)")
    POST = "post", _("post-moderation (published at once, checked afterwards)")


class Moderation(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden by moderation")


class IdeaStatus(models.TextChoices):
    NEW = "new", _("new")
    UNDER_REVIEW = "under_review", _("under review")
    ACCEPTED = "accepted", _("accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("partly accepted")
    NOT_POSSIBLE = "not_possible", _("not possible")


class Redaction(models.TextChoices):
    """Where a contribution kept after its author's erasure stands on the redaction queue."""

    NONE = "", _("no redaction needed")
    PENDING = "pending", _("waiting for redaction")
    REVIEW = "review", _("redacted, waiting for the data-protection officer")
    APPROVED = "approved", _("redaction approved")


_CHANNELS = [choice.value for choice in Channel]
_MODERATION = [choice.value for choice in Moderation]
_REDACTION = [choice.value for choice in Redaction]


def _entered_by():
    """The clerk who typed a contribution in (empty online)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


def erase_ideas(erasure) -> None:
    """Erasure hook (:func:`ideas.actions.erase_ideas`; imported late: actions import models)."""
    from ideas import actions

    actions.erase_ideas(erasure)


def erase_comments(erasure) -> None:
    """Erasure hook (:func:`ideas.actions.erase_comments`)."""
    from ideas import actions

    actions.erase_comments(erasure)


@not_personal_data(reason="name_de/name_en name a category of ideas (e.g. 'Verkehr'), no person.")
@row_scope(
    reference=True,
    public=where(Q(process__status="published"), _("of published processes")),
)
class IdeaCategory(models.Model):
    """A category ideas of one process can be filed under (set up by the organisers)."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="idea_categories",
    )
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name_de", "pk"]
        verbose_name = _("idea category")
        verbose_name_plural = _("idea categories")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "name_de"], name="ideacategory_unique_name_per_process"
            )
        ]

    name = Translated()

    def __str__(self):
        return self.name_de


class IdeaQuerySet(AuditedQuerySet):
    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def public(self):
        """Published and hidden ideas: hidden ones show the moderation notice, not the text."""
        return self.exclude(moderation=Moderation.PENDING)


@personal_data(
    subject="author",
    fields={
        "author": None,
        "author_name": None,
        "contact_email": None,
        "contact_street": None,
        "contact_postal_code": None,
        "contact_city": None,
        # The place the idea is about: residents write their own street into it.
        "address": None,
    },
    public_text=("title", "text"),
    purposes=["participation_ideas"],
    retention=CONTRIBUTION_RETENTION,
    retention_anchor="created_at",
    on_erasure=erase_ideas,
    on_retention="anonymise",
    shown_fields=(
        "process",
        "title",
        "text",
        "address",
        "channel",
        "author_name",
        "contact_email",
        "contact_street",
        "contact_postal_code",
        "contact_city",
        "consent_version",
        "status",
        "moderation",
        "created_at",
    ),
    # Derived counters change with every support and comment: no history rows for them.
    history_exclude=("supports_count", "comments_count"),
    match={
        "name": "author_name",
        "email": "contact_email",
        "address": ("contact_street", "contact_postal_code"),
    },
)
@row_scope(
    staff={**_MODERATORS, Role.DATA_ENTRY: EVERYTHING},
    public=where(
        Q(moderation="published", process__status="published"),
        _("published by moderation, in a published process"),
    ),
)
class Idea(models.Model):
    """An idea (Idee) contributed to a process, online or transcribed from another channel."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="ideas"
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=4000)
    category = models.ForeignKey(
        IdeaCategory,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    district = models.ForeignKey(
        "core.Stadtbezirk",
        verbose_name=_("city district (Stadtbezirk)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_ideas",
    )
    address = models.CharField(
        _("place or address"),
        max_length=200,
        blank=True,
        help_text=_("A street, square or place the idea is about (optional)."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default="online")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_ideas",
        help_text=_("Empty for paper, phone and on-site contributions."),
    )
    author_name = models.CharField(
        _("name shown"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the idea is shown without a name."),
    )
    contact_email = models.EmailField(_("e-mail for the answer"), blank=True)
    contact_street = models.CharField(_("street and number"), max_length=200, blank=True)
    contact_postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    contact_city = models.CharField(_("city"), max_length=100, blank=True)
    language = models.CharField(
        _("language for messages"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    notify = models.BooleanField(
        _("inform the author"),
        default=True,
        help_text=_("Off when the author opted out of messages about this idea."),
    )
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    entered_by = _entered_by()
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus, default=IdeaStatus.NEW
    )
    status_reason = models.TextField(_("reason for the status"), max_length=2000, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    answer = models.TextField(_("official answer"), max_length=6000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation, default=Moderation.PUBLISHED
    )
    moderation_reason = models.TextField(_("moderation reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    redaction = models.CharField(
        _("redaction"), max_length=10, choices=Redaction, default=Redaction.NONE, blank=True
    )
    supports_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    comments_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    # The letters to the author about this idea (munich_portal.messaging): deleted with it.
    letters = GenericRelation(
        "messaging.Letter", content_type_field="source_type", object_id_field="source_id"
    )
    # Its e-mails to the author in the outbox: deleted with it too.
    emails = GenericRelation(
        "messaging.OutgoingEmail", content_type_field="source_type", object_id_field="source_id"
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        permissions = [
            ("moderate_idea", "Can moderate ideas and comments"),
            ("answer_idea", "Can answer ideas and set their status"),
            ("transcribe_idea", "Can transcribe ideas from paper, phone and on site"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=_CHANNELS), name="idea_channel_valid"),
            models.CheckConstraint(
                condition=Q(moderation__in=_MODERATION), name="idea_moderation_valid"
            ),
            models.CheckConstraint(
                condition=Q(redaction__in=_REDACTION), name="idea_redaction_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in IdeaStatus]),
                name="idea_status_valid",
            ),
            # A hidden idea always says why (the reason is shown publicly).
            models.CheckConstraint(
                condition=~Q(moderation="hidden") | ~Q(moderation_reason=""),
                name="idea_hidden_has_reason",
            ),
            # Online ideas come from an account; the other channels were typed in by a clerk.
            models.CheckConstraint(
                condition=~Q(channel="online") | Q(entered_by__isnull=True),
                name="idea_online_not_transcribed",
            ),
        ]
        indexes = [
            models.Index(fields=["process", "moderation", "-created_at"]),
            models.Index(fields=["process", "moderation", "-supports_count"]),
            models.Index(fields=["process", "moderation", "-comments_count"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:idea", kwargs={"slug": self.process.slug, "pk": self.pk})

    @property
    def is_hidden(self) -> bool:
        return self.moderation == Moderation.HIDDEN

    @property
    def has_postal_address(self) -> bool:
        return bool(self.contact_street and self.contact_postal_code and self.contact_city)

    @property
    def is_decided(self) -> bool:
        return self.status in (
            IdeaStatus.ACCEPTED,
            IdeaStatus.PARTLY_ACCEPTED,
            IdeaStatus.NOT_POSSIBLE,
        )


@personal_data(
    subject="user",
    fields={
        "user": None,
        "name": None,
        "street": None,
        "postal_code": None,
        "name_key": None,
    },
    purposes=["participation_ideas"],
    retention=CONTRIBUTION_RETENTION,
    retention_anchor="created_at",
    shown_fields=(
        "idea",
        "channel",
        "name",
        "street",
        "postal_code",
        "consent_version",
        "created_at",
    ),
    # A line of a signature list is found by its name with street and postal code (a name with a
    # postal code alone is not enough: thousands share one).
    match={"name": "name", "address": ("street", "postal_code")},
)
@row_scope(
    staff={
        **_MODERATORS,
        Role.DATA_ENTRY: _TYPED_IN,
    }
)
class Support(models.Model):
    """One person's support for an idea.

    Online: ``user`` is the account (``name_key`` holds its name, normalised, for the comparison
    below). Paper, phone and on site (a signature list, a call, a list at an event): a clerk types
    in one line per person with ``name`` and ``postal_code`` (``street`` optional), through
    :func:`ideas.actions.add_support_line`. ``name_key`` is the normalised name; one person counts
    once per idea: the same ``name_key`` and postal code on lists is refused by a constraint, and a
    line whose ``name_key`` equals an online supporter's is reported to the clerk and not counted
    unless the clerk confirmed another person of the same name (``same_name_confirmed``).
    """

    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_supports",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default="online")
    name = models.CharField(_("name"), max_length=150, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    name_key = models.CharField(_("name, normalised"), max_length=150, blank=True, editable=False)
    same_name_confirmed = models.BooleanField(
        _("another person of the same name as an online supporter"), default=False
    )
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    entered_by = _entered_by()
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            # One support per person and idea: an account once, a person on lists once (the
            # normalised name with the postal code). Rows without either (erased) are counted.
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=Q(user__isnull=False),
                name="support_one_per_user_and_idea",
            ),
            models.UniqueConstraint(
                fields=["idea", "name_key", "postal_code"],
                condition=Q(user__isnull=True) & ~Q(name_key=""),
                name="support_one_per_person_on_lists",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=_CHANNELS), name="support_channel_valid"
            ),
        ]

    def __str__(self):
        return f"{self.idea_id}: {self.user_id or self.channel}"


class CommentQuerySet(AuditedQuerySet):
    def public(self):
        return self.exclude(moderation=Moderation.PENDING)


@personal_data(
    subject="author",
    fields={"author": None, "author_name": None},
    public_text=("text",),
    purposes=["participation_ideas"],
    retention=CONTRIBUTION_RETENTION,
    retention_anchor="created_at",
    on_erasure=erase_comments,
    on_retention="anonymise",
    shown_fields=(
        "process",
        "idea",
        "text",
        "channel",
        "author_name",
        "consent_version",
        "created_at",
        "deleted_at",
        "moderation",
    ),
)
@row_scope(
    staff={
        **_MODERATORS,
        Role.DATA_ENTRY: _TYPED_IN,
    },
    public=where(
        Q(moderation="published", process__status="published")
        & (Q(idea__isnull=True) | Q(idea__moderation="published")),
        _("published by moderation, on a published idea or process"),
    ),
)
class Comment(models.Model):
    """A comment on an idea, or on the process itself when ``idea`` is empty.

    One level of replies: ``parent`` is a top-level comment of the same idea/process (checked by
    a trigger, migration 0004). A deleted comment keeps its place in the thread, its text is
    replaced (``deleted_at`` set).
    """

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="comments"
    )
    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_comments",
    )
    author_name = models.CharField(_("name shown"), max_length=100, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default="online")
    text = models.TextField(_("comment"), max_length=2000)
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    entered_by = _entered_by()
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation, default=Moderation.PUBLISHED
    )
    moderation_reason = models.TextField(_("moderation reason"), max_length=1000, blank=True)
    redaction = models.CharField(
        _("redaction"), max_length=10, choices=Redaction, default=Redaction.NONE, blank=True
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=_CHANNELS), name="comment_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(moderation__in=_MODERATION), name="comment_moderation_valid"
            ),
            models.CheckConstraint(
                condition=Q(redaction__in=_REDACTION), name="comment_redaction_valid"
            ),
            models.CheckConstraint(
                condition=~Q(moderation="hidden") | ~Q(moderation_reason=""),
                name="comment_hidden_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="comment_not_its_own_parent"
            ),
            # Online comments come from an account; the other channels were typed in by a clerk.
            models.CheckConstraint(
                condition=~Q(channel="online") | Q(entered_by__isnull=True),
                name="comment_online_not_transcribed",
            ),
        ]
        indexes = [
            models.Index(fields=["idea", "moderation", "created_at"]),
            models.Index(fields=["process", "idea", "created_at"]),
        ]

    def __str__(self):
        return f"{self.pk}: {self.text[:40]}"

    def get_absolute_url(self):
        if self.idea_id:
            url = reverse("ideas:idea", kwargs={"slug": self.process.slug, "pk": self.idea_id})
        else:
            url = reverse("ideas:process_comments", kwargs={"slug": self.process.slug})
        return f"{url}#kommentar-{self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.moderation == Moderation.HIDDEN


class ReportReason(models.TextChoices):
    SPAM = "spam", _("spam or advertising")
    INSULT = "insult", _("insult or harassment")
    DISCRIMINATION = "discrimination", _("discrimination or hate")
    PERSONAL_DATA = "personal_data", _("personal data of others")
    OFF_TOPIC = "off_topic", _("off topic")
    OTHER = "other", _("other")


@personal_data(
    subject="reporter",
    # The details are the reporter's own words (they may name themselves).
    fields={"reporter": None, "details": None},
    purposes=["participation_ideas"],
    retention=MODERATION_RETENTION,
    retention_anchor="created_at",
    shown_fields=("idea", "comment", "reason", "details", "created_at"),
)
@row_scope(staff=_MODERATORS)
class Report(models.Model):
    """A resident's report of abusive content (an idea or a comment), with a reason."""

    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(idea__isnull=False, comment__isnull=True)
                | Q(idea__isnull=True, comment__isnull=False),
                name="report_targets_idea_or_comment",
            ),
            models.CheckConstraint(
                condition=Q(reason__in=[choice.value for choice in ReportReason]),
                name="report_reason_valid",
            ),
            models.UniqueConstraint(
                fields=["idea", "reporter"],
                condition=Q(idea__isnull=False, reporter__isnull=False, handled_at__isnull=True),
                name="report_one_open_per_reporter_and_idea",
            ),
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=Q(comment__isnull=False, reporter__isnull=False, handled_at__isnull=True),
                name="report_one_open_per_reporter_and_comment",
            ),
        ]
        indexes = [models.Index(fields=["handled_at", "created_at"])]

    def __str__(self):
        target = f"idea {self.idea_id}" if self.idea_id else f"comment {self.comment_id}"
        return f"{self.get_reason_display()}: {target}"


@personal_data(
    subject="user",
    fields={"reason": None},
    purposes=["participation_ideas"],
    retention=MODERATION_RETENTION,
    retention_anchor="created_at",
    on_erasure="delete",
    shown_fields=("process", "reason", "created_at", "lifted_at"),
)
@row_scope(staff=_MODERATORS)
class UserBlock(models.Model):
    """A resident blocked from contributing, in one process or (``process`` empty) everywhere."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="participation_blocks",
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="user_blocks",
        help_text=_("Empty: blocked in every process."),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("blocked account")
        verbose_name_plural = _("blocked accounts")

    def __str__(self):
        return f"{self.user_id} ({self.process_id or '*'})"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


@personal_data(
    subject="affected_user",
    fields={"affected_user": None, "note_to_author": None},
    purposes=["participation_ideas"],
    retention=CONTRIBUTION_RETENTION,
    retention_anchor="decided_at",
    shown_fields=("action", "reason", "note_to_author", "decided_at"),
)
@row_scope(staff=_MODERATORS)
class ModerationDecision(models.Model):
    """One moderation decision, kept as a log: approve, hide, restore, block, note to the author."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("approved")
        HIDE = "hide", _("hidden")
        RESTORE = "restore", _("restored")
        BLOCK = "block", _("account blocked")
        UNBLOCK = "unblock", _("block lifted")
        NOTE = "note", _("note to the author")
        DISMISS = "dismiss", _("reports dismissed")

    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="moderation_decisions",
    )
    idea = models.ForeignKey(
        Idea,
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_decisions",
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="moderation_decisions",
    )
    affected_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("decision"), max_length=10, choices=Action)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    note_to_author = models.TextField(_("note to the author"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    # Its note to the author in the outbox: deleted with it.
    emails = GenericRelation(
        "messaging.OutgoingEmail", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    action__in=["approve", "hide", "restore", "block", "unblock", "note", "dismiss"]
                ),
                name="moderationdecision_action_valid",
            ),
        ]
        indexes = [models.Index(fields=["process", "-decided_at"])]

    def __str__(self):
        return f"{self.get_action_display()} ({self.decided_at:%d.%m.%Y %H:%M})"

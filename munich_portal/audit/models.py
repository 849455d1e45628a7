"""The audit trail's tables: the data-use log, its anchors and the pseudonym link.

- :class:`DataUseEvent` — one row per use of one resident's data (or a batch of uses). Append-only:
  triggers (migration 0002) refuse UPDATE, DELETE and TRUNCATE; each row's ``hash`` covers its
  content and the previous row's hash (:mod:`munich_portal.audit.chain`). Rows hold no personal
  data: residents appear only as ``subject_pseudonym``, staff as ``actor_pseudonym``.
- :class:`SubjectPseudonym` — the only link from a user id to their pseudonym; erasure deletes it.
  No table remembers erased users: a pseudonym is made only for an existing, not anonymised user.
- :class:`SubjectUseCount` — the number of events per subject pseudonym, kept by a trigger on the
  log (migration 0006) for Meine Daten; read-only to the application.
- :class:`PendingUse` — events written outside a transaction wait here, for a moment, until the
  holder of the chain lock chains them (:func:`munich_portal.audit.chain.chain_pending`).
- :class:`AuditAnchor` — the chain head recorded daily (``manage.py audit_anchor``); append-only.

Write events only through :mod:`munich_portal.audit.actions` (``record_use`` and friends).
"""

import json
import uuid
from typing import Any

from django.contrib.postgres.indexes import BrinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, row_scope


class CanonicalJSONField(models.TextField):
    """JSON kept as its canonical text (sorted keys, no spaces), exactly the bytes the hash covers.

    Unlike ``jsonb``, which re-formats on output, the stored text can be put into the canonical
    form of an event verbatim (see chain.py). Reads return the decoded value.
    """

    # For django-stubs: any JSON value is written and read (not the str of a TextField).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        if isinstance(value, str):
            return json.loads(value)
        return value

    def get_prep_value(self, value):
        from munich_portal.audit.chain import canonical_details

        return canonical_details(value)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class SubjectPseudonym(models.Model):
    """The link between a user and the pseudonym their data-use events carry."""

    # A plain integer, not a foreign key: the link is deleted on erasure before or regardless of
    # the user row, and must never cascade or keep the user alive.
    user_id = models.BigIntegerField(_("user id"), unique=True)
    pseudonym = models.UUIDField(_("pseudonym"), unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subject pseudonym")
        verbose_name_plural = _("subject pseudonyms")
        default_permissions = ("view",)

    def __str__(self):
        return str(self.pseudonym)


class SubjectUseCount(models.Model):
    """How many events of the log carry one subject pseudonym: Meine Daten's number of uses.

    Kept by the database, not by the application: a trigger on the log (migration 0006) adds one
    for every event with a subject as it is inserted, in the inserting transaction (under the
    chain lock, so counts follow the log's order). The application's role may only read it
    (``db_roles.COUNTED_TABLES``); the trigger's function runs with its owner's rights. Without
    it, the overview counted every use of the resident's data on each visit, and each visit is a
    use: the page grew slower the more it was read. Like the events, a count outlives the
    pseudonym link (erasure deletes the link): it says no more than the nameless events do.
    """

    pseudonym = models.UUIDField(_("data subject (pseudonym)"), primary_key=True)
    uses = models.BigIntegerField(_("uses"))

    class Meta:
        verbose_name = _("number of uses")
        verbose_name_plural = _("numbers of uses")
        default_permissions = ()
        constraints = [
            models.CheckConstraint(condition=Q(uses__gte=1), name="audit_use_count_positive")
        ]

    def __str__(self):
        return f"{self.pseudonym}: {self.uses}"


_TOKEN_COLUMNS = ("action", "actor_pseudonym", "channel", "prev_hash", "purpose", "record_type",
                  "request_id", "hash")  # fmt: skip
_TEXT_COLUMNS = ("actor_department", "actor_role", "case_number", "legal_basis", "record_id")


class EventQuerySet(models.QuerySet):
    """The log is append-only; the database refuses changes anyway, this says so earlier."""

    def update(self, **kwargs):
        raise TypeError("Data-use events cannot be changed: the log is append-only.")

    def delete(self):
        raise TypeError("Data-use events cannot be deleted: the log is append-only.")

    def bulk_update(self, *args, **kwargs):
        raise TypeError("Data-use events cannot be changed: the log is append-only.")


@row_scope(staff={Role.DATA_PROTECTION: EVERYTHING})
class DataUseEvent(models.Model):
    """One use of personal data: who, when, whose, which record, what, why, how."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        LIST = "list", _("shown in a list")
        SEARCH = "search", _("found in a search")
        EXPORT = "export", _("exported")
        PRINT = "print", _("printed")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        ANONYMISE = "anonymise", _("anonymised")
        SEND = "send", _("sent")

    class Via(models.TextChoices):
        """The path a use of personal data took (not how a request reached the city: that is
        ``munich_portal.core.channels.Channel``); stored in the column ``channel``."""

        WEB = "web", _("portal")
        ADMIN = "admin", _("staff area")
        SYSTEM = "system", _("automatic")
        PAPER = "paper", _("paper form")
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")
        LETTER = "letter", _("letter")

    # Gap-free, assigned under the chain lock (see chain.append_events); the primary key.
    seq = models.BigIntegerField(_("sequence number"), primary_key=True)
    occurred_at = models.DateTimeField(_("time"))
    actor_pseudonym = models.CharField(_("actor (pseudonym)"), max_length=40)
    actor_role = models.CharField(_("actor's role"), max_length=200, blank=True)
    actor_department = models.CharField(_("actor's department"), max_length=100, blank=True)
    subject_pseudonym = models.UUIDField(_("data subject (pseudonym)"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    record_type = models.CharField(_("record type"), max_length=100, blank=True)
    record_id = models.CharField(_("record id"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose"), max_length=64)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    case_number = models.CharField(_("case number"), max_length=64, blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Via.choices)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # The seq of the batch event this event belongs to; a plain integer (no constraint to keep).
    batch = models.BigIntegerField(_("batch event"), null=True, blank=True)
    details = CanonicalJSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = EventQuerySet.as_manager()

    # Set on the events of a batch before they are written (chain.append_events); not a column.
    _batch_parent: "DataUseEvent | None"

    class Meta:
        verbose_name = _("data-use event")
        verbose_name_plural = _("data-use events")
        default_permissions = ("view",)
        indexes = [
            # Meine Daten: one resident's events, newest first.
            models.Index(
                fields=["subject_pseudonym", "-occurred_at"],
                name="audit_event_subject_time",
                condition=Q(subject_pseudonym__isnull=False),
            ),
            models.Index(fields=["actor_pseudonym", "occurred_at"], name="audit_event_actor_time"),
            models.Index(fields=["record_type", "record_id"], name="audit_event_record"),
            models.Index(
                fields=["batch"], name="audit_event_batch", condition=Q(batch__isnull=False)
            ),
            # Time ranges over an append-only table: a BRIN index is tiny and enough.
            BrinIndex(fields=["occurred_at"], name="audit_event_time_brin"),
        ]
        # The canonical form quotes these values without escaping (chain._canonical_sql).
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    **{f"{name}__regex": r"^[A-Za-z0-9_.:@+-]*$" for name in _TOKEN_COLUMNS}
                ),
                name="audit_event_tokens",
            ),
            models.CheckConstraint(
                condition=Q(**{f"{name}__regex": r'^[^"\\\x01-\x1f]*$' for name in _TEXT_COLUMNS}),
                name="audit_event_plain_text",
            ),
        ]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.record_type} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        raise TypeError("Write data-use events with munich_portal.audit.actions.record_use().")

    def delete(self, *args, **kwargs):
        raise TypeError("Data-use events cannot be deleted: the log is append-only.")

    @property
    def purpose_title(self) -> str:
        """The purpose in plain words (the code itself when the register no longer has it)."""
        from munich_portal.audit import purposes

        try:
            return str(purposes.get(self.purpose).title)
        except purposes.UnknownPurpose:
            return self.purpose

    @property
    def record_verbose_name(self) -> str:
        from django.apps import apps

        try:
            return str(apps.get_model(self.record_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.record_type

    @property
    def is_batch(self) -> bool:
        return self.subject_pseudonym is None and "hit_count" in self.details


@row_scope(staff={Role.DATA_PROTECTION: EVERYTHING})
class PendingUse(models.Model):
    """A data-use event written but not yet chained: the queue of :func:`chain.append_events`.

    Writers outside a transaction commit their events here (many at once share one flush to disk)
    and the holder of the chain lock moves every queued row into the log in ``id`` order
    (:func:`chain.chain_pending`): deleted here and chained there in one transaction. Rows wait
    only while the chain lock is busy; none is ever changed. The columns are the event's content
    without ``seq``, ``batch``, ``prev_hash`` and ``hash``, checked as for the log.
    """

    occurred_at = models.DateTimeField(_("time"))
    actor_pseudonym = models.CharField(_("actor (pseudonym)"), max_length=40)
    actor_role = models.CharField(_("actor's role"), max_length=200, blank=True)
    actor_department = models.CharField(_("actor's department"), max_length=100, blank=True)
    subject_pseudonym = models.UUIDField(_("data subject (pseudonym)"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16)
    record_type = models.CharField(_("record type"), max_length=100, blank=True)
    record_id = models.CharField(_("record id"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose"), max_length=64)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    case_number = models.CharField(_("case number"), max_length=64, blank=True)
    channel = models.CharField(_("channel"), max_length=16)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    details = CanonicalJSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("queued data-use event")
        verbose_name_plural = _("queued data-use events")
        default_permissions = ("view",)

    def __str__(self):
        return f"queued #{self.pk} {self.action} {self.record_type}"


@row_scope(staff={Role.DATA_PROTECTION: EVERYTHING})
class AuditAnchor(models.Model):
    """The chain head at one moment; compare with copies kept outside the database."""

    created_at = models.DateTimeField(_("created"))
    seq = models.BigIntegerField(_("sequence number"))
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("audit anchor")
        verbose_name_plural = _("audit anchors")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} seq={self.seq} hash={self.hash}"


# The declarations of models of other apps (the user, allauth, the admin) — after this app's own
# models, while the app registry is still loading, so their historical models join this app.
from munich_portal.audit import declarations  # noqa: E402, F401

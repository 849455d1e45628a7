"""Writes of the audit trail: data-use events, tracked bulk writes, erasure, retention, anchors.

Data-use events (one per resident per use; see :class:`munich_portal.audit.models.DataUseEvent`)

- :func:`record_use` — one use of one resident's data;
- :func:`record_batch_use` — a mass use (a list, a search, an export): one batch event with the
  criteria and the hit count, plus one event per resident affected, in one transaction;
- :func:`record_system_send` — the system sent something to a resident (e-mail, letter).

Actor, purpose, case number, channel and request id default to the processing context
(:mod:`munich_portal.audit.context`); the acting staff member's department (its code) to the one
they act for (``context.acting_department``: their only department, or the one chosen with the
purpose of work). The purpose must be a code of the register
(:mod:`munich_portal.audit.purposes`); without one in the call or the context, a resident reading
their own data counts as ``data_subject_rights`` and a record whose model has exactly one declared
purpose takes that one, otherwise :class:`MissingPurpose` is raised. Nothing personal goes into
``details`` or ``criteria``: pass counts and codes, and
:func:`munich_portal.audit.pseudonyms.commit` of search terms.

Tracked bulk writes on declared models (plain ``update()``/``bulk_*`` raise, see ``guard``)

- :func:`update_with_history`, :func:`bulk_create_with_history`, :func:`bulk_update_with_history`.

Erasure, retention, anchors

- :func:`erase_subject` — anonymise (or delete) everything declared about a user, their history
  rows, sessions and admin-log mentions; log it; destroy the pseudonym link last;
- :func:`enforce_retention` — the same for rows past their declared retention period;
- :func:`create_anchor` — record the verified chain head (in the database and optionally a file);
- :func:`pseudonym_for` — a user's pseudonym (created on first use).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from simple_history import utils as history_utils

from munich_portal.audit import purposes as purpose_register
from munich_portal.audit.anchor_signing import sign_line
from munich_portal.audit.chain import (
    Anchor,
    VerificationResult,
    append_events,
    canonical_details,
    chain_head,
    check_token,
    format_time,
    plain_text,
    verify_chain,
)
from munich_portal.audit.context import SYSTEM, current_context, processing_context
from munich_portal.audit.guard import allow_untracked_writes
from munich_portal.audit.models import (
    AuditAnchor,
    DataUseEvent,
    SubjectPseudonym,
)
from munich_portal.audit.pseudonyms import actor_pseudonym
from munich_portal.audit.registry import (
    ANONYMISE,
    DELETE,
    KEEP,
    Declaration,
    Erasure,
    declaration_for,
    declarations,
    task_arguments,
)

__all__ = [
    "ChainBroken",
    "ErasureReason",
    "ErasureReport",
    "MissingPurpose",
    "ReapplyResult",
    "RetentionResult",
    "bulk_create_with_history",
    "bulk_update_with_history",
    "create_anchor",
    "enforce_retention",
    "erase_records",
    "erase_subject",
    "forget_history",
    "pseudonym_for",
    "pseudonyms_for",
    "reapply_erasures",
    "record_batch_use",
    "record_system_send",
    "record_use",
    "update_with_history",
]

Action = DataUseEvent.Action
Via = DataUseEvent.Via
_UNSET: Any = object()
# Per-resident events of a batch list at most this many record ids (and always the count).
_MAX_RECORD_IDS = 100


class MissingPurpose(ValueError):
    """A data-use event without a purpose: choose one (staff: the purpose of work)."""


class ChainBroken(RuntimeError):
    def __init__(self, result: VerificationResult):
        super().__init__(result.message)
        self.result = result


# --- Pseudonyms -----------------------------------------------------------------------------------


def _user_id(user) -> int:
    user_id = user if isinstance(user, int) else getattr(user, "pk", None)
    if user_id is None:
        raise ValueError("A data subject is a saved user (or a user id).")
    return int(user_id)


_PSEUDONYM_SQL = "SELECT pseudonym FROM audit_subjectpseudonym WHERE user_id = %s"


def pseudonym_for(user, *, create: bool = True) -> uuid.UUID | None:
    """The pseudonym of ``user`` (a user or user id); ``None`` once the user was erased."""
    user_id = _user_id(user)
    # Every logged use asks this: one plain statement for the usual case, the pseudonym exists
    # (the ORM's query building cost more than the database's answer).
    with connection.cursor() as cursor:
        cursor.execute(_PSEUDONYM_SQL, [user_id])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    return pseudonyms_for([user_id], create=create).get(user_id)


def _users_with_data(user_ids: set[int]) -> set[int]:
    """Those of ``user_ids`` whose user row exists and is not anonymised.

    No table remembers erased users (it would keep their id): an erased user's row is either
    gone (account deleted) or anonymised, and neither gets a pseudonym again.
    """
    user_model = get_user_model()
    users = user_model._base_manager.filter(pk__in=user_ids)
    declaration = declaration_for(user_model)
    still_personal = declaration.not_yet_anonymised_q() if declaration is not None else None
    if still_personal is not None:
        users = users.filter(still_personal)
    return set(users.values_list("pk", flat=True))


def pseudonyms_for(user_ids: Iterable[int], *, create: bool = True) -> dict[int, uuid.UUID]:
    """Pseudonyms of many users at once (erased and unknown users are left out)."""
    wanted = {int(user_id) for user_id in user_ids}
    found: dict[int, uuid.UUID] = {}
    ids = sorted(wanted)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        found.update(
            SubjectPseudonym.objects.filter(user_id__in=chunk).values_list("user_id", "pseudonym")
        )
    missing = wanted - found.keys()
    if missing and create:
        missing = _users_with_data(missing)
        if missing:
            # Another request may create the same user's pseudonym now: its row wins, ours is
            # dropped, and both read the one that was stored.
            SubjectPseudonym.objects.bulk_create(
                [SubjectPseudonym(user_id=user_id) for user_id in missing],
                ignore_conflicts=True,
                batch_size=5000,
            )
            found.update(
                SubjectPseudonym.objects.filter(user_id__in=missing).values_list(
                    "user_id", "pseudonym"
                )
            )
    return found


# --- Data-use events ------------------------------------------------------------------------------


def _actor_roles(actor) -> str:
    cached = getattr(actor, "_audit_roles", None)
    if cached is None:
        names = sorted(actor.groups.values_list("name", flat=True))
        if actor.is_superuser:
            names.insert(0, "superuser")
        cached = ", ".join(names) or "staff"
        with contextlib.suppress(AttributeError):  # objects without a __dict__
            actor._audit_roles = cached
    return cached[:200]


def _actor_department(actor) -> str:
    department = getattr(actor, "department", None)
    if department is None:
        return ""
    return str(getattr(department, "code", department))[:100]


def _actor_fields(actor, subject_id: int | None, department: str) -> tuple[str, str, str]:
    """``(actor_pseudonym, actor_role, actor_department)`` — never a name."""
    if actor is None or isinstance(actor, str):
        return ("system", "system", department)
    if not getattr(actor, "is_authenticated", False):
        return ("anonymous", "anonymous", "")
    if subject_id is not None and actor.pk == subject_id:
        return ("self", "resident", "")
    if actor.is_staff or actor.is_superuser:
        return (actor_pseudonym(actor), _actor_roles(actor), department or _actor_department(actor))
    return (actor_pseudonym(actor, prefix="user"), "resident", "")


def _resolve_purpose(purpose, declaration, actor, subject_id) -> str:
    code = purpose or current_context().purpose
    if not code:
        is_self = (
            actor is not None
            and not isinstance(actor, str)
            and getattr(actor, "is_authenticated", False)
            and actor.pk == subject_id
        )
        if is_self:
            code = purpose_register.DATA_SUBJECT_RIGHTS.code
        elif declaration is not None and len(declaration.purposes) == 1:
            code = declaration.purposes[0]
        else:
            raise MissingPurpose(
                "This use of personal data has no purpose: pass purpose=... or open a "
                "processing_context(purpose=...) (staff choose their purpose of work)."
            )
    purpose_register.get(code)
    return code


def _legal_basis(legal_basis, code, declaration) -> str:
    if legal_basis:
        return legal_basis
    if (
        declaration is not None
        and declaration.legal_basis_override
        and code in declaration.purposes
    ):
        return declaration.legal_basis_override
    return purpose_register.get(code).legal_basis


def _record_reference(record, record_type, record_id):
    declaration = None
    if record is not None:
        declaration = declaration_for(record)
        record_type = record_type or record._meta.label_lower
        record_id = record_id if record_id is not None else record.pk
    elif record_type:
        declaration = declaration_for(record_type)
    return declaration, (record_type or "")[:100], "" if record_id is None else str(record_id)[:64]


def _new_event(
    *,
    action,
    actor,
    subject_id,
    subject_pseudonym,
    record_type,
    record_id,
    purpose,
    legal_basis,
    case_number,
    channel,
    department,
    details,
    occurred_at=None,
) -> DataUseEvent:
    context = current_context()
    actor_id, role, actor_department = _actor_fields(actor, subject_id, department)
    channel = channel or context.channel
    if channel not in Via.values:
        raise ValueError(f"Unknown channel {channel!r}; one of {', '.join(Via.values)}.")
    if action not in Action.values:
        raise ValueError(f"Unknown action {action!r}; one of {', '.join(Action.values)}.")
    canonical_details(details)  # refuses values the hash could not reproduce
    case_number = case_number if case_number is not None else context.case_number
    # Codes are checked, free text made plain: see chain.TOKEN_COLUMNS and chain.TEXT_COLUMNS.
    return DataUseEvent(
        occurred_at=occurred_at,
        actor_pseudonym=check_token("actor_pseudonym", actor_id),
        actor_role=plain_text(role)[:200],
        actor_department=plain_text(actor_department)[:100],
        subject_pseudonym=subject_pseudonym,
        action=action,
        record_type=check_token("record_type", record_type),
        record_id=plain_text(record_id)[:64],
        purpose=check_token("purpose", purpose),
        legal_basis=plain_text(legal_basis)[:255],
        case_number=plain_text(case_number)[:64],
        channel=channel,
        request_id=check_token("request_id", context.request_id[:64]),
        details=details or {},
    )


def record_use(
    *,
    action: str,
    subject,
    record: models.Model | None = None,
    record_type: str | None = None,
    record_id: Any = None,
    purpose: str | None = None,
    legal_basis: str | None = None,
    case_number: str | None = None,
    channel: str | None = None,
    department: str | None = None,
    details: dict | None = None,
    actor: Any = _UNSET,
    occurred_at: datetime | None = None,
    durable: bool = True,
) -> DataUseEvent:
    """Log one use of ``subject``'s data (``subject``: a user or user id) and return the event.

    ``record`` (a model instance) or ``record_type``/``record_id`` name what was used;
    ``occurred_at`` only for uses logged after the fact (a paper form entered later).
    Inside a transaction the event is chained there; outside one it goes through the queue
    (``chain.append_events``: the event is in the log when this returns, but ``seq`` and
    ``hash`` are not set on the returned object). ``durable=False`` (outside a transaction) does
    not wait for the disk: only for a resident's views of their own data (docs/decisions.md).
    """
    subject_id = _user_id(subject)
    actor = current_context().actor if actor is _UNSET else actor
    declaration, record_type, record_id = _record_reference(record, record_type, record_id)
    code = _resolve_purpose(purpose, declaration, actor, subject_id)
    event = _new_event(
        action=action,
        actor=actor,
        subject_id=subject_id,
        subject_pseudonym=pseudonym_for(subject_id),
        record_type=record_type,
        record_id=record_id,
        purpose=code,
        legal_basis=_legal_basis(legal_basis, code, declaration),
        case_number=case_number,
        channel=channel,
        department=department or current_context().department_for(actor),
        details=details,
        occurred_at=occurred_at,
    )
    append_events([event], durable=durable)
    return event


def _group_records(
    records: Iterable[models.Model] | models.QuerySet,
) -> tuple[Declaration | None, dict[int, list], int]:
    rows: models.QuerySet
    if isinstance(records, models.QuerySet):
        model = records.model
        rows = records
    else:
        listed = list(records)
        if not listed:
            return None, {}, 0
        model = type(listed[0])
        rows = model._base_manager.filter(pk__in=[row.pk for row in listed])
    declaration = declaration_for(model)
    subject_path = declaration.subject_id_path() if declaration is not None else None
    if declaration is None or subject_path is None:
        raise ValueError(
            f"{model._meta.label} is not declared with a subject path; pass subjects= instead."
        )
    groups: dict[int, list] = {}
    hits = 0
    for pk, subject_id in rows.values_list("pk", subject_path).iterator(5000):
        hits += 1
        if subject_id is not None:
            groups.setdefault(subject_id, []).append(pk)
    return declaration, groups, hits


def record_batch_use(
    *,
    action: str,
    criteria: dict,
    subjects: Iterable | None = None,
    records: Iterable[models.Model] | models.QuerySet | None = None,
    record_type: str | None = None,
    purpose: str | None = None,
    legal_basis: str | None = None,
    case_number: str | None = None,
    channel: str | None = None,
    department: str | None = None,
    actor: Any = _UNSET,
) -> DataUseEvent:
    """Log a mass use: one batch event with ``criteria`` and the hit count, one event per resident.

    Give ``records`` (rows or a queryset of one declared model; each resident's event names their
    record ids) or ``subjects`` (users or user ids). Returns the batch event; the residents' events
    carry its ``seq`` as ``batch``.
    """
    if (subjects is None) == (records is None):
        raise TypeError("Pass either subjects or records.")
    if records is not None:
        declaration, groups, hits = _group_records(records)
        if declaration is not None:
            record_type = record_type or declaration.label
    else:
        assert subjects is not None  # exactly one of subjects and records, checked above
        declaration = declaration_for(record_type) if record_type else None
        groups = {_user_id(subject): [] for subject in subjects}
        hits = len(groups)
    return _write_batch(
        action=action,
        criteria=criteria,
        groups=groups,
        hits=hits,
        declaration=declaration,
        record_type=record_type or "",
        purpose=purpose,
        legal_basis=legal_basis,
        case_number=case_number,
        channel=channel,
        department=department,
        actor=current_context().actor if actor is _UNSET else actor,
    )


def _write_batch(
    *,
    action,
    criteria,
    groups: dict[int, list],
    hits: int,
    declaration,
    record_type,
    purpose,
    legal_basis,
    case_number,
    channel,
    department,
    actor,
) -> DataUseEvent:
    code = _resolve_purpose(purpose, declaration, actor, None)
    basis = _legal_basis(legal_basis, code, declaration)
    department = department or current_context().department_for(actor)
    common = {
        "action": action,
        "actor": actor,
        "record_type": record_type[:100],
        "purpose": code,
        "legal_basis": basis,
        "case_number": case_number,
        "channel": channel,
        "department": department,
    }
    with transaction.atomic():
        pseudonyms = pseudonyms_for(groups)
        batch = _new_event(
            subject_id=None,
            subject_pseudonym=None,
            record_id="",
            details={"criteria": criteria or {}, "hit_count": hits, "subjects": len(groups)},
            **common,
        )
        events = [batch]
        for subject_id, record_ids in groups.items():
            details = {}
            record_id = ""
            if len(record_ids) == 1:
                record_id = str(record_ids[0])
            elif record_ids:
                details = {
                    "record_count": len(record_ids),
                    "record_ids": [str(pk) for pk in record_ids[:_MAX_RECORD_IDS]],
                }
            event = _new_event(
                subject_id=subject_id,
                subject_pseudonym=pseudonyms.get(subject_id),
                record_id=record_id,
                details=details,
                **common,
            )
            event._batch_parent = batch
            events.append(event)
        append_events(events)
    return batch


def record_system_send(
    *,
    subject,
    purpose: str,
    record: models.Model | None = None,
    record_type: str | None = None,
    record_id: Any = None,
    channel: str = Via.EMAIL,
    details: dict | None = None,
) -> DataUseEvent:
    """Log that the system sent ``subject`` something (an e-mail, a printed letter)."""
    return record_use(
        action=Action.SEND,
        subject=subject,
        record=record,
        record_type=record_type,
        record_id=record_id,
        purpose=purpose,
        channel=channel,
        details=details,
        actor=SYSTEM,
    )


# --- Tracked bulk writes --------------------------------------------------------------------------


def _history_defaults(reason):
    context = current_context()
    actor = context.actor
    user = (
        actor if getattr(actor, "is_authenticated", False) and not isinstance(actor, str) else None
    )
    return {"default_user": user, "default_change_reason": reason or context.reason or None}


def update_with_history(queryset: models.QuerySet, *, reason: str | None = None, **values) -> int:
    """``queryset.update(**values)`` that writes a history row for every changed row.

    Values are plain values (no ``F()`` expressions): rows are loaded, changed and saved in bulk.
    """
    for name, value in values.items():
        if hasattr(value, "resolve_expression"):
            raise TypeError(f"update_with_history takes plain values; {name} is an expression.")
    model = queryset.model
    field_names = [model._meta.get_field(name).name for name in values]
    updated = 0
    with transaction.atomic():
        pks = list(queryset.select_for_update().values_list("pk", flat=True))
        for start in range(0, len(pks), 1000):
            objs = list(model._base_manager.filter(pk__in=pks[start : start + 1000]))
            for obj in objs:
                for name, value in values.items():
                    setattr(obj, name, value)
            updated += bulk_update_with_history(objs, field_names, model=model, reason=reason)
    return updated


def bulk_create_with_history(
    objs: list, *, model=None, reason: str | None = None, batch_size: int | None = None
) -> list:
    """``bulk_create`` plus a creation history row for every object (one transaction)."""
    objs = list(objs)
    if not objs:
        return objs
    model = model or type(objs[0])
    with allow_untracked_writes():
        return history_utils.bulk_create_with_history(
            objs, model, batch_size=batch_size, **_history_defaults(reason)
        )


def bulk_update_with_history(
    objs: list, fields: list[str], *, model=None, reason: str | None = None, batch_size=None
) -> int:
    """``bulk_update`` plus a change history row for every object (one transaction)."""
    objs = list(objs)
    if not objs:
        return 0
    model = model or type(objs[0])
    with allow_untracked_writes():
        return history_utils.bulk_update_with_history(
            objs,
            model,
            list(fields),
            batch_size=batch_size,
            manager=model._default_manager,
            **_history_defaults(reason),
        )


# --- Erasure --------------------------------------------------------------------------------------


class ErasureReason(models.TextChoices):
    ACCOUNT_DELETED = "account_deleted", "account deleted by its owner"
    REQUEST = "request", "erasure request (Art. 17 GDPR)"
    RETENTION = "retention", "retention period ended"


#: The change reason of history rows that erasure and retention write.
ERASURE_CHANGE_REASON = "erasure"


@dataclass
class ErasureReport:
    """What an erasure did: per declaration label the number of rows, sessions, its events.

    ``user_id`` is ``None`` for :func:`erase_records` (rows of no account); ``event`` is the
    ``anonymise`` event of :func:`erase_subject`, ``events`` every event the erasure logged.
    """

    user_id: int | None
    records: dict[str, int] = field(default_factory=dict)
    sessions: int = 0
    event: DataUseEvent | None = None
    events: list[DataUseEvent] = field(default_factory=list)


def _anonymise_rows(declaration: Declaration, rows: list, *, reason: str) -> None:
    """Overwrite the personal fields of ``rows`` and write their history rows."""
    if not rows:
        return
    model = declaration.model
    update_fields: list[str] = []
    for row in rows:
        values = declaration.anonymised_values(row.pk)
        for attname, value in values.items():
            setattr(row, attname, value)
        update_fields = [model._meta.get_field(attname).name for attname in values]
    if declaration.history_enabled:
        bulk_update_with_history(rows, update_fields, model=model, reason=reason)
    else:
        with allow_untracked_writes():
            model._base_manager.bulk_update(rows, update_fields)


def _delete_rows(declaration: Declaration, pks: list) -> None:
    # Row by row (Django's collector does so for models with signal receivers): simple-history
    # writes a deletion row for each, with the context's change reason.
    declaration.model._base_manager.filter(pk__in=pks).delete()


@dataclass
class _StoredFiles:
    """The stored files of rows about to be erased, found before anything changes."""

    # (model, pk, field name, storage, name) for every FileField value of the rows.
    file_fields: list[tuple[type[models.Model], Any, str, Any, str]] = field(default_factory=list)
    # Deleters from the declarations' ``stored_files`` (files kept outside FileFields).
    deleters: list[Callable[[], Any]] = field(default_factory=list)

    def collect(self, declaration: Declaration, pks: list) -> None:
        model = declaration.model
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not pks or (not names and declaration.stored_files is None):
            return
        for start in range(0, len(pks), 2000):
            for row in model._base_manager.filter(pk__in=pks[start : start + 2000]):
                for name in names:
                    stored = getattr(row, name)
                    if stored:
                        self.file_fields.append((model, row.pk, name, stored.storage, stored.name))
                if declaration.stored_files is not None:
                    self.deleters.extend(declaration.stored_files(row))

    def delete_on_commit(self) -> None:
        """After the erasure commits, delete the files of rows that are gone and of personal file
        fields; a rollback keeps every file (the rows still name them)."""
        surviving: dict[type[models.Model], set] = {}
        for model, pk, name, storage, stored_name in self.file_fields:
            if model not in surviving:
                pks = [entry[1] for entry in self.file_fields if entry[0] is model]
                surviving[model] = set(
                    model._base_manager.filter(pk__in=pks).values_list("pk", flat=True)
                )
            declaration = declaration_for(model)
            personal = declaration is not None and name in declaration.fields
            if pk not in surviving[model] or personal:
                self.deleters.append(partial(storage.delete, stored_name))
        # Each on its own and robust: a file that cannot be deleted (storage down) is logged
        # and leaves the others and the committed erasure alone; the orphan-file jobs retry.
        for deleter in self.deleters:
            transaction.on_commit(deleter, robust=True)


def _anonymise_history(declaration: Declaration, user, pks: list) -> None:
    """Overwrite the personal fields in every history row of ``pks`` (and, by subject, ``user``)."""
    rows = declaration.history_rows_for(user, pks=pks)
    if rows is None or not declaration.fields:
        return
    pk_name = declaration.model._meta.pk.attname
    bulk_values = {}
    row_by_row = {}
    for name, anonymiser in declaration.fields.items():
        attname = declaration.attname(name)
        expression = anonymiser.expression(pk_name)
        if expression is not None:
            bulk_values[attname] = expression
        else:
            row_by_row[attname] = anonymiser
    if bulk_values:
        rows.update(**bulk_values)
    if row_by_row:
        for pk in set(rows.values_list(pk_name, flat=True)):
            rows.filter(**{pk_name: pk}).update(
                **{attname: anonymiser.value(pk) for attname, anonymiser in row_by_row.items()}
            )


def forget_history(model, pks: Iterable) -> None:
    """Overwrite the personal fields in every history row of the rows ``pks`` of the declared
    ``model``, the deletion rows included — for an app that deletes rows itself (expired guest
    registrations): simple-history keeps every version of a deleted row, personal values too."""
    declaration = declaration_for(model)
    if declaration is None:
        raise ValueError(f"{model} is not declared as personal data")
    _anonymise_history(declaration, None, list(pks))


def _text_values(values: Iterable) -> set[str]:
    return {value.strip() for value in values if isinstance(value, str) and value.strip()}


def _collect_personal_values(declaration: Declaration, user, pks: list) -> set[str]:
    if not declaration.fields:
        return set()
    attnames = [declaration.attname(name) for name in declaration.fields]
    found = set()
    for row in declaration.model._base_manager.filter(pk__in=pks).values_list(*attnames):
        found |= _text_values(row)
    history = declaration.history_rows_for(user, pks=pks)
    if history is not None:
        for row in history.values_list(*attnames).distinct():
            found |= _text_values(row)
    return found


def _session_model() -> type[models.Model]:
    return importlib.import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()


def _delete_sessions(user_id: int) -> int:
    """Delete every expired session and the user's sessions that are left.

    The sessions are declared (``accounts.session``, deleted by erasure with the other records),
    and each names its account in a column, so no session needs decoding here."""
    sessions = _session_model()._default_manager
    sessions.filter(expire_date__lte=timezone.now()).delete()
    deleted, _counts = sessions.filter(user_id=user_id).delete()
    return deleted


def _history_models() -> list[type[models.Model]]:
    """Every simple-history model, declared or not (a model may bring its own history)."""
    return [
        model
        for model in apps.get_models()
        if getattr(model, "instance_type", None) is not None
        and any(f.attname == "history_user_id" for f in model._meta.concrete_fields)
    ]


def _has_request_id(history_model) -> bool:
    """Whether the history model has the audit's ``request_id`` column (a model's own foreign key
    named ``request`` takes that attribute name, as in the online requests' messages)."""
    try:
        column = history_model._meta.get_field("request_id")
    except FieldDoesNotExist:
        return False
    return isinstance(column, models.CharField)


def _unlink_history(
    user_id: int | None, request_ids: set[str], found: dict[Declaration, list], user
) -> int:
    """Cut the join paths that history rows keep besides the personal fields; return the rows.

    ``history_user_id`` (who made a change) and every copied reference to the user (applicant,
    author, "answered by") become ``NULL`` wherever they are ``user_id``;
    ``request_id`` is blanked in the history rows of the erased rows and in every history row of
    one of ``request_ids`` (the requests the person's data-use events came from). History rows
    are the history: these updates write none.
    """
    changed = 0
    ids = sorted(request_ids)
    user_model = get_user_model()
    for history_model in _history_models():
        rows = history_model._base_manager.all()
        if user_id is not None:
            changed += rows.filter(history_user_id=user_id).update(history_user_id=None)
            # Copies of the rows' own references to the user (applicant, author, answered by).
            for column in history_model._meta.concrete_fields:
                if column.is_relation and column.related_model is user_model and column.null:
                    changed += rows.filter(**{column.attname: user_id}).update(
                        **{column.attname: None}
                    )
        if not _has_request_id(history_model):
            continue
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            changed += rows.filter(request_id__in=chunk).update(request_id="")
    for declaration, pks in found.items():
        history = declaration.history_rows_for(user, pks=pks)
        if history is not None and _has_request_id(history.model):
            changed += history.exclude(request_id="").update(request_id="")
    return changed


def _delete_task_rows(erasure: Erasure) -> int:
    """Delete background task rows whose first argument is an erased row's primary key."""
    deleted = 0
    for task_path, label in task_arguments().items():
        pks = erasure.records.get(label) or []
        for start in range(0, len(pks), 1000):
            chunk = pks[start : start + 1000]
            deleted += DBTaskResult.objects.filter(
                task_path=task_path, args_kwargs__args__0__in=chunk
            ).delete()[0]
    return deleted


def _delete_cache_entries(user_id: int | None, values: set[str]) -> int:
    """Delete rate-limit entries of the database cache keyed by the user id or by a hash of one
    of the person's values (allauth hashes e-mail addresses with plain SHA-256: a known address
    would find its entry). Other caches hold no rows to dump and expire on their own."""
    cache = caches["default"]
    if not isinstance(cache, DatabaseCache):
        return 0
    patterns = []
    if user_id is not None:
        patterns += [f"%:user:{user_id}", f"%:account:{user_id}"]
    for value in values:
        if "@" in value:
            for form in {value, value.lower()}:
                patterns.append("%" + hashlib.sha256(form.encode("utf8")).hexdigest() + "%")
    if not patterns:
        return 0
    table = connection.ops.quote_name(cache._table)  # type: ignore[attr-defined]  # its table
    deleted = 0
    with connection.cursor() as cursor:
        for start in range(0, len(patterns), 100):
            chunk = patterns[start : start + 100]
            condition = " OR ".join(["cache_key LIKE %s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {condition}", chunk)  # noqa: S608
            deleted += cursor.rowcount
    return deleted


def _erasure_purpose(reason: str) -> str:
    if reason == ErasureReason.RETENTION:
        return purpose_register.RETENTION.code
    return purpose_register.DATA_SUBJECT_RIGHTS.code


def _erase(erasure: Erasure, found: dict[Declaration, list]) -> dict[str, int]:
    """The one path of :func:`erase_subject` and :func:`erase_records`, inside their transaction.

    ``found`` maps every declaration to the primary keys of the rows to erase (collected, with
    ``erasure.records`` and ``erasure.personal_values``, before anything changes). Per declaration
    the hook runs, or the rows are deleted or anonymised, then their history rows are anonymised;
    the rows' stored files are deleted once the transaction commits. Returns the counts.
    """
    files = _StoredFiles()
    for declaration, pks in found.items():
        files.collect(declaration, pks)
    counts: dict[str, int] = {}
    for declaration, pks in found.items():
        if callable(declaration.on_erasure):
            declaration.on_erasure(erasure)
        elif declaration.on_erasure == DELETE:
            _delete_rows(declaration, pks)
        else:
            rows = list(declaration.model._base_manager.filter(pk__in=pks))
            _anonymise_rows(declaration, rows, reason=ERASURE_CHANGE_REASON)
        _anonymise_history(declaration, erasure.user, pks)
        counts[declaration.label] = len(pks)
    _delete_task_rows(erasure)
    user_id = erasure.user.pk if erasure.user is not None else None
    _delete_cache_entries(user_id, erasure.personal_values)
    files.delete_on_commit()
    return counts


def _collect(erasure: Erasure, found: dict[Declaration, list]) -> None:
    for declaration, pks in found.items():
        erasure.records[declaration.label] = pks
        erasure.personal_values |= _collect_personal_values(declaration, erasure.user, pks)


def erase_subject(
    *, user, reason: str, contributions: str = DELETE, journal: bool = True
) -> ErasureReport:
    """Erase the personal data of ``user`` everywhere it is declared, keeping the log verifiable.

    Per declared model: the user's rows are anonymised (a history row with the change reason
    ``erasure`` records it) or deleted, or the model's hook runs; then every history row of those
    rows loses its personal fields too, and the rows' stored files are deleted when the
    transaction commits. The user's sessions are deleted. The user row itself is
    anonymised last and deactivated (no usable password, e-mail ``erased-<id>@invalid`` — the
    address is free for a new sign-up); deleting the row is the caller's choice
    (``accounts.actions.delete_account`` does). Finally an ``anonymise`` event is logged (with
    the pseudonym, without the user id) and the pseudonym link deleted, so the user's events stay
    in the chain but relate to no one.

    ``reason`` is an :class:`ErasureReason` value — a code, never free text (it is logged).
    ``contributions`` (``DELETE`` or ``KEEP``) is the resident's choice for their public
    contributions; hooks read it from :attr:`Erasure.contributions`. The erasure is appended to
    the journal outside the database (``AUDIT_ERASURE_JOURNAL``; not with ``journal=False``, which
    :func:`reapply_erasures` uses), so that it can be applied again to a restored backup.
    """
    if contributions not in (DELETE, KEEP):
        raise ValueError(f"contributions must be {DELETE!r} or {KEEP!r}")
    reason = ErasureReason(reason).value
    purpose = _erasure_purpose(reason)
    user_model = get_user_model()
    user_id = _user_id(user)
    given = user
    with transaction.atomic(), processing_context(purpose=purpose, reason=ERASURE_CHANGE_REASON):
        user = user_model._base_manager.select_for_update().get(pk=user_id)
        # First, while the verified addresses still exist: rows made without logging in.
        guest = erase_guest_records(
            user, reason=reason, contributions=contributions, journal=journal
        )
        erasure = Erasure(user=user, reason=reason, contributions=contributions)
        found = {
            declaration: list(declaration.rows_for(user).values_list("pk", flat=True))
            for declaration in declarations()
        }
        _collect(erasure, found)
        report = ErasureReport(user_id=user_id)
        report.records = _erase(erasure, found)
        report.sessions = report.records.get(_session_model()._meta.label_lower, 0)
        report.sessions += _delete_sessions(user_id)
        pseudonym = pseudonym_for(user_id, create=False)
        request_ids = {current_context().request_id} - {""}
        if pseudonym is not None:
            request_ids |= set(
                DataUseEvent.objects.filter(subject_pseudonym=pseudonym)
                .exclude(request_id="")
                .values_list("request_id", flat=True)
                .distinct()
            )

        # The pseudonym, never the user id: the event must not link the two.
        report.event = record_use(
            action=Action.ANONYMISE,
            subject=user_id,
            record_type="",
            record_id="",
            purpose=purpose,
            details={"reason": reason, "records": {k: v for k, v in report.records.items() if v}},
        )
        report.events = [*guest.events, report.event]
        _unlink_history(user_id, request_ids, found, user)
        # Last: from here on nothing links the person to their events.
        SubjectPseudonym.objects.filter(user_id=user_id).delete()
        if journal:
            _journal({"user": user_id, "reason": reason, "contributions": contributions})
    if isinstance(given, user_model):
        # The caller's instance still holds the old values; saving or deleting it would write
        # them into history again.
        given.refresh_from_db()
    return report


def erase_records(
    records: dict[str, list], *, reason: str, contributions: str = DELETE, journal: bool = True
) -> ErasureReport:
    """Erase specific rows that belong to no account: guest registrations, paper sheets, guest
    bookings, barrier reports sent without an account.

    ``records`` maps declaration labels (``app_label.model_name``) to primary keys; keys of rows
    that no longer exist are skipped, a row that belongs to an account raises ``ValueError`` (use
    :func:`erase_subject` for the account). The rows go the same way as in :func:`erase_subject`:
    anonymised, deleted or handed to the model's hook, their history rows anonymised, their files
    deleted on commit. Hooks run for every declaration, with :attr:`Erasure.user` ``None``: they
    work from :attr:`Erasure.records` (every label, an empty list where nothing is erased).
    Logs one ``anonymise`` event per record type, with no subject and no personal values (the
    reason and the count), and appends the labels and keys to the journal (see
    :func:`erase_subject`).
    """
    if contributions not in (DELETE, KEEP):
        raise ValueError(f"contributions must be {DELETE!r} or {KEEP!r}")
    reason = ErasureReason(reason).value
    purpose = _erasure_purpose(reason)
    wanted: dict[Declaration, list] = {}
    for label, pks in records.items():
        declaration = declaration_for(label)
        if declaration is None:
            raise ValueError(f"{label!r} is not a declared model.")
        wanted[declaration] = list(pks)
    with transaction.atomic(), processing_context(purpose=purpose, reason=ERASURE_CHANGE_REASON):
        found: dict[Declaration, list] = {}
        for declaration in declarations():
            pks = wanted.get(declaration, [])
            rows = declaration.model._base_manager.select_for_update().filter(pk__in=pks)
            found[declaration] = list(rows.values_list("pk", flat=True))
            path = declaration.subject_id_path()
            if found[declaration] and (declaration.is_user_model or callable(declaration.subject)):
                raise ValueError(f"{declaration.label}: rows of accounts; use erase_subject.")
            if found[declaration] and path and rows.filter(**{f"{path}__isnull": False}).exists():
                raise ValueError(
                    f"{declaration.label}: a row belongs to an account; use erase_subject."
                )
        erasure = Erasure(user=None, reason=reason, contributions=contributions)
        _collect(erasure, found)
        report = ErasureReport(user_id=None)
        report.records = _erase(erasure, found)
        _unlink_history(None, set(), found, None)
        context = current_context()
        events = [
            _new_event(
                action=Action.ANONYMISE,
                actor=context.actor,
                subject_id=None,
                subject_pseudonym=None,
                record_type=label,
                record_id="",
                purpose=purpose,
                legal_basis=_legal_basis(None, purpose, declaration_for(label)),
                case_number=None,
                channel=None,
                department=context.department_for(context.actor),
                details={"reason": reason, "record_count": count},
            )
            for label, count in report.records.items()
            if count
        ]
        if events:
            append_events(events)
        report.events = events
        erased = {d.label: [_json_key(pk) for pk in pks] for d, pks in found.items() if pks}
        if journal and erased:
            _journal({"records": erased, "reason": reason, "contributions": contributions})
    return report


def erase_guest_records(
    user, *, reason: str, contributions: str = DELETE, journal: bool = True
) -> ErasureReport:
    """Erase the rows made without an account with one of ``user``'s verified e-mail addresses
    (guest bookings and registrations, barrier reports...; :func:`munich_portal.audit.finders.
    guest_records_for_user`, what Meine Daten shows the user). :func:`erase_subject` calls it
    first; the events name no one, like :func:`erase_records`'."""
    from munich_portal.audit.finders import guest_records_for_user, records_by_label

    records = records_by_label(guest_records_for_user(user), without_account=True)
    if not records:
        return ErasureReport(user_id=None)
    return erase_records(records, reason=reason, contributions=contributions, journal=journal)


def _json_key(pk):
    return pk if isinstance(pk, int) else str(pk)


# --- Erasure journal ------------------------------------------------------------------------------


def _journal(entry: dict) -> None:
    """Append one erasure to the journal outside the database (``AUDIT_ERASURE_JOURNAL``).

    Written at the end of the erasure's transaction, before its commit: an erasure whose commit
    then fails is in the journal and re-applied after a restore (the person asked for it), while
    a committed erasure missing from the journal would bring the person back with the next
    restore. A journal that cannot be written fails the erasure. Ids, reason, choice and time
    only: no names, no addresses.
    """
    path = settings.AUDIT_ERASURE_JOURNAL
    if not path:
        return
    line = json.dumps(
        {"at": format_time(timezone.now()), **entry}, sort_keys=True, separators=(",", ":")
    )
    _append_line(path, line)


@dataclass
class ReapplyResult:
    applied: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def _reapply_subject(entry: dict) -> bool:
    user_id = int(entry["user"])
    user_model = get_user_model()
    if not user_model._base_manager.filter(pk=user_id).exists():
        return False  # deleted before the backup, or never in it
    still_personal = bool(_users_with_data({user_id}))
    delete_row = entry["reason"] == ErasureReason.ACCOUNT_DELETED
    if not still_personal and not delete_row:
        return False
    with transaction.atomic():
        user = user_model._base_manager.get(pk=user_id)
        if still_personal:
            erase_subject(
                user=user,
                reason=entry["reason"],
                contributions=entry.get("contributions", DELETE),
                journal=False,
            )
        if delete_row:
            # As accounts.actions.delete_account does after erase_subject (the row is anonymised).
            user.delete()
    return True


def _reapply_records(entry: dict) -> bool:
    remaining: dict[str, list] = {}
    for label, pks in entry["records"].items():
        declaration = declaration_for(label)
        if declaration is None:
            continue
        rows = declaration.model._base_manager.filter(pk__in=pks)
        still_personal = declaration.not_yet_anonymised_q()
        if declaration.on_erasure == ANONYMISE and still_personal is not None:
            rows = rows.filter(still_personal)
        found = list(rows.values_list("pk", flat=True))
        if found:
            remaining[label] = found
    if not remaining:
        return False
    erase_records(
        remaining,
        reason=entry["reason"],
        contributions=entry.get("contributions", DELETE),
        journal=False,
    )
    return True


def reapply_erasures(lines: Iterable[str]) -> ReapplyResult:
    """Apply the erasures of journal ``lines`` again, after a backup was restored.

    Idempotent: a user whose row is gone, or anonymised (and kept), is skipped, as are rows that
    are gone or already anonymised; an account deletion whose erasure is done but whose row
    is back is deleted again. Run it right after the restore, before the portal takes requests:
    ids handed out after the backup would otherwise be given to new people again. Writes no
    journal lines of its own; logs its erasures like any other (the system as actor).
    """
    result = ReapplyResult()
    with processing_context(actor=SYSTEM, channel=Via.SYSTEM):
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                applied = _reapply_subject(entry) if "user" in entry else _reapply_records(entry)
            except (ValueError, KeyError, TypeError) as error:
                result.problems.append(f"line {number}: {type(error).__name__}: {error}")
                continue
            if applied:
                result.applied += 1
            else:
                result.skipped += 1
    return result


# --- Retention ------------------------------------------------------------------------------------


@dataclass
class RetentionResult:
    label: str
    mode: str
    cutoff: datetime
    count: int
    subjects: int = 0
    batch_event: DataUseEvent | None = None


def _anchor_field(model, path: str):
    target = model
    model_field = None
    for part in path.split("__"):
        model_field = target._meta.get_field(part)
        if model_field.is_relation:
            target = model_field.related_model
    return model_field


def _expired_rows(declaration: Declaration, cutoff: datetime) -> models.QuerySet:
    queryset = declaration.model._base_manager.all()
    anchor = declaration.retention_anchor
    if isinstance(anchor, str):
        anchor_field = _anchor_field(declaration.model, anchor)
        limit: date | datetime = cutoff
        if isinstance(anchor_field, models.DateField) and not isinstance(
            anchor_field, models.DateTimeField
        ):
            limit = timezone.localdate(cutoff)
        queryset = queryset.filter(**{f"{anchor}__lt": limit})
    elif hasattr(anchor, "resolve_expression"):
        queryset = queryset.annotate(_retention_anchor=anchor).filter(_retention_anchor__lt=cutoff)
    else:
        expired = []
        for row in queryset.iterator(chunk_size=2000):
            started = anchor(row)
            if started is None:
                continue
            if isinstance(started, datetime):
                if started < cutoff:
                    expired.append(row.pk)
            elif isinstance(started, date) and started < timezone.localdate(cutoff):
                expired.append(row.pk)
        queryset = declaration.model._base_manager.filter(pk__in=expired)
    if declaration.retention_mode == ANONYMISE:
        still_personal = declaration.not_yet_anonymised_q()
        if still_personal is not None:
            queryset = queryset.filter(still_personal)
    return queryset


def enforce_retention(
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    progress: Callable[[str], Any] | None = None,
    chunk_size: int = 500,
) -> list[RetentionResult]:
    """Delete or anonymise every declared row whose retention period has ended.

    Per model with a retention: rows whose anchor lies before ``now - retention`` are deleted or
    anonymised (the declaration's ``on_retention``; anonymised rows are not found again), their
    history rows anonymised, and one batch event (criteria: model, cutoff, period; hit count) plus
    one event per resident logged, as the system with the purpose ``retention``. ``now`` lets
    tests travel in time; ``progress(label)`` returns a progress display (see ``progress``).
    ``dry_run`` counts only and changes and logs nothing.
    """
    now = now or timezone.now()
    results = []
    for declaration in declarations():
        if declaration.retention is None:
            continue
        cutoff = now - declaration.retention
        mode = declaration.retention_mode
        with transaction.atomic():
            expired = _expired_rows(declaration, cutoff)
            path = declaration.subject_id_path()
            rows = list(
                expired.values_list("pk", path) if path else expired.values_list("pk", "pk")
            )
            result = RetentionResult(declaration.label, mode, cutoff, len(rows))
            results.append(result)
            if dry_run or not rows:
                continue
            groups: dict[int, list] = {}
            if path:
                for pk, subject_id in rows:
                    if subject_id is not None:
                        groups.setdefault(subject_id, []).append(pk)
            result.subjects = len(groups)
            pks = [pk for pk, _subject in rows]
            display = progress(declaration.label) if progress else None
            if display is not None:
                display.start(len(pks))
            with processing_context(
                actor=SYSTEM, purpose="retention", channel="system", reason=ERASURE_CHANGE_REASON
            ):
                for start in range(0, len(pks), chunk_size):
                    chunk = pks[start : start + chunk_size]
                    files = _StoredFiles()
                    files.collect(declaration, chunk)
                    if mode == DELETE:
                        _delete_rows(declaration, chunk)
                    else:
                        locked = list(
                            declaration.model._base_manager.select_for_update().filter(pk__in=chunk)
                        )
                        _anonymise_rows(declaration, locked, reason=ERASURE_CHANGE_REASON)
                    _anonymise_history(declaration, None, chunk)
                    files.delete_on_commit()
                    if display is not None:
                        display.update(len(chunk))
                result.batch_event = _write_batch(
                    action=Action.DELETE if mode == DELETE else Action.ANONYMISE,
                    criteria={
                        "model": declaration.label,
                        "retention_days": declaration.retention.days,
                        "cutoff": format_time(cutoff),
                        "mode": mode,
                    },
                    groups=groups,
                    hits=len(pks),
                    declaration=declaration,
                    record_type=declaration.label,
                    purpose="retention",
                    legal_basis=None,
                    case_number="",
                    channel=Via.SYSTEM,
                    department="",
                    actor=SYSTEM,
                )
            if display is not None:
                display.finish()
    return results


# --- Anchors --------------------------------------------------------------------------------------


def create_anchor(
    *,
    file: str | Path | None = None,
    verify: bool = True,
    progress=None,
    key: bytes | None = None,
) -> tuple[AuditAnchor, str]:
    """Record the chain head as an anchor; return it and its text line.

    With ``verify`` (the default) the chain is verified first from the last anchor onwards (the
    first anchor verifies everything) and only the verified head is anchored; a broken chain raises
    :class:`ChainBroken` and records nothing. ``file`` gets the line appended and synced to disk —
    keep it outside the database server (another machine, write-once storage). With ``key`` (see
    :mod:`munich_portal.audit.anchor_signing`) the line carries its HMAC-SHA256, so that whoever
    can rewrite the database cannot also write a matching line.
    """
    if verify:
        last = AuditAnchor.objects.order_by("-seq", "-pk").first()
        start = Anchor(last.seq, last.hash, f"anchor #{last.pk}") if last else None
        result = verify_chain(start=start, progress=progress)
        if not result.ok:
            raise ChainBroken(result)
        seq, head_hash = result.head_seq, result.head_hash
    else:
        seq, head_hash = chain_head()
    created_at = timezone.now()
    anchor = AuditAnchor.objects.create(created_at=created_at, seq=seq, hash=head_hash)
    line = f"audit-anchor {format_time(created_at)} seq={seq} hash={head_hash}"
    if key is not None:
        line = sign_line(line, key)
    if file is not None:
        _append_line(file, line)
    return anchor, line


def _append_line(file: str | Path, line: str) -> None:
    """Append ``line`` to ``file`` and sync it to disk before returning."""
    with open(file, "a", encoding="utf-8") as stream:
        stream.write(line + "\n")
        stream.flush()
        os.fsync(stream.fileno())

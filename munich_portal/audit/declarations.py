"""Declarations of personal data in models this app does not own: the user, allauth, the admin.

Imported from ``munich_portal.audit.models`` while the app registry loads, so the historical models
of these models belong to the audit app and its migrations. Apps of this project declare their own
models with ``@personal_data`` next to the model (see :mod:`munich_portal.audit.registry`).

The user model is declared here too because the accounts app came before the audit trail; its
history table is ``audit_historicaluser``.
"""

import json
import re
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult

from munich_portal.audit.registry import (
    Erasure,
    blank,
    declare,
    not_personal_data,
    placeholder_email,
)
from munich_portal.core.models import Department, Stadtbezirk, StaffMembership
from munich_portal.core.roles import Role
from munich_portal.core.scopes import EVERYTHING, declare_scope

User = get_user_model()

#: What erased text in the admin's action log is replaced with.
ERASED_TEXT = "[erased]"
# Shorter values (initials, "Li") would match unrelated log entries.
_MIN_SCRUB_LENGTH = 4

declare(
    User,
    subject=".",
    fields={"email": placeholder_email(), "full_name": blank()},
    purposes=["user_account", "resident_support", "staff_administration"],
    # An erased account cannot log in: no usable password ("!" prefix), inactive, no staff rights.
    also_set={
        "is_active": False,
        "is_staff": False,
        "is_superuser": False,
        "password": "!erased",
        "last_login": None,
    },
    shown_fields=("email", "full_name", "date_joined", "last_login"),
    # The password hash is a secret; last_login changes on every login and says little.
    history_exclude=("password", "last_login"),
    history_app_label="audit",
)

declare(
    EmailAddress,
    subject="user",
    fields=["email"],
    purposes=["user_account", "resident_support", "staff_administration"],
    on_erasure="delete",
    shown_fields=("email", "verified", "primary"),
    history_app_label="audit",
    # allauth itself updates e-mail addresses in bulk (setting the primary one).
    guard=False,
)

declare(
    Authenticator,
    subject="user",
    fields=(),
    purposes=["security", "staff_administration"],
    # The row holds the TOTP secret and recovery-code seed: erasure deletes it, history never
    # copies ``data``, and ``last_used_at`` changes on every login.
    on_erasure="delete",
    shown_fields=("type", "created_at", "last_used_at"),
    history_exclude=("data", "last_used_at"),
    history_app_label="audit",
    guard=False,
)


def _scrub(text: str, values: list[str]) -> str:
    for value in values:
        text = re.sub(re.escape(value), ERASED_TEXT, text, flags=re.IGNORECASE)
    return text


def scrub_admin_log(erasure: Erasure) -> int:
    """Remove the subject's data from the admin's action log; return how many entries changed.

    ``object_repr`` is ``str()`` of the changed object (the user's is their e-mail address) and
    ``change_message`` names added or deleted inline objects the same way; both are replaced for
    entries about the subject's records (which also lose the record's id) and wherever they
    contain one of the subject's values. Entries the subject made as a staff member keep their
    (anonymised) user.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    about_records = Q(pk__in=[])
    for label, pks in erasure.records.items():
        if not pks:
            continue
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        about_records |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    # Entries about the records lose the record's id too: it would join the entry (and the staff
    # member who acted) to the data-use events that name the same record.
    about = set(LogEntry.objects.filter(about_records).values_list("pk", flat=True))
    condition = about_records
    values = sorted(
        {value for value in erasure.personal_values if len(value) >= _MIN_SCRUB_LENGTH},
        key=len,
        reverse=True,
    )
    # change_message is JSON with non-ASCII characters escaped ("M\u00fcller").
    search = sorted(
        {*values, *(json.dumps(value)[1:-1] for value in values)}, key=len, reverse=True
    )
    for value in search:
        condition |= Q(object_repr__icontains=value) | Q(change_message__icontains=value)
    changed = 0
    for entry in LogEntry.objects.filter(condition):
        entry.object_repr = ERASED_TEXT
        entry.change_message = _scrub(entry.change_message, search)
        if entry.pk in about:
            entry.object_id = None
        entry.save(update_fields=["object_repr", "change_message", "object_id"])
        changed += 1
    return changed


declare(
    LogEntry,
    subject="user",
    fields=(),
    purposes=["security"],
    retention=timedelta(days=365),
    retention_anchor="action_time",
    on_erasure=scrub_admin_log,
    on_retention="delete",
    # Only what the staff member did, not the other people's records they did it to.
    shown_fields=("action_time", "action_flag", "content_type"),
    # The action log is itself a log: history of it would only duplicate it.
    history=False,
    guard=False,
)

not_personal_data(Stadtbezirk, reason="District numbers and names describe the city, not a person.")
not_personal_data(
    Department,
    reason="Department names and their functional mailboxes (e.g. kvr@muenchen.de) name no person.",
)
not_personal_data(
    DBTaskResult,
    reason="Background tasks (django-tasks-db) carry a task's path and the id of the outbox "
    "message it delivers; the message and its address are in messaging.OutgoingEmail.",
)

# Who may see which rows of these models (munich_portal.core.scopes): user accounts are for
# Administration and the data-protection officer; the others only for the officer, who follows
# up uses through their history.
declare_scope(User, staff={Role.ADMINISTRATION: EVERYTHING, Role.DATA_PROTECTION: EVERYTHING})
declare_scope(EmailAddress, staff={Role.DATA_PROTECTION: EVERYTHING})
declare_scope(Authenticator, staff={Role.DATA_PROTECTION: EVERYTHING})
declare_scope(LogEntry, staff={Role.DATA_PROTECTION: EVERYTHING})
declare_scope(Group, reference=True)
declare_scope(Stadtbezirk, reference=True, public=EVERYTHING)
declare_scope(Department, reference=True, public=EVERYTHING)
declare_scope(
    StaffMembership, staff={Role.ADMINISTRATION: EVERYTHING, Role.DATA_PROTECTION: EVERYTHING}
)

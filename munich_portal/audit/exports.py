"""Meine Daten in plain language, and its downloads: JSON and a readable document (HTML, PDF).

- :func:`describe_events` turns data-use events into what a resident can read: when, what was
  done to which record, by whom (never a staff member's name: "a staff member", their role and
  department), for which purpose and on which legal basis, through which channel.
- :func:`subject_data` collects everything about a resident (records, changes, uses) as
  JSON-ready data; :func:`document_context` the same for the readable document, whose list of uses
  stops at :data:`DOCUMENT_EVENT_LIMIT` (the PDF at :data:`PDF_EVENT_LIMIT`; the JSON has all).
- :func:`render_pdf` renders the document with WeasyPrint.

Only reads: the views log the download (``actions.record_use``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from munich_portal.audit import purposes as purpose_register
from munich_portal.audit.models import DataUseEvent, SubjectPseudonym
from munich_portal.audit.selectors import (
    guest_records_for_subject,
    history_for_subject,
    records_for_subject,
    subject_presence,
)
from munich_portal.audit.values import pairs_of
from munich_portal.core.timezone import MUNICH

__all__ = [
    "DOCUMENT_EVENT_LIMIT",
    "PDF_EVENT_LIMIT",
    "EventDescription",
    "describe_events",
    "document_context",
    "render_pdf",
    "subject_data",
    "subject_json",
]

#: The readable document lists at most this many uses (newest first); the JSON has all of them.
DOCUMENT_EVENT_LIMIT = 1000
#: The PDF fewer: WeasyPrint lays out a thousand table rows in seconds, not milliseconds.
PDF_EVENT_LIMIT = 250


#: What each of the resident's own Meine Daten pages is, by the ``view`` its events record.
_OWN_VIEWS = {
    "meine_daten": gettext_lazy("your data overview (Meine Daten)"),
    "meine_daten_event": gettext_lazy("the details of one use of your data"),
    "meine_daten_records": gettext_lazy("a page of your records (Meine Daten)"),
    "meine_daten_changes": gettext_lazy("the changes to your records (Meine Daten)"),
    "meine_daten_guest_records": gettext_lazy("your records made without logging in (Meine Daten)"),
}


def _what_for_own_view(details: dict) -> str:
    if details.get("format"):
        return _("download of all your data (%(format)s)") % {
            "format": str(details["format"]).upper()
        }
    view = _OWN_VIEWS.get(details.get("view", ""))
    return str(view) if view is not None else _("your data")


def department_names() -> dict[str, str]:
    """Department codes (as events store them) to names in the active language."""
    from munich_portal.core.models import Department

    english = translation.get_language() == "en"
    return {
        code: (name_en if english and name_en else name)
        for code, name, name_en in Department.objects.values_list("code", "name", "name_en")
    }


def _role_text(role: str) -> str:
    parts = [part.strip() for part in role.split(",") if part.strip()]
    return ", ".join(_("system administration") if part == "superuser" else part for part in parts)


def actor_text(event) -> str:
    """Who used the data, without naming a staff member."""
    actor = event.actor_pseudonym
    if actor == "self":
        return _("You")
    if actor == "system":
        return _("The portal, automatically")
    if actor == "anonymous":
        return _("Someone who was not logged in")
    if actor.startswith("user-"):
        return _("Another user of the portal")
    return _("A staff member")


@dataclass
class EventDescription:
    """One use of the resident's data, in words."""

    seq: int
    occurred_at: datetime
    action: str
    action_text: str
    what: str
    record_type: str
    record_id: str
    actor: str
    role: str
    department: str
    purpose: str
    purpose_title: str
    legal_basis: str
    channel: str
    channel_text: str
    case_number: str
    in_batch: bool
    #: What happened in one line: "Thing: action" (worked out once per use by describe_events).
    summary: str = ""
    #: Meine Daten's page of this use (set by the view).
    url: str = ""

    def as_json(self) -> dict:
        return {
            "reference": self.seq,
            "date": self.occurred_at,
            "action": self.action,
            "what_happened": self.summary,
            "record_type": self.record_type,
            "record": self.what,
            "record_id": self.record_id,
            "by": self.actor,
            "role": self.role,
            "department": self.department,
            "purpose": self.purpose,
            "purpose_title": self.purpose_title,
            "legal_basis": self.legal_basis,
            "channel": self.channel_text,
            "case_number": self.case_number,
            "part_of_a_list": self.in_batch,
        }


def describe_events(events, *, departments: dict[str, str] | None = None) -> list[EventDescription]:
    """Plain-language descriptions of ``events`` (one query for the department names).

    Texts are looked up once per distinct record type, own view, purpose, role, actor and
    summary: a page of fifty uses usually has a handful of each.
    """
    events = list(events)
    if departments is None:
        staff = any(event.actor_pseudonym.startswith("staff-") for event in events)
        departments = department_names() if staff else {}
    actions = {value: str(label) for value, label in DataUseEvent.Action.choices}
    channels = {value: str(label) for value, label in DataUseEvent.Via.choices}
    summary = _("%(what)s: %(action)s")
    record_names: dict[str, str] = {}
    purpose_titles: dict[str, str] = {}
    roles: dict[str, str] = {}
    own_views: dict[tuple, str] = {}
    actors: dict[str, str] = {}
    summaries: dict[tuple[str, str], str] = {}
    described = []
    for event in events:
        staff = event.actor_pseudonym.startswith("staff-")
        action_text = actions.get(event.action, event.action)
        if event.record_type:
            if event.record_type not in record_names:
                record_names[event.record_type] = str(event.record_verbose_name)
            what = record_names[event.record_type]
        else:
            details = event.details or {}
            key = (details.get("format"), details.get("view"))
            if key not in own_views:
                own_views[key] = _what_for_own_view(details)
            what = own_views[key]
        if (what, action_text) not in summaries:
            summaries[what, action_text] = summary % {"what": capfirst(what), "action": action_text}
        if event.actor_pseudonym not in actors:
            actors[event.actor_pseudonym] = actor_text(event)
        if event.purpose not in purpose_titles:
            purpose_titles[event.purpose] = event.purpose_title
        if staff and event.actor_role not in roles:
            roles[event.actor_role] = _role_text(event.actor_role)
        described.append(
            EventDescription(
                seq=event.seq,
                occurred_at=event.occurred_at,
                action=event.action,
                action_text=action_text,
                what=what,
                record_type=event.record_type,
                record_id=event.record_id,
                actor=actors[event.actor_pseudonym],
                role=roles[event.actor_role] if staff else "",
                department=departments.get(event.actor_department, event.actor_department)
                if staff
                else "",
                purpose=event.purpose,
                purpose_title=purpose_titles[event.purpose],
                legal_basis=event.legal_basis,
                channel=event.channel,
                channel_text=channels.get(event.channel, event.channel),
                case_number=event.case_number,
                in_batch=event.batch is not None,
                summary=summaries[what, action_text],
            )
        )
    return described


def _all_events(user):
    pseudonym = (
        SubjectPseudonym.objects.filter(user_id=user.pk).values_list("pseudonym", flat=True).first()
    )
    if pseudonym is None:
        return DataUseEvent.objects.none()
    return DataUseEvent.objects.filter(subject_pseudonym=pseudonym).order_by("-occurred_at", "-seq")


def _plain(value: Any) -> Any:
    if isinstance(value, Promise):
        return str(value)
    # (label, value) pairs (an online request's answers) as an object, label to value.
    pairs = pairs_of(value) if isinstance(value, (list, tuple)) else None
    if pairs:
        return {label: _plain(item) for label, item in pairs}
    return value


def subject_data(user) -> dict:
    """Everything the city holds about ``user``, every change and every use, JSON-ready."""
    presence = subject_presence(user)
    records = records_for_subject(user, presence=presence)
    history = history_for_subject(user, presence=presence)
    departments = department_names()
    uses = []
    for chunk in _chunks(_all_events(user).iterator(chunk_size=2000), 2000):
        uses += [item.as_json() for item in describe_events(chunk, departments=departments)]
    return {
        "generated_at": timezone.now(),
        "controller": dict(purpose_register.CONTROLLER),
        "records": _records_json(records),
        # Made without logging in, with a verified e-mail address of the account.
        "guest_records": _records_json(guest_records_for_subject(user)),
        "changes": [
            {
                "date": entry.date,
                "record_type": entry.label,
                "record": str(entry.verbose_name),
                "record_id": entry.record_id,
                "change": entry.change_type,
                "by": entry.by,
                "purpose": entry.purpose_title,
                "fields": [
                    {"field": capfirst(label), "old": _plain(old), "new": _plain(new)}
                    for label, old, new in entry.changes
                ],
            }
            for entry in history
        ],
        "uses": uses,
    }


def _records_json(records) -> list[dict]:
    return [
        {
            "type": group.label,
            "name": str(capfirst(group.verbose_name_plural)),
            "purposes": [str(purpose.title) for purpose in group.purposes],
            "legal_basis": group.legal_basis,
            "retention_days": group.retention.days if group.retention else None,
            "items": [
                {
                    "id": record.pk,
                    "fields": {
                        capfirst(field.label): _plain(field.value) for field in record.fields
                    },
                }
                for record in group.records
            ],
        }
        for group in records
    ]


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime):
            # In the portal's time zone, with its offset: 09:15+02:00, as the page says 09:15.
            if timezone.is_aware(o):
                o = timezone.localtime(o, MUNICH)
            return o.isoformat()
        if isinstance(o, date):
            return o.isoformat()
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def subject_json(user) -> str:
    return json.dumps(subject_data(user), cls=_Encoder, ensure_ascii=False, indent=2)


def document_context(user, *, limit: int = DOCUMENT_EVENT_LIMIT) -> dict:
    """What the readable document (HTML page and PDF) shows: the newest ``limit`` uses."""
    events = _all_events(user)
    total = events.count()
    presence = subject_presence(user)
    return {
        "subject": user,
        "generated_at": timezone.now(),
        "controller": purpose_register.CONTROLLER,
        "records": records_for_subject(user, presence=presence),
        "guest_records": guest_records_for_subject(user),
        "history": history_for_subject(user, presence=presence),
        "uses": describe_events(events[:limit]),
        "uses_total": total,
        "uses_limit": limit,
    }


def render_pdf(context: dict, *, request=None) -> bytes:
    """The readable document as a PDF (WeasyPrint; no network access, system fonts)."""
    from weasyprint import CSS, HTML

    html = render_to_string("audit/document_pdf.html", context, request=request)
    stylesheet = render_to_string("audit/document_pdf.css", context)
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(string=stylesheet)])

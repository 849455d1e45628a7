"""Reads of online requests, shared by the portal, the admin and the benchmarks.

Who sees which request:

- a resident sees only their own requests (drafts included);
- staff with the view permission of online requests (the Sachbearbeitung role) see submitted
  requests of the services whose responsible department they work for
  (``core.StaffMembership``); drafts are never shown to staff — until submitted they are the
  resident's working copy. The rule is the model's row scope (``services/models/online_requests``,
  :mod:`munich_portal.core.scopes`), applied by the staff area to every view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, QuerySet

from munich_portal.core import scopes
from munich_portal.core.i18n import Translated
from munich_portal.core.prepared import ANY_ID, PreparedRead, Reading
from online_requests import references
from online_requests.models import FormVersion, OnlineRequest, RequestStatus, RequestUpload
from services.models import Service

__all__ = [
    "current_version",
    "request_for_resident",
    "requests_for_staff",
    "requests_reading",
    "service_slugs_with_forms",
    "staff_may_access",
    "upload_for_resident",
]


def current_version(service: Service) -> FormVersion | None:
    """The published version new requests for ``service`` use (``None``: no online form)."""
    return (
        FormVersion.objects.select_related("form")
        .filter(form__service=service, is_current=True)
        .first()
    )


def service_slugs_with_forms() -> set[str]:
    """Slugs of published services that have a published request form."""
    return set(
        FormVersion.objects.filter(is_current=True, form__service__status="published").values_list(
            "form__service__slug", flat=True
        )
    )


@dataclass(frozen=True)
class OwnService:
    slug: str
    name_de: str
    name_en: str
    name = Translated()


@dataclass(frozen=True)
class OwnRequest:
    """What a resident's lists show of one of their requests (Anträge, Mein Konto)."""

    status: str
    reference: str | None
    submitted_at: dt.datetime | None
    updated_at: dt.datetime
    service: OwnService

    @property
    def is_draft(self) -> bool:
        return self.status == RequestStatus.DRAFT

    def get_status_display(self) -> str:
        return str(RequestStatus(self.status).label)


def _own_requests_statement(user: int):
    return (
        OnlineRequest.objects.filter(user_id=user)
        .order_by("-updated_at", "-pk")
        .values(
            "status",
            "reference",
            "submitted_at",
            "updated_at",
            slug=F("service__slug"),
            name_de=F("service__name_de"),
            name_en=F("service__name_en"),
        )
    )


# Read on every visit of Anträge and Mein Konto: built once per process
# (munich_portal.core.prepared).
_OWN_REQUESTS = PreparedRead(_own_requests_statement, user=ANY_ID)


def _own_requests(rows) -> list[OwnRequest]:
    return [
        OwnRequest(
            status=row["status"],
            reference=row["reference"],
            submitted_at=row["submitted_at"],
            updated_at=row["updated_at"],
            service=OwnService(row["slug"], row["name_de"], row["name_en"]),
        )
        for row in rows
    ]


def requests_reading(user) -> Reading[list[OwnRequest]]:
    """A logged-in resident's requests, newest first: one query, alone (``.result()``) or with
    the page's other reads (:func:`munich_portal.core.prepared.read_together`)."""
    return Reading(_OWN_REQUESTS, {"user": user.pk}, _own_requests)


def request_for_resident(user, reference: str) -> OnlineRequest | None:
    """The submitted request ``reference`` if it is ``user``'s, else ``None`` (→ 404)."""
    if not user.is_authenticated or not references.is_valid(reference):
        return None
    return (
        OnlineRequest.objects.select_related("service", "form_version")
        .exclude(status=RequestStatus.DRAFT)
        .filter(user=user, reference=reference)
        .first()
    )


def upload_for_resident(user, upload_id) -> RequestUpload | None:
    if not user.is_authenticated:
        return None
    return RequestUpload.objects.filter(pk=upload_id, owner=user).first()


def requests_for_staff(user) -> QuerySet[OnlineRequest]:
    """The submitted requests ``user`` may see in the staff area: the model's row scope (the
    admin's permissions decide which of its pages they may open)."""
    return scopes.for_staff(OnlineRequest.objects.all(), user)


def staff_may_access(user, online_request: OnlineRequest) -> bool:
    return requests_for_staff(user).filter(pk=online_request.pk).exists()

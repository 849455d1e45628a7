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

from django.db.models import QuerySet

from munich_portal.core import scopes
from online_requests import references
from online_requests.models import FormVersion, OnlineRequest, RequestStatus, RequestUpload
from services.models import Service

__all__ = [
    "current_version",
    "request_for_resident",
    "requests_for_staff",
    "requests_of",
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


#: What a resident's lists show of a request (Anträge, Mein Konto): the service's 50 columns and
#: the request's answers are never read there (issue 17, round 3).
REQUEST_LIST_FIELDS = (
    "status",
    "reference",
    "submitted_at",
    "updated_at",
    "service__slug",
    "service__name_de",
    "service__name_en",
)


def requests_of(user) -> QuerySet[OnlineRequest]:
    """The resident's requests, newest first (drafts first of all)."""
    if not user.is_authenticated:
        return OnlineRequest.objects.none()
    return (
        OnlineRequest.objects.filter(user=user)
        .select_related("service")
        .only(*REQUEST_LIST_FIELDS)
        .order_by("-updated_at")
    )


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

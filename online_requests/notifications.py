"""E-mails to applicants: the confirmation of a submitted request, and a notice that there is news
(a message or a decision). Notices never carry the content: they say that something is waiting in
the portal, where only the logged-in applicant can read it (docs/online-requests.md).

Every e-mail is a data-use event (``record_system_send``); a mail failure is logged, never raised,
because the request itself is saved.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from munich_portal.audit.actions import record_system_send
from online_requests.models import OnlineRequest

__all__ = ["build_email", "send_by_id"]

logger = logging.getLogger(__name__)

KINDS = ("submitted", "news")


def _subject(kind: str, online_request: OnlineRequest) -> str:
    if kind == "submitted":
        return _("Request received: %(reference)s") % {"reference": online_request.reference}
    return _("News about your request %(reference)s") % {"reference": online_request.reference}


def build_email(online_request: OnlineRequest, kind: str) -> EmailMessage:
    with translation.override(online_request.language or settings.LANGUAGE_CODE):
        path = reverse(
            "online_requests:request_detail", kwargs={"reference": online_request.reference}
        )
        context = {
            "online_request": online_request,
            "service_name": online_request.service.name,
            "detail_url": f"{settings.SITE_URL}{path}",
            "name": online_request.user.full_name,
        }
        return EmailMessage(
            subject=_subject(kind, online_request),
            body=render_to_string(f"online_requests/email/{kind}.txt", context),
            to=[online_request.user.email],
        )


def send_by_id(request_id: int, kind: str) -> None:
    """Send the e-mail ``kind`` for the request (called after commit)."""
    online_request = (
        OnlineRequest.objects.select_related("service", "user").filter(pk=request_id).first()
    )
    if online_request is None or not online_request.reference or not online_request.user.email:
        return
    try:
        build_email(online_request, kind).send()
    except OSError:
        logger.exception("Could not send the %s e-mail for request %s", kind, request_id)
        return
    record_system_send(
        subject=online_request.user_id,
        purpose="online_requests",
        record=online_request,
        details={"message": kind},
    )

"""E-mails to applicants: the confirmation of a submitted request, and a notice that there is news
(a message or a decision). Notices never carry the content: they say that something is waiting in
the portal, where only the logged-in applicant can read it (docs/online-requests.md).

The e-mail is written in the transaction of the change and stored in the outbox with
:func:`munich_portal.messaging.actions.queue_email` (kinds ``online_requests.submitted`` and
``.news``, registered in :mod:`online_requests.apps`): a change that rolls back sends nothing, and
the worker sends a committed one after commit, and again later while the relay is down. Every
e-mail is a data-use event (``send``, written by the outbox when the relay accepted it).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from munich_portal.messaging import actions as outbox
from online_requests.models import OnlineRequest

__all__ = ["MESSAGE_KINDS", "message_kind", "queue_email"]

# The e-mails, with their labels for the staff (the outbox admin).
MESSAGE_KINDS = {
    "submitted": gettext_lazy("online request received"),
    "news": gettext_lazy("news about an online request"),
}


def message_kind(kind: str) -> str:
    """The registered kind of the e-mail ``kind`` (online_requests.apps)."""
    return f"online_requests.{kind}"


def _subject(kind: str, online_request: OnlineRequest) -> str:
    if kind == "submitted":
        return _("Request received: %(reference)s") % {"reference": online_request.reference}
    return _("News about your request %(reference)s") % {"reference": online_request.reference}


def queue_email(online_request: OnlineRequest, kind: str):
    """Write the e-mail ``kind`` for the request in its language and store it in the outbox;
    called inside the transaction of the change. Nothing for an applicant without an address."""
    if not online_request.reference or not online_request.user.email:
        return None
    language = online_request.language or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse(
            "online_requests:request_detail", kwargs={"reference": online_request.reference}
        )
        context = {
            "online_request": online_request,
            "service_name": online_request.service.name,
            "detail_url": f"{settings.SITE_URL}{path}",
            "name": online_request.user.full_name,
        }
        subject = _subject(kind, online_request)
        body = render_to_string(f"online_requests/email/{kind}.txt", context)
    return outbox.queue_email(
        kind=message_kind(kind),
        source=online_request,
        recipient=online_request.user,
        to=online_request.user.email,
        subject=subject,
        body=body,
        language=language,
    )

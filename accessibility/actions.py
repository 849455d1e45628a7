"""Writes of the accessibility app: passing a barrier report on to the accessibility officer.

TODO(issue 8): store the report (with its deadline) for the accessibility officer to handle in the
staff area, instead of only e-mailing it; declare the stored report as personal data (reporter's
name and e-mail) with the audit trail, so its use is logged and its retention enforced.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

# A person may send this many reports within this many seconds from one address; enough for
# someone who reports several pages in a row, too few to make the form a spam relay.
REPORT_LIMIT = 5
REPORT_WINDOW_SECONDS = 10 * 60


class TooManyReports(Exception):
    """The client sent :data:`REPORT_LIMIT` reports within the last ten minutes."""


def submit_barrier_report(
    *,
    client_ip: str,
    description: str,
    page: str = "",
    assistive_technology: str = "",
    wants_accessible_format: bool = False,
    email: str = "",
    name: str = "",
) -> None:
    """E-mail a barrier report to the accessibility officer, and a confirmation to the reporter.

    Raises :class:`TooManyReports` (and sends nothing) when the client has used up its limit.
    ``page`` must already be a path on this portal (see ``forms.local_page``).
    """
    _count_report(client_ip=client_ip)
    context = {
        "page": page,
        "page_url": f"{settings.SITE_URL}{page}" if page else "",
        "description": description,
        "assistive_technology": assistive_technology,
        "wants_accessible_format": wants_accessible_format,
        "email": email,
        "name": name,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "received": timezone.localtime(),
    }
    # The accessibility officer works in German, whatever language the reporter used.
    with translation.override(settings.LANGUAGE_CODE):
        EmailMessage(
            subject=_("Barrier report: %(page)s") % {"page": page or _("no page given")},
            body=render_to_string("accessibility/email/report_to_officer.txt", context),
            to=[settings.PORTAL_ACCESSIBILITY_EMAIL],
            reply_to=[email] if email else [],
        ).send()
    if email:
        # The confirmation repeats nothing the reporter typed except the page (a checked local
        # path): otherwise anyone could send text of their choice to any address through us.
        EmailMessage(
            subject=_("We have received your barrier report"),
            body=render_to_string("accessibility/email/report_confirmation.txt", context),
            to=[email],
            reply_to=[settings.PORTAL_ACCESSIBILITY_EMAIL],
        ).send()


def _count_report(*, client_ip: str) -> None:
    """Record one report for ``client_ip``; raise :class:`TooManyReports` past the limit.

    A sliding window: the cache keeps the times of the client's recent reports. The cache is the
    database cache in production, so the limit holds across app servers. The key is an HMAC of
    the address, so the cache holds no IP addresses.
    """
    digest = salted_hmac("accessibility.report-limit", client_ip, algorithm="sha256").hexdigest()
    key = f"accessibility:report:{digest}"
    now = time.time()
    recent = [stamp for stamp in cache.get(key, []) if stamp > now - REPORT_WINDOW_SECONDS]
    if len(recent) >= REPORT_LIMIT:
        raise TooManyReports
    recent.append(now)
    cache.set(key, recent, timeout=REPORT_WINDOW_SECONDS)

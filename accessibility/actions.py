"""Writes of the accessibility app: barrier reports, display preferences, the statement.

Views, forms and the admin call these functions; each validates, writes inside a transaction and
leaves the e-mails to after the write, so a mail server that is down never loses a report.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accessibility.models import (
    AccessibilityStatement,
    AnsweredVia,
    BarrierReport,
    DisplayPreference,
    KnownBarrier,
    ReportStatus,
)
from accessibility.preferences import Preferences
from munich_portal.audit.actions import record_system_send
from munich_portal.core import ratelimit

logger = logging.getLogger(__name__)

# A person may send this many reports within this many seconds from one address; enough for
# someone who reports several pages in a row, too few to make the form a spam relay.
REPORT_LIMIT = 5
REPORT_PERIOD = timedelta(minutes=10)


class TooManyReports(ratelimit.RateLimited):
    """The client sent :data:`REPORT_LIMIT` reports within the last ten minutes."""


# --- Barrier reports ----------------------------------------------------------------------------


def submit_barrier_report(
    *,
    client_ip: str,
    description: str,
    page: str = "",
    assistive_technology: str = "",
    wants_accessible_format: bool = False,
    email: str = "",
    name: str = "",
    phone: str = "",
    reporter=None,
) -> BarrierReport:
    """Store a barrier report with its one-month deadline, then tell the officer and the reporter.

    Raises :class:`TooManyReports` (and stores nothing) when the client has used up its limit.
    ``page`` must already be a path on this portal (see ``forms.local_page``). ``reporter`` is the
    logged-in resident, if any. The e-mails go out after the report is stored; if they fail, the
    report stays (the officer's list in the staff area shows it) and the failure is logged.
    """
    ratelimit.check(
        ratelimit.client_key(client_ip, "accessibility.report"),
        limit=REPORT_LIMIT,
        period=REPORT_PERIOD,
        error=TooManyReports,
    )
    with transaction.atomic():
        report = BarrierReport(
            page=page,
            description=description,
            assistive_technology=assistive_technology,
            wants_accessible_format=wants_accessible_format,
            email=email,
            name=name,
            phone=phone,
            reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
            language=(translation.get_language() or settings.LANGUAGE_CODE)[:8],
        )
        report._change_reason = "submitted"
        report.save()
    _send_report_mails(report)
    return report


def _send_report_mails(report: BarrierReport) -> None:
    context = {
        "report": report,
        "page_url": f"{settings.SITE_URL}{report.page}" if report.page else "",
        "admin_url": settings.SITE_URL
        + reverse("admin:accessibility_barrierreport_change", args=[report.pk]),
    }
    try:
        # The officer works in German, whatever language the reporter used. The mail carries no
        # personal data and not the report's text: reading them in the staff area is logged.
        with translation.override(settings.LANGUAGE_CODE):
            EmailMessage(
                subject=_("Barrier report %(number)s: %(page)s")
                % {"number": report.pk, "page": report.page or _("no page given")},
                body=render_to_string("accessibility/email/report_to_officer.txt", context),
                to=[settings.PORTAL_ACCESSIBILITY_EMAIL],
            ).send()
    except OSError:
        logger.exception("Could not tell the accessibility officer about report %s", report.pk)
    if not report.email:
        return
    try:
        # The confirmation repeats nothing the reporter typed except the page (a checked local
        # path): otherwise anyone could send text of their choice to any address through us.
        EmailMessage(
            subject=_("We have received your barrier report"),
            body=render_to_string("accessibility/email/report_confirmation.txt", context),
            to=[report.email],
            reply_to=[settings.PORTAL_ACCESSIBILITY_EMAIL],
        ).send()
    except OSError:
        logger.exception("Could not confirm barrier report %s to its reporter", report.pk)
        return
    if report.reporter_id:
        record_system_send(
            subject=report.reporter_id,
            purpose="barrier_reports",
            record=report,
            details={"message": "confirmation"},
        )


def set_report_status(*, report: BarrierReport, status: str, by=None) -> BarrierReport:
    """Move a report to ``status``; closing stamps ``closed_at`` (retention counts from it)."""
    if status not in ReportStatus.values:
        raise ValidationError(_("Unknown status."), code="invalid_status")
    if status == ReportStatus.ANSWERED and report.answered_at is None:
        raise ValidationError(
            _("Answer the report first: use “Answer” to send or record the answer."),
            code="not_answered",
        )
    with transaction.atomic():
        report = BarrierReport.objects.select_for_update().get(pk=report.pk)
        report.status = status
        if status == ReportStatus.CLOSED:
            report.closed_at = report.closed_at or timezone.now()
        else:
            report.closed_at = None
        report._change_reason = f"status:{status}"
        report.save()
    return report


class AnswerNotSent(Exception):
    """The answer could not be e-mailed; nothing was changed."""


def answer_report(
    *, report: BarrierReport, answer: str, via: str, by, close: bool = False
) -> BarrierReport:
    """Record the answer to a report and, for ``via="email"``, e-mail it to the reporter.

    A letter or a call is made outside the portal; this records that it was. The e-mail is sent
    before anything is saved, so a failed send (``AnswerNotSent``) leaves the report as it was.
    An e-mail to a reporter with an account is a data-use event (``send``).
    """
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Write the answer."), code="empty_answer")
    if via not in AnsweredVia.values:
        raise ValidationError(_("Say how the answer was given."), code="invalid_channel")
    if via == AnsweredVia.EMAIL and not report.email:
        raise ValidationError(
            _("The reporter gave no e-mail address; answer by letter or phone."),
            code="no_email",
        )
    if via == AnsweredVia.EMAIL:
        language = report.language if report.language in dict(settings.LANGUAGES) else "de"
        with translation.override(language):
            message = EmailMessage(
                subject=_("Your barrier report on Digitales München"),
                body=render_to_string(
                    "accessibility/email/report_answer.txt",
                    {
                        "report": report,
                        "answer": answer,
                        "page_url": _page_url(report),
                        "site_url": settings.SITE_URL,
                    },
                ),
                to=[report.email],
                reply_to=[settings.PORTAL_ACCESSIBILITY_EMAIL],
            )
        try:
            message.send()
        except OSError as error:
            logger.exception("Could not e-mail the answer to barrier report %s", report.pk)
            raise AnswerNotSent from error
    with transaction.atomic():
        report = BarrierReport.objects.select_for_update().get(pk=report.pk)
        now = timezone.now()
        report.answer = answer
        report.answered_via = via
        report.answered_at = now
        report.answered_by_id = getattr(by, "pk", None)
        report.status = ReportStatus.CLOSED if close else ReportStatus.ANSWERED
        report.closed_at = now if close else None
        report._change_reason = f"answered:{via}"
        report.save()
        if via == AnsweredVia.EMAIL and report.reporter_id:
            record_system_send(
                subject=report.reporter_id,
                purpose="barrier_reports",
                record=report,
                details={"message": "answer"},
            )
    return report


def _page_url(report: BarrierReport) -> str:
    return f"{settings.SITE_URL}{report.page}" if report.page else ""


# --- Display preferences ------------------------------------------------------------------------


def save_display_preferences(*, user, preferences: Preferences) -> DisplayPreference:
    """Store a resident's display preferences (one row per account)."""
    with transaction.atomic():
        row, _created = DisplayPreference.objects.select_for_update().get_or_create(user=user)
        row.text_size = preferences.text
        row.contrast = preferences.contrast
        row.spacing = preferences.spacing
        row.motion = preferences.motion
        row.save()
    return row


def reset_display_preferences(*, user) -> None:
    """Forget a resident's display preferences: the portal's normal look applies again."""
    for row in DisplayPreference.objects.filter(user=user):
        row.delete()


# --- The statement ------------------------------------------------------------------------------


def publish_statement(*, statement: AccessibilityStatement) -> AccessibilityStatement:
    """Publish ``statement``; the previously published version stays, unpublished, as history."""
    with transaction.atomic():
        # Lock the published row (if any) so two officers publishing at once cannot both win;
        # the partial unique index is the last line of defence.
        for previous in AccessibilityStatement.objects.select_for_update().filter(
            is_published=True
        ):
            if previous.pk != statement.pk:
                previous.is_published = False
                previous._change_reason = "replaced"
                previous.save()
        statement = AccessibilityStatement.objects.select_for_update().get(pk=statement.pk)
        statement.is_published = True
        statement.published_at = timezone.now()
        statement._change_reason = "published"
        statement.save()
    return statement


def copy_statement(*, statement: AccessibilityStatement) -> AccessibilityStatement:
    """A new, unpublished draft with the content and barriers of ``statement``: the yearly review
    starts from the current version and leaves it untouched until the new one is published."""
    with transaction.atomic():
        barriers = list(statement.barriers.all())
        draft = AccessibilityStatement.objects.get(pk=statement.pk)
        draft.pk = None
        draft._state.adding = True
        draft.is_published = False
        draft.published_at = None
        draft.reviewed_on = max(timezone.localdate(), draft.prepared_on)
        draft._change_reason = f"copied from {statement.pk}"
        draft.save()
        for barrier in barriers:
            barrier.pk = None
            barrier._state.adding = True
            barrier.statement = draft
            barrier.save()
    return draft


def ensure_statement() -> AccessibilityStatement:
    """The published statement, created from the initial content if there is none at all."""
    from accessibility.initial_content import BARRIERS, STATEMENT

    published = AccessibilityStatement.objects.published().first()
    if published is not None:
        return published
    with transaction.atomic():
        statement = AccessibilityStatement.objects.create(
            **STATEMENT, is_published=True, published_at=timezone.now()
        )
        for position, barrier in enumerate(BARRIERS):
            KnownBarrier.objects.create(statement=statement, position=position, **barrier)
    return statement

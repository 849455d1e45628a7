"""Writes of the accessibility app: barrier reports, display preferences, the statement.

Views, forms and the admin call these functions; each validates and writes inside a transaction.
The e-mails (to the officer, the reporter's confirmation, the answer) are outbox rows written in
the same transaction (:func:`munich_portal.messaging.actions.queue_email`, kinds registered in
:mod:`accessibility.apps`): a mail server that is down never loses a report or an answer, and the
worker sends the e-mails after commit, and again later while the relay is down.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accessibility.models import (
    AccessibilityStatement,
    AnsweredVia,
    BarrierReport,
    DisplayPreference,
    KnownBarrier,
    ReportStatus,
)
from accessibility.preferences import Preferences
from munich_portal.core import ratelimit
from munich_portal.messaging import actions as outbox

#: The e-mails about barrier reports, with their labels for the staff (the outbox admin);
#: registered as "accessibility.<kind>" (accessibility.apps).
MESSAGE_KINDS = {
    "report_to_officer": gettext_lazy("new barrier report (to the officer)"),
    "report_confirmation": gettext_lazy("barrier report received"),
    "report_answer": gettext_lazy("answer to a barrier report"),
}

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
    logged-in resident, if any. The e-mails are outbox rows written with the report: the worker
    sends them after commit; while the mail server is down the report stays (the officer's list in
    the staff area shows it) and the e-mails wait in the outbox.
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
        _queue_report_mails(report)
    return report


def _queue_email(report: BarrierReport, kind: str, **fields) -> None:
    outbox.queue_email(kind=f"accessibility.{kind}", source=report, **fields)


def _queue_to_reporter(report: BarrierReport, kind: str, **fields) -> None:
    """An e-mail to the reporter; answers to it go to the officer's mailbox."""
    _queue_email(
        report,
        kind,
        recipient=report.reporter,
        to=report.email,
        reply_to=settings.PORTAL_ACCESSIBILITY_EMAIL,
        **fields,
    )


def _queue_report_mails(report: BarrierReport) -> None:
    context = {
        "report": report,
        "page_url": f"{settings.SITE_URL}{report.page}" if report.page else "",
        "admin_url": settings.SITE_URL
        + reverse("admin:accessibility_barrierreport_change", args=[report.pk]),
    }
    # The officer works in German, whatever language the reporter used. The mail carries no
    # personal data and not the report's text: reading them in the staff area is logged.
    with translation.override(settings.LANGUAGE_CODE):
        _queue_email(
            report,
            "report_to_officer",
            recipient=None,
            to=settings.PORTAL_ACCESSIBILITY_EMAIL,
            subject=_("Barrier report %(number)s: %(page)s")
            % {"number": report.pk, "page": report.page or _("no page given")},
            body=render_to_string("accessibility/email/report_to_officer.txt", context),
            language=settings.LANGUAGE_CODE,
        )
    if not report.email:
        return
    # The confirmation repeats nothing the reporter typed except the page (a checked local
    # path): otherwise anyone could send text of their choice to any address through us.
    language = _language(report)
    with translation.override(language):
        _queue_to_reporter(
            report,
            "report_confirmation",
            subject=_("We have received your barrier report"),
            body=render_to_string("accessibility/email/report_confirmation.txt", context),
            language=language,
        )


def _language(report: BarrierReport) -> str:
    return report.language if report.language in dict(settings.LANGUAGES) else "de"


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


def answer_report(
    *, report: BarrierReport, answer: str, via: str, by, close: bool = False
) -> BarrierReport:
    """Record the answer to a report and, for ``via="email"``, e-mail it to the reporter.

    A letter or a call is made outside the portal; this records that it was. The e-mail is an
    outbox row written with the answer: the worker sends it after commit, and again later while the
    mail server is down. An e-mail to a reporter with an account is a data-use event (``send``,
    written by the outbox when the relay accepted it).
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
        if via == AnsweredVia.EMAIL:
            language = _language(report)
            with translation.override(language):
                subject = _("Your barrier report on Digitales München")
                body = render_to_string(
                    "accessibility/email/report_answer.txt",
                    {
                        "report": report,
                        "answer": answer,
                        "page_url": _page_url(report),
                        "site_url": settings.SITE_URL,
                    },
                )
            _queue_to_reporter(
                report, "report_answer", subject=subject, body=body, language=language
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
    # The account object may carry the row read with its session: keep it current.
    DisplayPreference.user.field.remote_field.set_cached_value(user, row)
    return row


def reset_display_preferences(*, user) -> None:
    """Forget a resident's display preferences: the portal's normal look applies again."""
    for row in DisplayPreference.objects.filter(user=user):
        row.delete()
    DisplayPreference.user.field.remote_field.set_cached_value(user, None)


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

"""Demo data of the accessibility app: the statement, the sign-language video and a few barrier
reports in every state (``demo/accessibility/barrier-reports.yaml``), so the officer's worklist,
its deadlines and the reminders show."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accessibility import actions
from accessibility.initial_content import SIGN_LANGUAGE_VIDEO
from accessibility.models import AnsweredVia, BarrierReport, ReportStatus, SignLanguageVideo
from munich_portal.portal.demo.data import load_yaml


@transaction.atomic
def load_accessibility() -> str:
    """Load the statement, the video row and the demo reports (idempotent)."""
    actions.ensure_statement()
    if not SignLanguageVideo.objects.exists():
        SignLanguageVideo.objects.create(**SIGN_LANGUAGE_VIDEO)
    now = timezone.now()
    reports = load_yaml("accessibility/barrier-reports.yaml")
    for item in reports:
        if BarrierReport.objects.filter(description=item["description"]).exists():
            continue
        days_ago = item["days_ago"]
        report = BarrierReport(
            description=item["description"],
            page=item.get("page", ""),
            received_at=now - dt.timedelta(days=days_ago),
            status=item["status"],
            **item.get("contact", {}),
        )
        if item["status"] == ReportStatus.ANSWERED:
            report.answer = item["answer"]
            report.answered_via = AnsweredVia.EMAIL
            report.answered_at = now - dt.timedelta(days=days_ago - 10)
        report.save()
    return f"accessibility statement, sign-language video, {len(reports)} barrier reports"

"""Demo data of the accessibility app: the statement, the sign-language video and a few barrier
reports in every state, so the officer's worklist, its deadlines and the reminders show."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accessibility import actions
from accessibility.initial_content import SIGN_LANGUAGE_VIDEO
from accessibility.models import AnsweredVia, BarrierReport, ReportStatus, SignLanguageVideo

# description, page, days ago, status, contact — recognisable by their description.
DEMO_REPORTS = [
    (
        "Der Knopf „Suchen“ auf der Startseite ist mit der Tastatur nicht erreichbar.",
        "/",
        3,
        ReportStatus.NEW,
        {"email": "demo.melderin@example.org", "assistive_technology": "nur Tastatur"},
    ),
    (
        "Die PDF-Unterlagen zum Innenstadtkonzept liest mein Screenreader nicht vor. Bitte "
        "schicken Sie mir den Text.",
        "/beteiligung/",
        12,
        ReportStatus.IN_PROGRESS,
        {
            "wants_accessible_format": True,
            "email": "demo.screenreader@example.org",
            "assistive_technology": "NVDA mit Firefox",
        },
    ),
    (
        "Der Kontrast der grauen Hinweistexte im Anmeldeformular ist zu schwach.",
        "/konto/login/",
        45,
        ReportStatus.NEW,
        {"phone": "089 1234567"},
    ),
    (
        "Die Öffnungszeiten der Bürgerbüros sind als Tabelle schwer zu verstehen.",
        "/dienststellen/",
        60,
        ReportStatus.ANSWERED,
        {"email": "demo.leser@example.org"},
    ),
]


@transaction.atomic
def load_accessibility() -> str:
    """Load the statement, the video row and the demo reports (idempotent)."""
    actions.ensure_statement()
    if not SignLanguageVideo.objects.exists():
        SignLanguageVideo.objects.create(**SIGN_LANGUAGE_VIDEO)
    now = timezone.now()
    for description, page, days_ago, status, contact in DEMO_REPORTS:
        if BarrierReport.objects.filter(description=description).exists():
            continue
        report = BarrierReport(
            description=description,
            page=page,
            received_at=now - dt.timedelta(days=days_ago),
            status=status,
            **contact,
        )
        if status == ReportStatus.ANSWERED:
            report.answer = "Vielen Dank. Wir haben die Tabelle um eine Textfassung ergänzt."
            report.answered_via = AnsweredVia.EMAIL
            report.answered_at = now - dt.timedelta(days=days_ago - 10)
        report.save()
    return f"accessibility statement, sign-language video, {len(DEMO_REPORTS)} barrier reports"

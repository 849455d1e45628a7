"""A backup taken before an erasure brings the person back; the erasure journal erases them again.

Real PostgreSQL tools: pg_dump makes the backup, pg_restore restores it into a new database.
"""

import io
import json
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accessibility.models import BarrierReport
from munich_portal.accounts.actions import delete_account
from munich_portal.audit import actions
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import DataUseEvent, SubjectPseudonym, SubjectUseCount
from tests.accessibility.factories import BarrierReportFactory
from tests.audit.dump_search import backup_database, restored_database, search_dump
from tests.factories import UserFactory

User = get_user_model()

NAME = "Theresia Wimmerhuber"
EMAIL = "theresia.wimmerhuber@example.org"
GUEST = "Gisela Gsottschneider"
GUEST_EMAIL = "gisela.gsottschneider@example.org"
STRINGS = (NAME, EMAIL, GUEST, GUEST_EMAIL, "wimmerhuber", "gsottschneider")


@pytest.fixture
def journal(settings, tmp_path):
    settings.AUDIT_ERASURE_JOURNAL = str(tmp_path / "erasures.jsonl")
    return tmp_path / "erasures.jsonl"


def _verify():
    out = io.StringIO()
    call_command("verify_audit_log", "--no-progress", stdout=out)
    assert "OK" in out.getvalue()


def _reapply(journal) -> str:
    out = io.StringIO()
    call_command("reapply_erasures", "--journal", str(journal), stdout=out)
    return out.getvalue()


def test_a_restored_backup_is_erased_again_from_the_journal(committed_db, journal, tmp_path):
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"], email="sam.sb@example.org")
    resident = UserFactory(email=EMAIL, full_name=NAME)
    report = BarrierReportFactory(name=GUEST, email=GUEST_EMAIL, phone="0170 5550123")
    with processing_context(actor=staff, purpose="resident_support"):
        actions.record_use(action="view", subject=resident, record=resident)
    backup = backup_database(tmp_path / "before.dump")
    user_id = resident.pk

    with processing_context(actor=resident):
        delete_account(user=resident)
    actions.erase_records({"accessibility.barrierreport": [report.pk]}, reason="request")
    assert search_dump(STRINGS) == {}

    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [(line.get("user"), line["reason"]) for line in lines] == [
        (user_id, "account_deleted"),
        (None, "request"),
    ]
    assert lines[1]["records"] == {"accessibility.barrierreport": [report.pk]}
    text = journal.read_text().casefold()
    assert not any(string.casefold() in text for string in STRINGS)  # ids, never values

    with restored_database(backup):
        # The backup brings them back...
        assert User.objects.filter(pk=user_id, full_name=NAME).exists()
        assert BarrierReport.objects.get(pk=report.pk).name == GUEST
        assert set(search_dump(STRINGS)) == set(STRINGS)

        out = _reapply(journal)

        assert "2 erasure(s) re-applied, 0 already done" in out
        assert not User.objects.filter(pk=user_id).exists()
        assert not SubjectPseudonym.objects.filter(user_id=user_id).exists()
        assert BarrierReport.objects.get(pk=report.pk).name == ""
        assert search_dump(STRINGS) == {}
        _verify()
        # Idempotent: a second run finds nothing left to do and logs nothing.
        events = DataUseEvent.objects.count()
        assert "0 erasure(s) re-applied, 2 already done" in _reapply(journal)
        assert DataUseEvent.objects.count() == events
        # The numbers of uses came back with the log (the trigger is made after the data is
        # loaded, so nothing is counted twice) and count the re-applied erasures' events too.
        logged = Counter(
            DataUseEvent.objects.exclude(subject_pseudonym=None).values_list(
                "subject_pseudonym", flat=True
            )
        )
        assert dict(SubjectUseCount.objects.values_list("pseudonym", "uses")) == dict(logged)
        # The journal was only read.
        assert len(journal.read_text().splitlines()) == 2


def test_reapply_skips_absent_people_and_reports_bad_lines(db, journal):
    kept = UserFactory(full_name="Bleibt Da")
    journal.write_text(
        json.dumps({"user": 987654, "reason": "request"})
        + "\n"
        + json.dumps({"records": {"accessibility.barrierreport": [424242]}, "reason": "request"})
        + "\nnot json\n"
    )
    with pytest.raises(CommandError, match="1 journal line"):
        _reapply(journal)
    kept.refresh_from_db()
    assert kept.full_name == "Bleibt Da"


def test_an_erasure_whose_journal_cannot_be_written_does_not_happen(db, settings, tmp_path):
    settings.AUDIT_ERASURE_JOURNAL = str(tmp_path / "missing-directory" / "erasures.jsonl")
    resident = UserFactory(full_name="Noch Da")
    with pytest.raises(OSError):
        actions.erase_subject(user=resident, reason="request")
    resident.refresh_from_db()
    assert resident.full_name == "Noch Da"


def test_the_log_verifies_after_erasures_and_a_retention_run(committed_db, journal):
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    residents = UserFactory.create_batch(3)
    with processing_context(actor=staff, purpose="resident_support"):
        for resident in residents:
            actions.record_use(action="view", subject=resident, record=resident)
    BarrierReportFactory(closed_at=timezone.now() - timedelta(days=10 * 365))
    delete_account(user=residents[0])
    actions.erase_subject(user=residents[1], reason="request")
    actions.erase_records(
        {"accessibility.barrierreport": [BarrierReportFactory().pk]}, reason="request"
    )
    results = actions.enforce_retention()
    assert sum(result.count for result in results) >= 1
    _verify()

"""erase_records: rows of no account (guests, paper, reports sent without logging in) are erased
the same way as a resident's, and the log names no one."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from accessibility.models import BarrierReport
from munich_portal.audit import actions
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import DataUseEvent
from munich_portal.audit.registry import Erasure, declaration_for
from tests.accessibility.factories import BarrierReportFactory

pytestmark = pytest.mark.django_db

LABEL = "accessibility.barrierreport"


@pytest.fixture
def guest_report(staff):
    report = BarrierReportFactory(
        name="Quirin Obermayr", email="quirin.obermayr@example.org", phone="089 1234 5678"
    )
    with processing_context(actor=staff, purpose="barrier_reports"):
        report.name = "Quirin Obermayr-Lutz"
        report.save()
    LogEntry.objects.log_actions(
        user_id=staff.pk, queryset=[report], action_flag=CHANGE, change_message="[]"
    )
    return report


def test_erase_records_anonymises_the_rows_and_their_history(guest_report, staff):
    other = BarrierReportFactory(name="Bleibt Stehen", email="bleibt@example.org")
    with processing_context(actor=staff, purpose="data_subject_rights"):
        report = actions.erase_records({LABEL: [guest_report.pk]}, reason="request")

    guest_report.refresh_from_db()
    assert (guest_report.name, guest_report.email, guest_report.phone) == ("", "", "")
    history = BarrierReport.history.filter(id=guest_report.pk)
    assert history.count() == 3  # created, changed, erased
    assert set(history.values_list("name", flat=True)) == {""}
    assert set(history.values_list("email", flat=True)) == {""}
    assert history.first().history_change_reason == "erasure"
    # The admin log's hook ran from erasure.records (no user).
    entry = LogEntry.objects.get(content_type__model="barrierreport")
    assert (entry.object_repr, entry.object_id) == ("[erased]", None)
    other.refresh_from_db()
    assert other.name == "Bleibt Stehen"
    assert report.user_id is None and report.records[LABEL] == 1


def test_erase_records_logs_one_event_per_record_type_without_subject_or_values(
    guest_report, staff
):
    second = BarrierReportFactory(name="Zenzi Kreuzeder")
    with processing_context(actor=staff, purpose="data_subject_rights"):
        report = actions.erase_records({LABEL: [guest_report.pk, second.pk]}, reason="request")
    (event,) = report.events
    stored = DataUseEvent.objects.get(seq=event.seq)
    assert (stored.action, stored.subject_pseudonym, stored.record_type, stored.record_id) == (
        "anonymise",
        None,
        LABEL,
        "",
    )
    assert stored.purpose == "data_subject_rights"
    assert stored.details == {"reason": "request", "record_count": 2}
    text = str(DataUseEvent.objects.values_list().get(seq=event.seq)).casefold()
    assert "obermayr" not in text and "kreuzeder" not in text
    assert verify_chain().ok


def test_erase_records_skips_absent_rows_and_refuses_rows_of_an_account(resident, guest_report):
    report = actions.erase_records({LABEL: [guest_report.pk, 999_999]}, reason="request")
    assert report.records[LABEL] == 1
    again = actions.erase_records({LABEL: [999_999]}, reason="request")
    assert again.records[LABEL] == 0 and again.events == []

    own = BarrierReportFactory(reporter=resident, name="Anna Beispiel")
    with pytest.raises(ValueError, match="use erase_subject"):
        actions.erase_records({LABEL: [own.pk]}, reason="request")
    with pytest.raises(ValueError, match="use erase_subject"):
        actions.erase_records({"accounts.user": [resident.pk]}, reason="request")
    with pytest.raises(ValueError, match="not a declared model"):
        actions.erase_records({"core.stadtbezirk": [1]}, reason="request")
    own.refresh_from_db()
    assert own.name == "Anna Beispiel"


def test_hooks_get_the_records_and_no_user(guest_report, monkeypatch):
    declaration = declaration_for(BarrierReport)
    seen: list[Erasure] = []
    monkeypatch.setattr(declaration, "on_erasure", seen.append)
    actions.erase_records({LABEL: [guest_report.pk]}, reason="request", contributions="keep")
    (erasure,) = seen
    assert erasure.user is None and erasure.contributions == "keep"
    assert erasure.records[LABEL] == [guest_report.pk]
    assert erasure.records["accounts.user"] == []
    assert "quirin.obermayr@example.org" in erasure.personal_values
    assert "Quirin Obermayr" in erasure.personal_values  # the name before the change, too

"""Retention: data past its declared period is deleted or anonymised, and every run is logged."""

import io
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from munich_portal.audit import actions, registry
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.models import DataUseEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def admin_log(staff, resident):
    return LogEntry.objects.log_actions(
        user_id=staff.pk, queryset=[resident], action_flag=CHANGE, change_message="[]"
    )[0]


def test_nothing_expires_before_the_period_ends(admin_log):
    results = actions.enforce_retention(now=timezone.now() + timedelta(days=364))
    by_label = {r.label: r.count for r in results}
    assert by_label["admin.logentry"] == 0
    assert set(by_label.values()) == {0}
    assert LogEntry.objects.filter(pk=admin_log.pk).exists()
    assert not DataUseEvent.objects.exists()


def test_expired_admin_log_entries_are_deleted_and_logged(admin_log, staff):
    now = timezone.now() + timedelta(days=366)
    results = actions.enforce_retention(now=now)
    assert not LogEntry.objects.filter(pk=admin_log.pk).exists()
    result = next(r for r in results if r.label == "admin.logentry")
    assert (result.label, result.mode, result.count, result.subjects) == (
        "admin.logentry",
        "delete",
        1,
        1,
    )
    batch = result.batch_event
    assert batch.details["hit_count"] == 1
    assert batch.details["criteria"]["model"] == "admin.logentry"
    assert batch.details["criteria"]["retention_days"] == 365
    assert (batch.actor_pseudonym, batch.purpose, batch.channel) == (
        "system",
        "retention",
        "system",
    )
    member = DataUseEvent.objects.get(batch=batch.seq)
    assert member.subject_pseudonym == actions.pseudonym_for(staff)
    assert (member.action, member.record_id) == ("delete", str(admin_log.pk))
    assert verify_chain().ok


def test_a_dry_run_counts_and_changes_nothing(admin_log):
    out = io.StringIO()
    call_command(
        "enforce_retention", "--dry-run", "--no-progress", stdout=out, stderr=io.StringIO()
    )
    assert "admin.logentry: 0 rows would be deleted" in out.getvalue()
    results = actions.enforce_retention(now=timezone.now() + timedelta(days=400), dry_run=True)
    assert {result.label: result for result in results}["admin.logentry"].count == 1
    assert LogEntry.objects.filter(pk=admin_log.pk).exists()
    assert not DataUseEvent.objects.exists()


@pytest.fixture
def user_retention(monkeypatch):
    """Pretend accounts expire two years after sign-up (they do not: accounts are kept)."""
    declaration = registry.declaration_for("accounts.user")
    monkeypatch.setattr(declaration, "retention", timedelta(days=730))
    monkeypatch.setattr(declaration, "retention_anchor", "date_joined")
    return declaration


def test_anonymising_retention_covers_rows_and_history_once(user_retention, resident):
    newcomer_email = "neu.hier@example.org"
    future = timezone.now() + timedelta(days=731)
    UserFactory(email=newcomer_email, date_joined=future)  # joins later: not expired

    results = {r.label: r for r in actions.enforce_retention(now=future)}
    resident.refresh_from_db()
    assert resident.email == f"erased-{resident.pk}@invalid"
    assert not resident.is_active
    assert not resident.history.filter(email__icontains="beispiel").exists()
    assert resident.history.first().history_change_reason == "erasure"
    assert User.objects.filter(email=newcomer_email).exists()
    assert results["accounts.user"].mode == "anonymise"
    assert results["accounts.user"].batch_event.action == "anonymise"

    # Anonymised rows are not found again the next day.
    again = {r.label: r for r in actions.enforce_retention(now=future + timedelta(days=1))}
    assert again["accounts.user"].count == 0
    assert verify_chain().ok


def test_enforce_retention_command_reports_each_model(admin_log):
    out = io.StringIO()
    call_command("enforce_retention", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "admin.logentry: 0 rows deleted" in out.getvalue()

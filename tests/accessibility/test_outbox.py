"""Barrier reports' e-mails are outbox rows written in the change's transaction (issue 13)."""

import pytest
from django.db import transaction

from accessibility import actions
from munich_portal.messaging.models import OutgoingEmail
from tests.accessibility.factories import BarrierReportFactory

pytestmark = pytest.mark.django_db


def test_a_report_writes_its_emails_in_its_transaction_and_a_rollback_leaves_none(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report = actions.submit_barrier_report(
            client_ip="127.0.0.1", description="Kontrast zu gering.", email="a@example.org"
        )
        assert {email.kind for email in report.emails.all()} == {
            "accessibility.report_to_officer",
            "accessibility.report_confirmation",
        }
        raise RuntimeError("the change fails after the e-mails were written")
    assert not OutgoingEmail.objects.exists()
    assert callbacks == []


def test_an_answer_that_rolls_back_leaves_no_email(django_capture_on_commit_callbacks):
    report = BarrierReportFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.answer_report(report=report, answer="Erledigt.", via="email", by=None)
        assert report.emails.get().kind == "accessibility.report_answer"
        raise RuntimeError("the change fails after the e-mail was written")
    assert not OutgoingEmail.objects.exists()
    assert callbacks == []

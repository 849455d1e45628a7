"""After erasure no column outside the log joins the person's pseudonym or events to their user
id: history rows' actors and request ids, delivery tasks of their e-mails."""

import hashlib

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accessibility.models import BarrierReport
from munich_portal.audit import actions
from munich_portal.audit.context import processing_context
from munich_portal.messaging.actions import queue_email
from munich_portal.messaging.models import OutgoingEmail
from munich_portal.messaging.tasks import deliver_email_task
from services.models import Topic
from tests.accessibility.factories import BarrierReportFactory
from tests.factories import UserFactory
from tests.services.factories import TopicFactory

pytestmark = pytest.mark.django_db


def _task_row(email_id, traceback=""):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [email_id], "kwargs": {}},
        task_path=deliver_email_task.module_path,
        backend_name="default",
        run_after=timezone.now(),
        traceback=traceback,
    )


def _queue_for(user):
    return queue_email(
        kind="accounts.password_changed",
        source=user,
        recipient=user,
        to=user.email,
        subject="Passwort geändert",
        body="Hallo",
        language="de",
    )


def test_history_rows_lose_the_users_id_in_every_history_table(resident):
    """Also tables of models that are not declared (a staff member edits services)."""
    editor = UserFactory(staff=True, roles=["Redaktion"], email="eva.editor@example.org")
    with processing_context(actor=editor, purpose="user_account"):
        topic = TopicFactory()
        topic.name_de = "Neuer Name"
        topic.save()
    other_topic_history = Topic.history.filter(id=topic.pk).count()
    with processing_context(actor=resident):
        resident.full_name = "Anna B."
        resident.save()
    assert resident.history.filter(history_user_id=resident.pk).exists()
    own_report = BarrierReportFactory(reporter=resident)
    with processing_context(actor=editor, purpose="barrier_reports"):
        own_report.answered_by = editor
        own_report.save()

    actions.erase_subject(user=resident, reason="request")
    # Last: a later erasure's history rows copy the live row, which still names the (kept,
    # anonymised) staff account as "answered by".
    actions.erase_subject(user=editor, reason="request")

    assert not Topic.history.filter(history_user_id=editor.pk).exists()
    # The copies of the rows' own references to the users (reporter, answered by) too.
    report_history = BarrierReport.history.filter(id=own_report.pk)
    assert report_history.count() == 3
    assert not report_history.filter(reporter_id=resident.pk).exists()
    assert not report_history.filter(answered_by_id=editor.pk).exists()
    assert Topic.history.filter(id=topic.pk).count() == other_topic_history
    for history_model in actions._history_models():
        assert not history_model._base_manager.filter(
            history_user_id__in=[editor.pk, resident.pk]
        ).exists(), history_model._meta.label


def test_request_ids_of_the_persons_events_are_blanked_in_all_history(resident, staff):
    """A request id joins an event (pseudonym) to the history rows written in the same request,
    whatever they are about."""
    with processing_context(actor=staff, purpose="resident_support", request_id="req-anna"):
        actions.record_use(action="view", subject=resident, record=resident)
        same_request = BarrierReportFactory(name="Im selben Request")
    with processing_context(actor=staff, purpose="resident_support", request_id="req-other"):
        unrelated = BarrierReportFactory(name="Anderer Request")
    with processing_context(actor=resident, request_id="req-own-change"):
        resident.full_name = "Anna Beispiel-Neu"
        resident.save()

    with processing_context(request_id="req-erasure"):
        report = actions.erase_subject(user=resident, reason="request")

    history = BarrierReport.history
    assert set(history.filter(id=same_request.pk).values_list("request_id", flat=True)) == {""}
    assert set(history.filter(id=unrelated.pk).values_list("request_id", flat=True)) == {
        "req-other"
    }
    assert set(resident.history.values_list("request_id", flat=True)) == {""}
    # The erasure's event keeps its own request id; no history row shares it any more.
    assert report.event.request_id == "req-erasure"
    for history_model in actions._history_models():
        if actions._has_request_id(history_model):
            assert not history_model._base_manager.filter(
                request_id__in=["req-anna", "req-own-change", "req-erasure"]
            ).exists(), history_model._meta.label


def test_delivery_tasks_of_the_persons_e_mails_are_deleted(resident):
    email = _queue_for(resident)
    other_email = _queue_for(UserFactory())
    DBTaskResult.objects.all().delete()  # whatever the backend enqueued itself
    _task_row(email.pk, traceback=f"SMTPRecipientsRefused: {resident.email}")
    kept = _task_row(other_email.pk)

    actions.erase_subject(user=resident, reason="request")

    assert not OutgoingEmail.objects.filter(pk=email.pk).exists()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [kept.pk]


def test_rate_limit_entries_of_the_person_are_deleted(resident, settings):
    """The database cache keeps limit counters keyed by user id or by a plain SHA-256 of an
    e-mail address (allauth); erasure deletes them."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "erasure_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    cache = caches["default"]
    address_hash = hashlib.sha256(resident.email.encode()).hexdigest()
    cache.set(f"ratelimit:meine_daten.download:account:{resident.pk}", [1.0], 600)
    cache.set(f"allauth:rl:account:login_failed:5/300s:{address_hash}", [1.0], 600)
    cache.set(f"allauth:rl:mfa:reauthenticate:10/m:user:{resident.pk}", [1.0], 600)
    cache.set(f"ratelimit:meine_daten.download:account:{resident.pk}1", [1.0], 600)

    actions.erase_subject(user=resident, reason="request")

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM erasure_test_cache")
        keys = [key for (key,) in cursor.fetchall()]
    assert keys == [f":1:ratelimit:meine_daten.download:account:{resident.pk}1"]

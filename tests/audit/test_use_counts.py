"""The number of uses per subject, kept by the log's trigger (migration audit.0006, issue 17).

Meine Daten shows it; counting the uses on every visit grew with them. These tests hold the kept
number equal to a count over the log on every way into it: the queue (outside a transaction,
durable or not), the chain inside a transaction, many events in one statement (writers in
parallel: tests/audit/test_chain_queue.py); the migration's fill for events logged before it;
and the page's figure.
"""

import importlib
from collections import Counter

import pytest
from django.db import connection, transaction
from django.urls import reverse

from munich_portal.audit import actions
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import DataUseEvent, SubjectUseCount
from munich_portal.audit.selectors import record_counts_for_subject
from tests.factories import UserFactory

migration = importlib.import_module("munich_portal.audit.migrations.0006_subject_use_count")


def _counted() -> dict:
    return dict(SubjectUseCount.objects.values_list("pseudonym", "uses"))


def _in_the_log() -> dict:
    return dict(
        Counter(
            DataUseEvent.objects.exclude(subject_pseudonym=None).values_list(
                "subject_pseudonym", flat=True
            )
        )
    )


@pytest.mark.django_db
def test_events_chained_in_a_transaction_count_for_their_subject_only():
    anna, ben = UserFactory(), UserFactory()
    with processing_context(actor=anna):
        for _ in range(3):
            actions.record_use(action="view", subject=anna, details={"view": "meine_daten"})
    with processing_context(actor="system", purpose="user_account"):
        actions.record_use(action="view", subject=ben, record=ben)

    assert _counted() == {actions.pseudonym_for(anna): 3, actions.pseudonym_for(ben): 1}
    assert _counted() == _in_the_log()
    assert record_counts_for_subject(anna).uses == 3
    assert record_counts_for_subject(ben).uses == 1


@pytest.mark.django_db
def test_a_person_whose_data_was_never_used_has_no_uses():
    nobody = UserFactory()
    counts = record_counts_for_subject(nobody)
    assert (counts.uses, counts.pseudonym) == (0, None)


@pytest.mark.django_db
def test_many_events_in_one_statement_count_each():
    """A batch of uses (a staff list of many residents) is one ``bulk_create`` of many rows."""
    residents = UserFactory.create_batch(5)
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    with processing_context(actor=staff, purpose="resident_support", channel="admin"):
        for page in (1, 2):
            actions.record_batch_use(
                action="list", criteria={"page": page}, subjects=residents, record_type=""
            )

    assert _counted() == _in_the_log()
    assert sorted(_counted().values()) == [2, 2, 2, 2, 2]
    # The batch events themselves have no subject: in the log, in no count.
    assert DataUseEvent.objects.filter(subject_pseudonym=None).count() == 2


@pytest.mark.django_db
def test_the_database_refuses_a_count_below_one():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        SubjectUseCount.objects.create(pseudonym="0d8c8e55-7f0e-4f4e-9a56-5d6f1c2b3a41", uses=0)


@pytest.mark.django_db
def test_the_migration_fills_in_the_counts_of_events_logged_before_it():
    anna, ben = UserFactory(), UserFactory()
    with processing_context(actor="system", purpose="user_account"):
        for person in (anna, anna, ben):
            actions.record_use(action="view", subject=person, record=person)
    expected = _in_the_log()
    SubjectUseCount.objects.all().delete()  # the state before the migration: no counts

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.fill_counts(None, editor)

    assert (
        _counted()
        == expected
        == {
            actions.pseudonym_for(anna): 2,
            actions.pseudonym_for(ben): 1,
        }
    )


@pytest.mark.django_db
def test_meine_daten_shows_the_kept_number_and_each_visit_adds_one(client):
    resident = UserFactory()
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    with processing_context(actor=staff, purpose="resident_support", channel="admin"):
        for _ in range(4):
            actions.record_use(action="view", subject=resident, record=resident)
    client.force_login(resident)

    first = client.get(reverse("audit:meine_daten"))
    second = client.get(reverse("audit:meine_daten"))

    # The first visit is the fifth use: the page is logged before it counts.
    assert first.context["counts"].uses == 5
    assert second.context["counts"].uses == 6
    assert first.context["page"].paginator.count == 5
    assert _counted() == _in_the_log() == {actions.pseudonym_for(resident): 6}


@pytest.mark.django_db
def test_meine_daten_reads_the_kept_number_not_a_count_over_the_log(client, superuser_sql):
    """The overview's figure comes from the kept number: set apart from the log (as only the
    database's superuser can), the page shows the kept one."""
    resident = UserFactory()
    with processing_context(actor="system", purpose="user_account"):
        actions.record_use(action="view", subject=resident, record=resident)
    superuser_sql(
        "UPDATE audit_subjectusecount SET uses = 1000 WHERE pseudonym = %s",
        [actions.pseudonym_for(resident)],
    )
    client.force_login(resident)

    response = client.get(reverse("audit:meine_daten"))

    assert response.context["counts"].uses == 1001  # and this visit, counted by the trigger
    assert response.context["page"].paginator.count == 1001

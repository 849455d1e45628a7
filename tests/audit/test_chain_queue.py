"""Events written outside a transaction go through the queue and are chained in order (issue 17).

These tests commit: the queue path runs only outside a transaction (inside one, events are
chained in it, as ``test_chain.py`` shows).
"""

import threading

import pytest
from django.db import connection, transaction

from munich_portal.audit import actions
from munich_portal.audit.chain import (
    CHAIN_FUNCTION,
    GENESIS_HASH,
    chain_function_body,
    chain_pending,
    event_row,
    hash_row,
    verify_chain,
)
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import DataUseEvent, PendingUse, SubjectUseCount
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("committed_db")


@pytest.fixture(autouse=True)
def _fresh_log(committed_db):
    """These tests count events from 1: the log and its queue start empty."""
    assert not DataUseEvent.objects.exists()
    assert not PendingUse.objects.exists()
    yield
    PendingUse.objects.all().delete()


def _queue_row(user, *, record_id: str) -> None:
    """A queued event as a writer leaves it when it dies between its commit and the chaining."""
    PendingUse.objects.create(
        occurred_at="2026-12-07T07:00:00Z",
        actor_pseudonym="system",
        actor_role="system",
        subject_pseudonym=actions.pseudonym_for(user),
        action="view",
        record_type="accounts.user",
        record_id=record_id,
        purpose="user_account",
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
        channel="system",
        details={"ä": ['"quoted"', "back\\slash", 1, None, True]},
    )


def test_the_installed_function_is_the_one_the_code_describes():
    """Migration 0005 froze the function's body; a changed canonical form needs a new one."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [CHAIN_FUNCTION])
        (source,) = cursor.fetchone()
    assert source == chain_function_body()


@pytest.mark.parametrize("durable", [True, False])
def test_a_use_logged_outside_a_transaction_is_in_the_chain_when_the_call_returns(durable):
    resident = UserFactory()
    assert not connection.in_atomic_block
    with processing_context(actor=resident, request_id="req-1"):
        actions.record_use(
            action="view", subject=resident, details={"view": "meine_daten"}, durable=durable
        )
    assert not PendingUse.objects.exists()
    (event,) = DataUseEvent.objects.all()
    assert (event.seq, event.prev_hash) == (1, GENESIS_HASH)
    assert event.subject_pseudonym == actions.pseudonym_for(resident)
    assert (event.actor_pseudonym, event.purpose, event.request_id) == (
        "self",
        "data_subject_rights",
        "req-1",
    )
    assert event.details == {"view": "meine_daten"}
    # The database hashed the same canonical text as Python does.
    assert event.hash == hash_row(event_row(event))
    assert verify_chain().ok


def test_queued_events_left_behind_are_chained_by_the_next_writer_in_queue_order():
    resident = UserFactory()
    _queue_row(resident, record_id="first")
    _queue_row(resident, record_id="second")
    actions.record_use(action="view", subject=resident, actor=resident, record_id="third")
    assert not PendingUse.objects.exists()
    assert list(DataUseEvent.objects.order_by("seq").values_list("seq", "record_id")) == [
        (1, "first"),
        (2, "second"),
        (3, "third"),
    ]
    result = verify_chain()
    assert result.ok, result.message
    assert result.checked == 3


def test_chain_pending_chains_what_is_queued_and_nothing_twice():
    resident = UserFactory()
    _queue_row(resident, record_id="1")
    assert chain_pending() == 1
    assert chain_pending() == 0
    assert DataUseEvent.objects.count() == 1
    assert verify_chain().ok


def test_queued_events_follow_events_chained_inside_a_transaction():
    """Both paths take the same lock and build on the same head: one chain."""
    resident = UserFactory()
    with transaction.atomic():
        actions.record_use(action="view", subject=resident, actor=resident)
    actions.record_use(action="view", subject=resident, actor=resident)
    with transaction.atomic():
        inside = actions.record_use(action="view", subject=resident, actor=resident)
    assert inside.seq == 3
    assert list(DataUseEvent.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3]
    assert verify_chain().ok


def test_writers_on_both_paths_in_parallel_keep_one_gap_free_chain_and_every_count():
    """Eight writers, two per resident, through the queue (durable or not) and inside
    transactions: one gap-free chain, and each resident's number of uses (kept by the log's
    trigger, audit.0006) is the number of their events."""
    residents = UserFactory.create_batch(4, verified=False)
    errors = []

    def write(person, index):
        try:
            for number in range(10):
                if index % 2:
                    with transaction.atomic():
                        actions.record_use(action="view", subject=person, purpose="user_account")
                else:
                    actions.record_use(
                        action="view",
                        subject=person,
                        purpose="user_account",
                        durable=bool(number % 2),
                    )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write, args=(person, index))
        for index, person in enumerate(person for person in residents for _path in (1, 2))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert not PendingUse.objects.exists()
    seqs = list(DataUseEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 81))
    assert verify_chain().ok
    kept = dict(SubjectUseCount.objects.values_list("pseudonym", "uses"))
    assert kept == {actions.pseudonym_for(person): 20 for person in residents}


def test_a_failing_queue_write_leaves_the_connection_usable():
    resident = UserFactory()
    event = DataUseEvent(
        occurred_at=None,
        actor_pseudonym="system",
        actor_role="system",
        subject_pseudonym=actions.pseudonym_for(resident),
        action="view",
        record_type="accounts.user",
        record_id="1",
        purpose="x" * 65,  # longer than the column: the INSERT fails inside BEGIN … COMMIT
        channel="system",
        details={},
    )
    from munich_portal.audit.chain import queue_events

    with pytest.raises(Exception, match="too long"):
        queue_events([event])
    assert DataUseEvent.objects.count() == 0
    actions.record_use(action="view", subject=resident, actor=resident)
    assert DataUseEvent.objects.count() == 1

"""Tests whose data must be committed: another process (pg_dump) or threads read it."""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection

from munich_portal.accounts.actions import delete_account
from munich_portal.accounts.sessions import SessionStore
from munich_portal.audit import actions
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import DataUseEvent
from tests.audit.dump_search import dump_database
from tests.factories import UserFactory

EMAIL = "xaver.zwiebelhueber@example.org"
SECOND_EMAIL = "x.zwiebel.privat@example.org"
NAME = "Xaver Zwiebelhüber"
NEW_NAME = "Xaver Zwiebelhüber-Quast"


def test_after_account_deletion_no_table_holds_the_residents_data(committed_db):
    """A dump of every table contains neither e-mail address nor name, and the log verifies."""
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"], mfa=True)
    resident = UserFactory(email=EMAIL, full_name=NAME, mfa=True)
    EmailAddress.objects.create(user=resident, email=SECOND_EMAIL)
    with processing_context(actor=staff, purpose="resident_support", case_number="KVR-1"):
        resident.full_name = NEW_NAME
        resident.save()
        actions.record_use(action="view", subject=resident, record=resident)
        actions.record_batch_use(
            action="list", records=EmailAddress.objects.filter(user=resident), criteria={}
        )
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=[resident],
        action_flag=CHANGE,
        change_message=[{"added": {"name": "e-mail address", "object": SECOND_EMAIL}}],
    )
    session = SessionStore()
    session["_auth_user_id"] = str(resident.pk)
    session["last_search"] = NAME
    session.create()

    before = dump_database()
    assert EMAIL in before and NAME in before  # the dump does see them while they exist

    with processing_context(actor=resident):
        delete_account(user=resident)

    dump = dump_database().casefold()
    for value in (EMAIL, SECOND_EMAIL, NAME, NEW_NAME, "zwiebel"):
        assert value.casefold() not in dump, value
    # Escaped forms (JSON in the admin log) too.
    assert "zwiebelh\\u00fc".casefold() not in dump
    result = verify_chain()
    assert result.ok, result.message
    assert result.checked == DataUseEvent.objects.count() >= 4


def test_concurrent_writers_never_fork_the_chain(committed_db):
    """Writers in parallel transactions queue on the chain lock: one gap-free chain."""
    residents = UserFactory.create_batch(4, verified=False)
    errors = []

    def write(person):
        try:
            for _ in range(15):
                actions.record_use(action="view", subject=person, purpose="user_account")
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(person,)) for person in residents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    seqs = list(DataUseEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 61))
    assert verify_chain().ok


@pytest.fixture(autouse=True)
def _fresh_log(committed_db):
    """These tests count events from 1: the log starts empty."""
    assert not DataUseEvent.objects.exists()

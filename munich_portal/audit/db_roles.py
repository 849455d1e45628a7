"""The application's database role: everything it needs, and on the audit log no more than append.

Migrations run as the role that owns the tables (the owner can ALTER a table and DISABLE its
triggers, so it must not be the role the application runs as). The application runs as another
role; :func:`grant_app_role`, run as the owner (``manage.py setup_db_roles``), gives it:

- ``CONNECT`` on the database and ``USAGE`` on the schema (no ``CREATE``);
- ``SELECT, INSERT, UPDATE, DELETE`` on every ordinary table, ``USAGE, SELECT`` on every sequence;
- on the data-use log and its anchors only ``SELECT, INSERT`` (:data:`APPEND_ONLY_TABLES`);
- on the pseudonym link only ``SELECT, INSERT, DELETE``: created on first use (``INSERT … ON
  CONFLICT DO NOTHING``), deleted on erasure, never changed (:data:`NO_UPDATE_TABLES`);
- on the numbers of uses per subject only ``SELECT``: the log's trigger keeps them, with its
  owner's rights (:data:`COUNTED_TABLES`, migration ``audit.0006``);
- never ``TRUNCATE``, ``TRIGGER`` or ``REFERENCES``, and no ownership;
- the same by default for tables and sequences the owner creates later (``ALTER DEFAULT
  PRIVILEGES``), so a new table works before the next run; the restrictions of the audit tables
  are re-applied on every run.

With ``DATABASE_OWNER_URL`` set, ``migrate`` and ``createcachetable`` run as the owner
(:func:`owner_connection`) and grant the app role (the user of ``DATABASE_URL``) afterwards
(:func:`grant_configured_app_role`), so a migration never leaves it without rights.

Everything runs in one transaction, so a rerun (idempotent) never leaves the role without its
rights for a moment.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass, field

from psycopg import sql

__all__ = [
    "APPEND_ONLY_TABLES",
    "COUNTED_TABLES",
    "NO_UPDATE_TABLES",
    "RoleProblem",
    "RoleReport",
    "app_role",
    "grant_app_role",
    "grant_configured_app_role",
    "owner_configured",
    "owner_connection",
]

#: Append and read, nothing else: the triggers of audit.0002 refuse the rest even to the owner.
APPEND_ONLY_TABLES = ("audit_datauseevent", "audit_auditanchor")
#: Read, create, delete; never update (the pseudonym link: see actions.pseudonyms_for, erasure).
NO_UPDATE_TABLES = ("audit_subjectpseudonym",)
#: Read only: kept by a trigger on the log that runs with the owner's rights (audit.0006).
COUNTED_TABLES = ("audit_subjectusecount",)

_TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
_SEQUENCE_PRIVILEGES = "USAGE, SELECT"


class RoleProblem(Exception):
    """The app role cannot be made safe (it is the owner, a superuser, or owns tables)."""


@dataclass
class RoleReport:
    role: str
    created: bool = False
    password_set: bool = False
    statements: list[str] = field(default_factory=list)


def grant_app_role(
    connection, role: str, *, password: str | None = None, schema: str = "public"
) -> RoleReport:
    """Create ``role`` if needed and give it exactly the application's rights; return a report.

    ``connection`` is a Django connection of the owner. Creating the role needs ``CREATEROLE``
    (or a DBA creates it first: then only the grants are made). ``password`` (re)sets the role's
    password; without it an existing role keeps its own.
    """
    report = RoleReport(role=role)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's cursor: sql.Composed needs it
        owner = _current_user(raw)
        if role == owner:
            raise RoleProblem(
                f"The app role {role} is the role running this command (the owner): use another."
            )
        report.created = _ensure_role(raw, role, report)
        _check_role(raw, role, owner, schema)
        if password is not None:
            _execute(
                raw,
                report,
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(role), sql.Literal(password)
                ),
                shown=f"ALTER ROLE {role} PASSWORD '…'",
            )
            report.password_set = True
        for statement in _grants(raw, role, owner, schema):
            _execute(raw, report, statement)
    return report


def _current_user(cursor) -> str:
    cursor.execute("SELECT current_user")
    return cursor.fetchone()[0]


def _ensure_role(cursor, role: str, report: RoleReport) -> bool:
    cursor.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", [role])
    if cursor.fetchone():
        return False
    _execute(cursor, report, sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    return True


def _check_role(cursor, role: str, owner: str, schema: str) -> None:
    """Refuse a role that could get round the restrictions: a superuser, a member of the owner
    role (``SET ROLE``), the owner of a table (owners may alter and disable triggers)."""
    cursor.execute(
        "SELECT rolsuper, rolbypassrls, pg_catalog.pg_has_role(%s, %s, 'MEMBER') "
        "FROM pg_catalog.pg_roles WHERE rolname = %s",
        [role, owner, role],
    )
    superuser, bypass_rls, member_of_owner = cursor.fetchone()
    if superuser or bypass_rls:
        raise RoleProblem(f"The app role {role} is a superuser (or bypasses row security).")
    if member_of_owner:
        raise RoleProblem(f"The app role {role} is a member of the owner role {owner}.")
    cursor.execute(
        "SELECT c.relname FROM pg_catalog.pg_class c "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND pg_catalog.pg_get_userbyid(c.relowner) = %s "
        "ORDER BY c.relname",
        [schema, role],
    )
    owned = [name for (name,) in cursor.fetchall()]
    if owned:
        raise RoleProblem(
            f"The app role {role} owns {', '.join(owned)}: give them to the owner first "
            f"(ALTER TABLE … OWNER TO {owner})."
        )


def _existing_tables(cursor, schema: str, names: tuple[str, ...]) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_catalog.pg_class c "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relname = ANY(%s) AND c.relkind IN ('r', 'p') "
        "ORDER BY c.relname",
        [schema, list(names)],
    )
    return [name for (name,) in cursor.fetchall()]


def _grants(cursor, role: str, owner: str, schema: str) -> list[sql.Composable]:
    ident = sql.Identifier(role)
    nsp = sql.Identifier(schema)
    statements: list[sql.Composable] = [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(_current_database(cursor)), ident
        ),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(nsp, ident),
        # REVOKE ALL first: a rerun also takes back what someone granted by hand (TRUNCATE, ALL).
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(nsp, ident),
        sql.SQL("GRANT " + _TABLE_PRIVILEGES + " ON ALL TABLES IN SCHEMA {} TO {}").format(
            nsp, ident
        ),
        sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(nsp, ident),
        sql.SQL("GRANT " + _SEQUENCE_PRIVILEGES + " ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
            nsp, ident
        ),
    ]
    for table in _existing_tables(cursor, schema, APPEND_ONLY_TABLES):
        statements += _restrict(nsp, table, ident, "SELECT, INSERT")
    for table in _existing_tables(cursor, schema, NO_UPDATE_TABLES):
        statements += _restrict(nsp, table, ident, "SELECT, INSERT, DELETE")
    for table in _existing_tables(cursor, schema, COUNTED_TABLES):
        statements += _restrict(nsp, table, ident, "SELECT")
    statements += [
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT "
            + _TABLE_PRIVILEGES
            + " ON TABLES TO {}"
        ).format(sql.Identifier(owner), nsp, ident),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT "
            + _SEQUENCE_PRIVILEGES
            + " ON SEQUENCES TO {}"
        ).format(sql.Identifier(owner), nsp, ident),
    ]
    return statements


def _restrict(schema: sql.Identifier, table: str, role: sql.Identifier, privileges: str):
    target = sql.SQL("{}.{}").format(schema, sql.Identifier(table))
    return [
        sql.SQL("REVOKE ALL ON {} FROM {}").format(target, role),
        sql.SQL("GRANT " + privileges + " ON {} TO {}").format(target, role),
    ]


def _current_database(cursor) -> str:
    cursor.execute("SELECT current_database()")
    return cursor.fetchone()[0]


def _execute(cursor, report: RoleReport, statement, *, shown: str | None = None) -> None:
    cursor.execute(statement)
    report.statements.append(shown or statement.as_string(cursor))


# --- The owner's connection ---------------------------------------------------------------------


def owner_configured() -> bool:
    from django.conf import settings

    return bool(settings.DATABASE_OWNER)


def app_role() -> str | None:
    """The role to grant: the user of DATABASE_URL, if an owner connection is configured and
    logs in as another role; else ``None`` (one role for everything, as in development)."""
    from django.conf import settings

    owner = settings.DATABASE_OWNER
    if not owner:
        return None
    app_user = settings.DATABASES["default"].get("USER") or ""
    return app_user if app_user and app_user != owner.get("USER") else None


@contextlib.contextmanager
def owner_connection():
    """Inside the block Django's default connection logs in as the owner (DATABASE_OWNER_URL).

    The default alias itself is switched, not a second alias used, so that data migrations and
    ``post_migrate`` handlers that do not pass ``using`` run as the owner too. The database name
    stays the current connection's (a test database stays the test database). Without an owner
    connection configured, nothing changes.
    """
    from django.conf import settings
    from django.db import DEFAULT_DB_ALIAS, connections

    owner = settings.DATABASE_OWNER
    if not owner:
        yield connections[DEFAULT_DB_ALIAS]
        return
    original = connections[DEFAULT_DB_ALIAS]
    wanted = {**copy.deepcopy(owner), "NAME": original.settings_dict["NAME"]}
    configured = connections.configure_settings({DEFAULT_DB_ALIAS: wanted})[DEFAULT_DB_ALIAS]
    original.close()
    wrapper = original.__class__(configured, alias=DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        connections[DEFAULT_DB_ALIAS] = original


def grant_configured_app_role(connection) -> RoleReport | None:
    """After ``migrate``/``createcachetable`` as the owner: the app role's grants, in one
    transaction (the default privileges cover new tables, but only a run re-applies the audit
    tables' restrictions to a table a migration re-created)."""
    from django.db import transaction

    role = app_role()
    if role is None:
        return None
    with transaction.atomic(using=connection.alias):
        return grant_app_role(connection, role)

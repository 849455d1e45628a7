"""Empty the database after a transactional test in a tenth of the time Django's flush takes.

After each transactional test (live server, concurrency) Django runs ``flush``: one TRUNCATE of
all 111 tables and then the ``post_migrate`` handlers, which create the content types, the
permissions and the roles again (core/roles.py). That costs about 0.9 s per test, most of it
for tables the test never touched, and there are some 300 such tests.

The state a flush leaves is always the same: every table empty except the ones ``post_migrate``
fills. So the first reset in a worker is Django's own flush; it records which tables are filled
afterwards (the *baseline*) and a fingerprint of their rows. Every later reset compares the
baseline tables with that fingerprint: unchanged, it deletes the rows of every other table that
has any (one query finds them) — the same state as a flush; changed (a test edited a role or a
permission), it runs Django's flush again and records anew. Deleting runs with
``session_replication_role = replica`` for that one transaction, so neither foreign keys nor the
data-use log's append-only triggers (audit migration 0002) hold it up — as the flush's TRUNCATE
is let through them (tests/conftest.py).

Sequences keep counting, as with Django's flush (``reset_sequences=False``); a test case that
asks for reset sequences or for more than the default database gets Django's flush.
"""

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test import TransactionTestCase

_baseline: dict[str, str] = {}  # table -> fingerprint of its rows right after a flush


def install() -> None:
    """Route TransactionTestCase's teardown through ``reset`` (once per process)."""
    if getattr(TransactionTestCase._fixture_teardown, "fast_reset", False):
        return
    django_flush = TransactionTestCase._fixture_teardown

    def fixture_teardown(test_case):
        databases = list(test_case._databases_names(include_mirrors=False))
        if test_case.reset_sequences or databases != [DEFAULT_DB_ALIAS] or not reset():
            connection.execute_wrappers.append(_truncate_past_append_only_triggers)
            try:
                django_flush(test_case)
            finally:
                if _truncate_past_append_only_triggers in connection.execute_wrappers:
                    connection.execute_wrappers.remove(_truncate_past_append_only_triggers)
            record_baseline()

    fixture_teardown.fast_reset = True
    TransactionTestCase._fixture_teardown = fixture_teardown


def _truncate_past_append_only_triggers(execute, sql, params, many, context):
    """Let the flush's TRUNCATE through the append-only triggers, then step aside. ``SET LOCAL``
    holds for the flush's own transaction only; superuser rights are needed, as for the audit
    tests' ``committed_db`` fixture (tests/audit/conftest.py)."""
    if sql.lstrip().upper().startswith("TRUNCATE"):
        connection.execute_wrappers.remove(_truncate_past_append_only_triggers)
        context["cursor"].execute("SET LOCAL session_replication_role = replica")
    return execute(sql, params, many, context)


def _tables() -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def _filled(tables: list[str]) -> list[str]:
    """The tables among ``tables`` with at least one row, in one query."""
    if not tables:
        return []
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 (introspected names)
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(union, tables)
        return [row[0] for row in cursor.fetchall()]


def _fingerprints(tables: list[str]) -> dict[str, str]:
    """An md5 over each table's rows (as text, sorted): equal exactly when the rows are."""
    if not tables:
        return {}
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(
        "SELECT %s, md5(coalesce(string_agg(row::text, '|' ORDER BY row::text), '')) "  # noqa: S608
        f"FROM {quote(table)} AS row"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(union, tables)
        return dict(cursor.fetchall())


def record_baseline() -> None:
    """Remember the tables a flush leaves filled and their rows' fingerprints."""
    _baseline.clear()
    _baseline.update(_fingerprints(_filled(_tables())))


def reset() -> bool:
    """Empty every table outside the baseline; False (nothing done) if no baseline is known or a
    baseline table differs from it, and the caller must flush."""
    if not _baseline or _fingerprints(list(_baseline)) != _baseline:
        return False
    others = [table for table in _tables() if table not in _baseline]
    filled = _filled(others)
    if filled:
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in filled:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 (introspected names)
    return True

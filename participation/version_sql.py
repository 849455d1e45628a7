"""The SQL behind :class:`participation.models.ParticipationVersion` (migrations 0007 here and
results 0002): triggers on every table the public participation pages show give the one version
row a new random token, on insert, update, delete and truncate alike.

The row triggers are deferred to the end of the transaction (constraint triggers, ``INITIALLY
DEFERRED``): the version row is locked only while the transaction commits, after every other lock
it takes. So registrations, ideas and comments do not wait for each other on the version row
while they work, and no transaction holds it while waiting for an event row (no deadlock with
``SELECT … FOR UPDATE`` of an event). Readers see the new token together with the new data (both
become visible at the commit). Tests, whose transactions are rolled back and never committed,
fire them at once (``SET CONSTRAINTS participation_version IMMEDIATE``).
"""

from __future__ import annotations

FUNCTION = "participation_bump_version"
TRIGGER = "participation_version"
TRUNCATE_TRIGGER = "participation_version_truncate"

#: The participation tables, and the kernel's and services' rows the pages show (districts,
#: departments, the venue offices with their building accessibility).
TABLES = [
    "participation_process",
    "participation_process_stadtbezirke",
    "participation_phase",
    "participation_processdocument",
    "participation_event",
    "participation_registration",
    "participation_erasedregistrations",
    "participation_consenttext",
    "core_department",
    "core_stadtbezirk",
    "services_office",
]

CREATE_FUNCTION_SQL = [
    """
    CREATE OR REPLACE FUNCTION participation_bump_version() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO participation_participationversion (id, token, changed_at)
            VALUES (1, gen_random_uuid(), now())
            ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token, changed_at = EXCLUDED.changed_at;
        RETURN NULL;
    END
    $$;
    """,
    "INSERT INTO participation_participationversion (id, token, changed_at) "
    "VALUES (1, gen_random_uuid(), now()) ON CONFLICT (id) DO NOTHING;",
]
DROP_FUNCTION_SQL = [f"DROP FUNCTION IF EXISTS {FUNCTION}();"]


def create_triggers(tables: list[str]) -> list[str]:
    statements = []
    for table in tables:
        statements += [
            f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();",
            f"CREATE TRIGGER {TRUNCATE_TRIGGER} AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();",
        ]
    return statements


def drop_triggers(tables: list[str]) -> list[str]:
    statements = []
    for table in tables:
        statements += [
            f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table};",
            f"DROP TRIGGER IF EXISTS {TRUNCATE_TRIGGER} ON {table};",
        ]
    return statements

"""The SQL behind :class:`participation.models.ParticipationVersion` (migrations 0007 here and
results 0002): a statement-level trigger on every table the public participation pages show gives
the one version row a new random token, on insert, update, delete and truncate alike."""

from __future__ import annotations

FUNCTION = "participation_bump_version"
TRIGGER = "participation_version"

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
    return [
        f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();"
        for table in tables
    ]


def drop_triggers(tables: list[str]) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table};" for table in tables]

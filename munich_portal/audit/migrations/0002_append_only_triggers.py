"""The data-use log and its anchors are append-only: the database refuses changes.

Row triggers refuse UPDATE and DELETE, statement triggers refuse TRUNCATE (which fires no row
triggers) unless the table is already empty. A database superuser can still disable triggers; the hash chain and the anchors kept
outside the database detect what they do (docs/data-protection.md). Deployments should also give
the application's role only INSERT and SELECT on these tables.
"""

from django.db import migrations

TABLES = ("audit_datauseevent", "audit_auditanchor")

# TRUNCATE of an empty table changes nothing and is let through: test runners empty all tables
# with one TRUNCATE after tests that commit (and delete the log's rows first, as a superuser).
FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    has_rows boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO has_rows;
        IF NOT has_rows THEN
            RETURN NULL;
        END IF;
    END IF;
    RAISE EXCEPTION '% on % is refused: the data-use log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Events are only ever added (munich_portal.audit.actions.record_use); '
                     'see docs/data-protection.md.';
END;
$$;
"""


def _create(table):
    return (
        f"CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();\n"
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();"
    )


def _drop(table):
    return (
        f"DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};\n"
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};"
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql=[FUNCTION, *(_create(table) for table in TABLES)],
            reverse_sql=[*(_drop(table) for table in TABLES), "DROP FUNCTION audit_refuse_change();"],
        ),
    ]

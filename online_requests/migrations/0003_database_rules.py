"""What the database itself guarantees for online requests (hand-written SQL)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("online_requests", "0002_initial")]

    operations = [
        # Reference-number serials (online_requests.references).
        migrations.RunSQL(
            "CREATE SEQUENCE online_requests_serial_seq START WITH 1",
            reverse_sql="DROP SEQUENCE online_requests_serial_seq",
        ),
        # A published form version is immutable: only the "current" flag may change.
        migrations.RunSQL(
            """
            CREATE FUNCTION online_requests_formversion_immutable() RETURNS trigger AS $$
            BEGIN
                IF NEW.definition IS DISTINCT FROM OLD.definition
                   OR NEW.number IS DISTINCT FROM OLD.number
                   OR NEW.form_id IS DISTINCT FROM OLD.form_id
                   OR NEW.published_at IS DISTINCT FROM OLD.published_at THEN
                    RAISE EXCEPTION 'form version % is published and cannot be changed', OLD.id
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER online_requests_formversion_immutable
                BEFORE UPDATE ON online_requests_formversion
                FOR EACH ROW EXECUTE FUNCTION online_requests_formversion_immutable();
            """,
            reverse_sql="""
            DROP TRIGGER online_requests_formversion_immutable ON online_requests_formversion;
            DROP FUNCTION online_requests_formversion_immutable();
            """,
        ),
        # The status log is append-only (rows go only with their request).
        migrations.RunSQL(
            """
            CREATE FUNCTION online_requests_statuschange_append_only() RETURNS trigger AS $$
            BEGIN
                -- Only the actor may go (SET NULL when a staff account is removed).
                IF NEW.from_status IS DISTINCT FROM OLD.from_status
                   OR NEW.to_status IS DISTINCT FROM OLD.to_status
                   OR NEW.request_id IS DISTINCT FROM OLD.request_id
                   OR NEW.created_at IS DISTINCT FROM OLD.created_at
                   OR NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id THEN
                    RAISE EXCEPTION 'status changes are append-only'
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER online_requests_statuschange_append_only
                BEFORE UPDATE ON online_requests_statuschange
                FOR EACH ROW EXECUTE FUNCTION online_requests_statuschange_append_only();
            """,
            reverse_sql="""
            DROP TRIGGER online_requests_statuschange_append_only ON online_requests_statuschange;
            DROP FUNCTION online_requests_statuschange_append_only();
            """,
        ),
    ]

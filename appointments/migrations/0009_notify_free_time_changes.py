"""The change counters' trigger function also notifies ``appointments_free_times`` (issue 17).

Same triggers, same counter; the function adds ``pg_notify`` with the type's id. The triggers are
deferred, so the notification is sent with the commit of the change (never for a change that rolls
back). Each process's listener (``appointments.changes``) counts them, so the service-first page's
cached copy is checked without a query.
"""

from django.db import migrations

FUNCTION = """
    CREATE OR REPLACE FUNCTION appointments_count_slot_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
    DECLARE
        type_id bigint;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            type_id := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
        ELSE
            type_id := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
        END IF;
        INSERT INTO appointments_slotchanges (appointment_type_id, changes)
            VALUES (type_id, 1)
            ON CONFLICT (appointment_type_id)
            DO UPDATE SET changes = appointments_slotchanges.changes + 1;
        {notify}
        RETURN NULL;
    END
    $$;
"""

NOTIFY = "PERFORM pg_notify('appointments_free_times', type_id::text);"


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0008_booking_people"),
    ]

    operations = [
        migrations.RunSQL(FUNCTION.format(notify=NOTIFY), FUNCTION.format(notify="")),
    ]

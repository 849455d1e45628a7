"""A counter per appointment type of the changes to its free times, kept by database triggers.

The triggers are deferred constraint triggers: they run at commit, after everything else the
transaction did, so the counter row is locked last and only for the commit (bookings at the same
type queue there for a moment, never in the middle of their work, and no lock order with the slot
rows can deadlock). A counter only ever grows and is raised in the transaction of the change, so a
token read before a page is rendered is always older than or equal to what the page shows
(docs/decisions.md, "Service-first page: the cache token").
"""

from django.db import migrations, models

COUNT_SQL = [
    """
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
        RETURN NULL;
    END
    $$;
    """,
    # Slots added or deleted, and slots whose row changed (taken, capacity, times).
    "CREATE CONSTRAINT TRIGGER appointments_slot_changes AFTER INSERT OR DELETE "
    "ON appointments_slot DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
    "EXECUTE FUNCTION appointments_count_slot_change('appointment_type_id');",
    "CREATE CONSTRAINT TRIGGER appointments_slot_updates AFTER UPDATE "
    "ON appointments_slot DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
    "WHEN (OLD.* IS DISTINCT FROM NEW.*) "
    "EXECUTE FUNCTION appointments_count_slot_change('appointment_type_id');",
    # The type itself (active, name, duration) and its services.
    "CREATE CONSTRAINT TRIGGER appointments_type_changes AFTER UPDATE "
    "ON appointments_appointmenttype DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
    "WHEN (OLD.* IS DISTINCT FROM NEW.*) "
    "EXECUTE FUNCTION appointments_count_slot_change('id');",
    "CREATE CONSTRAINT TRIGGER appointments_type_service_changes AFTER INSERT OR DELETE "
    "ON appointments_appointmenttype_services DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
    "EXECUTE FUNCTION appointments_count_slot_change('appointmenttype_id');",
]

DROP_SQL = [
    "DROP TRIGGER IF EXISTS appointments_slot_changes ON appointments_slot;",
    "DROP TRIGGER IF EXISTS appointments_slot_updates ON appointments_slot;",
    "DROP TRIGGER IF EXISTS appointments_type_changes ON appointments_appointmenttype;",
    "DROP TRIGGER IF EXISTS appointments_type_service_changes "
    "ON appointments_appointmenttype_services;",
    "DROP FUNCTION IF EXISTS appointments_count_slot_change();",
]


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0006_waiting_list_for_a_service_at_any_office"),
    ]

    operations = [
        migrations.CreateModel(
            name="SlotChanges",
            fields=[
                ("appointment_type_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("changes", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "changes of an appointment type's free times",
                "verbose_name_plural": "changes of appointment types' free times",
            },
        ),
        migrations.RunSQL(COUNT_SQL, DROP_SQL),
    ]

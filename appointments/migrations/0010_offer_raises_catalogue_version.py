"""The appointments offer raises the catalogue version (issue 17, round 2).

The service and office pages show which services can be booked where (the "Termin vereinbaren"
button, the office cards' booking links, an office's appointment types). That offer changes as
rarely as the catalogue (staff edits), so it is versioned with it: statement triggers on the types
and their services call the catalogue's own function (``services_bump_catalogue_version``,
services 0001), and the pages and fragments kept per catalogue version follow the offer at once
(docs/decisions.md, "Issue 17, round 2: the appointments offer").

A type's ``UPDATE`` counts only when it sets a column the pages show: ``slots.ensure_slots`` sets
``slots_generated_until`` alone whenever it extends a type's slots, and that must not throw every
catalogue page away. Django's ``save()`` sets every column, so every edit in the admin counts.
Free times (slots) are not part of the offer: the pages do not show them.
"""

from django.db import migrations

FUNCTION = "services_bump_catalogue_version"
TRIGGER = "appointments_offer_version"
#: The type's columns the pages show, or that decide whether it is shown.
SHOWN_COLUMNS = "office_id, name_de, name_en, active, position"
EVENTS = {
    "appointments_appointmenttype": f"INSERT OR UPDATE OF {SHOWN_COLUMNS} OR DELETE OR TRUNCATE",
    "appointments_appointmenttype_services": "INSERT OR UPDATE OR DELETE OR TRUNCATE",
}

CREATE_SQL = [
    f"CREATE TRIGGER {TRIGGER} AFTER {events} ON {table} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();"
    for table, events in EVENTS.items()
]
DROP_SQL = [f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table};" for table in EVENTS]


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0009_notify_free_time_changes"),
        ("services", "0002_search_synonyms"),
    ]

    operations = [
        migrations.RunSQL(CREATE_SQL, DROP_SQL),
    ]

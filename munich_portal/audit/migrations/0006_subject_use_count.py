"""The number of data-use events per subject pseudonym, kept by a trigger on the log.

Meine Daten shows how many uses of the resident's data the log holds. Counting them on each visit
grew with the count, and each visit is itself a use. An ``AFTER INSERT`` row trigger on
``audit_datauseevent`` (only for events with a subject) adds one to the subject's row of
``audit_subjectusecount`` in the inserting transaction: every way into the log (the queue's
function of 0005, ``bulk_create`` under the chain lock, a restore's ``COPY`` excepted — it
copies the counts too) keeps the count. The log is append-only (0002), so nothing ever
subtracts.

The function runs with the rights of the role that ran this migration (``SECURITY DEFINER``,
its search path fixed to ``pg_catalog`` and this schema), so the application's role needs only
``SELECT`` on the counts (``db_roles.COUNTED_TABLES``) and cannot change a count but by
appending events. The counts of the events already logged are filled in here.
"""

from django.db import migrations, models
from django.db.models import Q

FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.audit_count_use() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $count$
BEGIN
    INSERT INTO {schema}.audit_subjectusecount AS counted (pseudonym, uses)
        VALUES (NEW.subject_pseudonym, 1)
        ON CONFLICT (pseudonym) DO UPDATE SET uses = counted.uses OPERATOR(pg_catalog.+) 1;
    RETURN NULL;
END
$count$;
REVOKE ALL ON FUNCTION {schema}.audit_count_use() FROM PUBLIC;
CREATE TRIGGER audit_datauseevent_count_use AFTER INSERT ON {schema}.audit_datauseevent
    FOR EACH ROW WHEN (NEW.subject_pseudonym IS NOT NULL)
    EXECUTE FUNCTION {schema}.audit_count_use();
"""

FILL = """
INSERT INTO {schema}.audit_subjectusecount (pseudonym, uses)
    SELECT subject_pseudonym, count(*) FROM {schema}.audit_datauseevent
    WHERE subject_pseudonym IS NOT NULL GROUP BY subject_pseudonym;
"""

DROP = """
DROP TRIGGER IF EXISTS audit_datauseevent_count_use ON {schema}.audit_datauseevent;
DROP FUNCTION IF EXISTS {schema}.audit_count_use();
"""


def _run(template: str):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = connection.ops.quote_name(cursor.fetchone()[0])
            cursor.execute(template.format(schema=schema))

    return run


#: The counts of the events logged before this migration (tests/audit/test_use_counts.py).
fill_counts = _run(FILL)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_chain_pending_function")]

    operations = [
        migrations.CreateModel(
            name="SubjectUseCount",
            fields=[
                (
                    "pseudonym",
                    models.UUIDField(
                        primary_key=True,
                        serialize=False,
                        verbose_name="data subject (pseudonym)",
                    ),
                ),
                ("uses", models.BigIntegerField(verbose_name="uses")),
            ],
            options={
                "verbose_name": "number of uses",
                "verbose_name_plural": "numbers of uses",
                "default_permissions": (),
                "constraints": [
                    models.CheckConstraint(
                        condition=Q(uses__gte=1), name="audit_use_count_positive"
                    )
                ],
            },
        ),
        migrations.RunPython(_run(FUNCTION), _run(DROP)),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
    ]

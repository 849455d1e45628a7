# The results page shows ideas, comments, supports and the city's summary: writes to them give the
# participation version a new token too (participation/version_sql.py).

from django.db import migrations

from participation import version_sql

TABLES = [
    "results_processresult",
    "ideas_idea",
    "ideas_ideacategory",
    "ideas_comment",
    "ideas_support",
]


class Migration(migrations.Migration):

    dependencies = [
        ('results', '0001_initial'),
        ('ideas', '0007_paper_comments_and_signature_lists'),
        ('participation', '0007_participation_version'),
    ]

    operations = [
        migrations.RunSQL(version_sql.create_triggers(TABLES), version_sql.drop_triggers(TABLES)),
    ]

"""The rate-limit windows' storage (issue 17, round 2), a migration of its own because the
CreateModel of 0003 creates its indexes at the end of that migration."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_ratelimit_window"),
    ]

    operations = [
        # Room on each page for the updated row (HOT updates: a hit never changes the key), and
        # no varchar_pattern_ops copy of the primary key: the limiter looks keys up by equality,
        # the erasure's LIKE '%:account:<id>' could not use it, and every new key (each proof of
        # work's challenge is one) would write it.
        migrations.RunSQL(
            sql="""
                ALTER TABLE core_ratelimitwindow SET (fillfactor = 70);
                DO $$
                DECLARE pattern_index text;
                BEGIN
                    FOR pattern_index IN
                        SELECT indexname FROM pg_indexes
                        WHERE tablename = 'core_ratelimitwindow' AND indexname LIKE '%\\_like'
                    LOOP
                        EXECUTE format('DROP INDEX %I', pattern_index);
                    END LOOP;
                END $$;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]

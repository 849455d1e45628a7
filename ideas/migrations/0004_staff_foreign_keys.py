"""Staff references are foreign keys to the user (issue 12, part 3; docs/decisions.md).

The integer columns keep their names (``<name>_id``) and values: each is renamed to the field name
and altered into a foreign key, which renames the column back and adds the constraint and index.
Staff accounts are deactivated, never deleted: PROTECT. A reference that may be the resident
(``cancelled_by``) keeps SET_NULL so that deleting a resident's account still works.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0003_comment_one_level"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="report", old_name="handled_by_id", new_name="handled_by"
        ),
        migrations.AlterField(
            model_name="report",
            name="handled_by",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="handled by",
            ),
        ),
        migrations.RenameField(
            model_name="historicalreport", old_name="handled_by_id", new_name="handled_by"
        ),
        migrations.AlterField(
            model_name="historicalreport",
            name="handled_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="handled by",
            ),
        ),
        migrations.RenameField(
            model_name="userblock", old_name="blocked_by_id", new_name="blocked_by"
        ),
        migrations.AlterField(
            model_name="userblock",
            name="blocked_by",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="blocked by",
            ),
        ),
        migrations.RenameField(
            model_name="historicaluserblock", old_name="blocked_by_id", new_name="blocked_by"
        ),
        migrations.AlterField(
            model_name="historicaluserblock",
            name="blocked_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="blocked by",
            ),
        ),
        migrations.RenameField(
            model_name="moderationdecision", old_name="decided_by_id", new_name="decided_by"
        ),
        migrations.AlterField(
            model_name="moderationdecision",
            name="decided_by",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.RenameField(
            model_name="historicalmoderationdecision",
            old_name="decided_by_id",
            new_name="decided_by",
        ),
        migrations.AlterField(
            model_name="historicalmoderationdecision",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        # Already foreign keys, SET_NULL until now.
        migrations.AlterField(
            model_name="idea",
            name="entered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered by",
            ),
        ),
        # Already foreign keys, SET_NULL until now.
        migrations.AlterField(
            model_name="idea",
            name="answered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="answered by",
            ),
        ),
    ]

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
        ("participation", "0002_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="registration", old_name="entered_by_id", new_name="entered_by"
        ),
        migrations.AlterField(
            model_name="registration",
            name="entered_by",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered by",
            ),
        ),
        migrations.RenameField(
            model_name="historicalregistration", old_name="entered_by_id", new_name="entered_by"
        ),
        migrations.AlterField(
            model_name="historicalregistration",
            name="entered_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered by",
            ),
        ),
        migrations.RenameField(
            model_name="registration", old_name="checked_in_by_id", new_name="checked_in_by"
        ),
        migrations.AlterField(
            model_name="registration",
            name="checked_in_by",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="checked in by",
            ),
        ),
        migrations.RenameField(
            model_name="historicalregistration",
            old_name="checked_in_by_id",
            new_name="checked_in_by",
        ),
        migrations.AlterField(
            model_name="historicalregistration",
            name="checked_in_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="checked in by",
            ),
        ),
        migrations.RenameField(
            model_name="registration", old_name="cancelled_by_id", new_name="cancelled_by"
        ),
        migrations.AlterField(
            model_name="registration",
            name="cancelled_by",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="cancelled by",
            ),
        ),
        migrations.RenameField(
            model_name="historicalregistration", old_name="cancelled_by_id", new_name="cancelled_by"
        ),
        migrations.AlterField(
            model_name="historicalregistration",
            name="cancelled_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="cancelled by",
            ),
        ),
    ]

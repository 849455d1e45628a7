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
        ("paper", "0003_form_serial_sequence"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="formbatch", old_name="issued_by_id", new_name="issued_by"
        ),
        migrations.AlterField(
            model_name="formbatch",
            name="issued_by",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="issued by",
            ),
        ),
        migrations.RenameField(
            model_name="historicalformbatch", old_name="issued_by_id", new_name="issued_by"
        ),
        migrations.AlterField(
            model_name="historicalformbatch",
            name="issued_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="issued by",
            ),
        ),
        migrations.RenameField(
            model_name="formsheet", old_name="entered_by_id", new_name="entered_by"
        ),
        migrations.AlterField(
            model_name="formsheet",
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
            model_name="historicalformsheet", old_name="entered_by_id", new_name="entered_by"
        ),
        migrations.AlterField(
            model_name="historicalformsheet",
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
            model_name="duplicatedecision", old_name="decided_by_id", new_name="decided_by"
        ),
        migrations.AlterField(
            model_name="duplicatedecision",
            name="decided_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
    ]

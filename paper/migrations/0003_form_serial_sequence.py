"""Serials of form numbers (paper.models.SERIAL_SEQUENCE): nextval() never hands the same serial
to two batches, even when organisers print at the same moment."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("paper", "0002_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE paper_form_serial_seq START WITH 1",
            reverse_sql="DROP SEQUENCE paper_form_serial_seq",
        ),
    ]

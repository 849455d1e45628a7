"""Batches in Leichte Sprache (issue 15, part 6): the language code de-x-ls needs 8 characters."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('paper', '0005_sheet_returns_and_lost_sheets'),
    ]

    operations = [
        migrations.AlterField(
            model_name='formbatch',
            name='language',
            field=models.CharField(choices=[('de', 'German'), ('en', 'English'), ('de-x-ls', 'Leichte Sprache')], default='de', max_length=8, verbose_name='language of the sheets'),
        ),
        migrations.AlterField(
            model_name='historicalformbatch',
            name='language',
            field=models.CharField(choices=[('de', 'German'), ('en', 'English'), ('de-x-ls', 'Leichte Sprache')], default='de', max_length=8, verbose_name='language of the sheets'),
        ),
    ]

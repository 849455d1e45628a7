"""The first accessibility statement (the interim page's content) and the sign-language video row.

A statement is required from the first day a public website is online, so every system gets one
by migration, not only demo systems. The content lives in ``accessibility.initial_content`` (plain
data), shared with the demo loader that restores it after tests empty the database.
"""

from django.db import migrations


def create_initial_content(apps, schema_editor):
    from accessibility.initial_content import BARRIERS, SIGN_LANGUAGE_VIDEO, STATEMENT

    Statement = apps.get_model("accessibility", "AccessibilityStatement")
    KnownBarrier = apps.get_model("accessibility", "KnownBarrier")
    Video = apps.get_model("accessibility", "SignLanguageVideo")
    if not Statement.objects.exists():
        from django.utils import timezone

        statement = Statement.objects.create(
            **STATEMENT, is_published=True, published_at=timezone.now()
        )
        for position, barrier in enumerate(BARRIERS):
            KnownBarrier.objects.create(statement=statement, position=position, **barrier)
    if not Video.objects.exists():
        Video.objects.create(**SIGN_LANGUAGE_VIDEO)


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0001_initial")]

    operations = [migrations.RunPython(create_initial_content, migrations.RunPython.noop)]

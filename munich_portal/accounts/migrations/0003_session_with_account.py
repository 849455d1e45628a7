import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def copy_sessions(apps, schema_editor):
    """Carry the open sessions over from Django's table, so nobody is signed out by the
    deploy; a session that does not decode (another secret key) is left behind, as Django would
    treat it as empty anyway."""
    from django.core import signing

    from munich_portal.accounts.sessions import SessionStore, session_user_id

    try:
        Old = apps.get_model("sessions", "Session")
    except LookupError:
        return
    New = apps.get_model("accounts", "Session")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    # Both engines' stores are called SessionStore: the data is signed with the same salt.
    salt = SessionStore().key_salt
    batch = []
    for old in Old.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=2000):
        try:
            data = signing.loads(old.session_data, salt=salt, serializer=signing.JSONSerializer)
        except (signing.BadSignature, ValueError):
            continue
        user_id = session_user_id(data)
        if user_id is not None and not User.objects.filter(pk=user_id).exists():
            continue
        batch.append(
            New(
                session_key=old.session_key,
                session_data=old.session_data,
                expire_date=old.expire_date,
                user_id=user_id,
            )
        )
        if len(batch) >= 2000:
            New.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    New.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_eid_identity_and_login"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="session key"
                    ),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="account",
                    ),
                ),
            ],
            options={
                "verbose_name": "sign-in session",
                "verbose_name_plural": "sign-in sessions",
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_sessions, migrations.RunPython.noop, elidable=True),
    ]

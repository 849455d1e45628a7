"""Factories with traits for the whole suite."""

import factory
from django.contrib.auth import get_user_model

DEFAULT_PASSWORD = "Sicheres-Passwort-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Residents have a verified primary e-mail address unless ``verified=False``."""
        if not create:
            return
        obj.save()
        if extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        """``roles=["Redaktion"]`` puts a staff user into those role groups."""
        if not create or not extracted:
            return
        from django.contrib.auth.models import Group

        from munich_portal.core.roles import sync_roles

        sync_roles()
        obj.groups.set(Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def departments(obj, create, extracted, **kwargs):
        """``departments=["KVR"]``: the staff member works for these departments (row scopes)."""
        if not create or not extracted:
            return
        from munich_portal.core.models import Department, StaffMembership

        for code in extracted:
            department = Department.objects.get_or_create(
                code=code, defaults={"name": f"Referat {code}"}
            )[0]
            StaffMembership.objects.get_or_create(user=obj, department=department)

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        """``mfa=True`` activates TOTP (secret :data:`TOTP_SECRET`) and recovery codes."""
        if not create or not extracted:
            return
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
        from allauth.mfa.totp.internal.auth import TOTP

        TOTP.activate(obj, TOTP_SECRET)
        RecoveryCodes.activate(obj)


TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def current_totp_code(secret: str = TOTP_SECRET) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def record_mfa_login(client, user) -> None:
    """Give ``client``'s session the record of a login with the second factor, as allauth writes
    it after the TOTP step (``{"method": "mfa", ...}``); the staff area requires it per session."""
    import time

    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.account.internal.userkit import user_id_to_str
    from allauth.mfa.models import Authenticator

    authenticator = (
        Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
        or Authenticator.objects.filter(user_id=user.pk).first()
    )
    if authenticator is None:
        raise ValueError(f"{user} has no authenticator: create them with mfa=True.")
    now = time.time()
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()


def force_login_as_real_login(original):
    """``Client.force_login`` that logs a user with an authenticator in the way a real login
    does: password *and* second factor (:func:`record_mfa_login`). ``mfa=False`` leaves the
    session without the second factor (a session opened before TOTP was set up).

    tests/conftest.py installs it for every test client, so tests keep calling
    ``client.force_login(staff)``.
    """
    import functools

    @functools.wraps(original)
    def force_login(self, user, backend=None, *, mfa=None):
        original(self, user, backend)
        if mfa is False:
            return
        from allauth.mfa.models import Authenticator

        if mfa or Authenticator.objects.filter(user_id=user.pk).exists():
            record_mfa_login(self, user)

    force_login.original = original
    return force_login

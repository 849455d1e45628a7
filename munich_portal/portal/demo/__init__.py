"""Demo data for ``make run``: Munich's districts, departments and one account per role, read from
``demo/core/`` (:mod:`munich_portal.portal.demo.data`); :data:`LOADERS` loads every app's demo data.

Every function is idempotent: running it again updates the rows it made and adds nothing twice.
Later issues add their own loaders to :data:`LOADERS`.
"""

from django.db import transaction
from django.utils.text import slugify

from munich_portal.core.models import Department, Stadtbezirk, StaffMembership
from munich_portal.core.roles import sync_roles
from munich_portal.portal.demo.accessibility import load_accessibility
from munich_portal.portal.demo.appointments import load_appointments
from munich_portal.portal.demo.data import de, en, load_yaml
from munich_portal.portal.demo.ideas import load_ideas
from munich_portal.portal.demo.online_requests import load_online_requests
from munich_portal.portal.demo.participation import load_participation
from munich_portal.portal.demo.results import load_results
from munich_portal.portal.demo.services import load_catalogue

# Public demo credentials (documented in README.md). loaddemo refuses to run in production.
DEMO_PASSWORD = "Muenchen-Demo-2026"  # noqa: S105
# One TOTP secret for all demo staff accounts so a reviewer can add it to an authenticator app
# once; `manage.py demo_totp` prints the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def demo_accounts() -> list[dict]:
    """The demo accounts (``demo/core/accounts.yaml``): email, name, role (the staff group's name;
    None for a resident), superuser and the departments a staff member works for."""
    return load_yaml("core/accounts.yaml")


def load_city_structure() -> str:
    districts = load_yaml("core/stadtbezirke.yaml")
    for district in districts:
        name = district["name"]
        Stadtbezirk.objects.update_or_create(
            number=district["number"], defaults={"name": name, "slug": slugify(name)}
        )
    departments = load_yaml("core/departments.yaml")
    for department in departments:
        code = department["code"]
        Department.objects.update_or_create(
            code=code,
            defaults={
                "name": de(department["name"]),
                "name_en": en(department["name"]),
                "email": f"{code.lower()}@muenchen.de",
            },
        )
    return f"{len(districts)} Stadtbezirke, {len(departments)} Referate"


def load_accounts() -> str:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    sync_roles()
    User = get_user_model()
    accounts = demo_accounts()
    for account in accounts:
        email, role = account["email"], account.get("role")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email)
            user.set_password(DEMO_PASSWORD)
        user.full_name = account["name"]
        user.is_staff = role is not None
        user.is_superuser = bool(account.get("superuser", False))
        user.is_active = True
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if role is not None:
            user.groups.set([Group.objects.get(name=role)])
            for code in account.get("departments", ()):
                StaffMembership.objects.get_or_create(
                    user=user, department=Department.objects.get(code=code)
                )
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
                RecoveryCodes.activate(user)
    return f"{len(accounts)} accounts"


LOADERS = [
    load_city_structure,
    load_accounts,
    load_catalogue,
    load_online_requests,
    load_appointments,
    load_participation,
    load_ideas,  # ideas and comments (issue 7), after the processes and the demo accounts
    load_results,  # the results demo process (issue 7), after the ideas
    load_accessibility,
]


@transaction.atomic
def load_all() -> list[str]:
    return [loader() for loader in LOADERS]

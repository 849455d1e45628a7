"""Demo data for ``make run``: Munich's districts, departments and one account per role.

Every function is idempotent: running it again updates the rows it made and adds nothing twice.
Later issues add their own loaders to :data:`LOADERS`.
"""

from django.db import transaction
from django.utils.text import slugify

from munich_portal.core.models import Department, Stadtbezirk, StaffMembership
from munich_portal.core.roles import Role, sync_roles
from munich_portal.portal.demo.accessibility import load_accessibility
from munich_portal.portal.demo.appointments import load_appointments
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

STADTBEZIRKE = [
    "Altstadt-Lehel",
    "Ludwigsvorstadt-Isarvorstadt",
    "Maxvorstadt",
    "Schwabing-West",
    "Au-Haidhausen",
    "Sendling",
    "Sendling-Westpark",
    "Schwanthalerhöhe",
    "Neuhausen-Nymphenburg",
    "Moosach",
    "Milbertshofen-Am Hart",
    "Schwabing-Freimann",
    "Bogenhausen",
    "Berg am Laim",
    "Trudering-Riem",
    "Ramersdorf-Perlach",
    "Obergiesing-Fasangarten",
    "Untergiesing-Harlaching",
    "Thalkirchen-Obersendling-Forstenried-Fürstenried-Solln",
    "Hadern",
    "Pasing-Obermenzing",
    "Aubing-Lochhausen-Langwied",
    "Allach-Untermenzing",
    "Feldmoching-Hasenbergl",
    "Laim",
]

DEPARTMENTS = [
    ("D", "Direktorium", "Mayor's Office"),
    ("KVR", "Kreisverwaltungsreferat", "Department of Public Order"),
    ("SOZ", "Sozialreferat", "Department of Social Services"),
    ("PLAN", "Referat für Stadtplanung und Bauordnung", "Department of Urban Planning"),
    ("MOR", "Mobilitätsreferat", "Department of Mobility"),
    ("BAU", "Baureferat", "Department of Public Works"),
    ("RBS", "Referat für Bildung und Sport", "Department of Education and Sports"),
    ("KULT", "Kulturreferat", "Department of Arts and Culture"),
    ("RKU", "Referat für Klima- und Umweltschutz", "Department of Climate and Environment"),
    ("GSR", "Gesundheitsreferat", "Department of Health"),
    ("KR", "Kommunalreferat", "Department of Municipal Services"),
    ("RAW", "Referat für Arbeit und Wirtschaft", "Department of Labour and Economic Development"),
    ("POR", "Personal- und Organisationsreferat", "Department of Human Resources"),
    ("SKA", "Stadtkämmerei", "City Treasury"),
    ("RIT", "IT-Referat", "IT Department"),
]

# e-mail, name, role (None: a resident), superuser
DEMO_ACCOUNTS = [
    ("resident@example.org", "Anna Bürger", None, False),
    ("resident2@example.org", "Mehmet Yilmaz", None, False),
    ("redaktion@example.org", "Rita Redaktion", Role.EDITORIAL, False),
    ("sachbearbeitung@example.org", "Sam Sachbearbeitung", Role.CASEWORK, False),
    ("erfassung@example.org", "Erik Erfassung", Role.DATA_ENTRY, False),
    ("veranstaltung@example.org", "Vera Veranstaltung", Role.EVENTS, False),
    ("barrierefreiheit@example.org", "Bea Barrierefrei", Role.ACCESSIBILITY, False),
    ("datenschutz@example.org", "Dana Datenschutz", Role.DATA_PROTECTION, False),
    ("admin@example.org", "Adam Administration", Role.ADMINISTRATION, True),
]


# The departments the demo staff work for (core.StaffMembership): the Bürgerbüros and the
# services with online requests belong to the KVR, so the case worker and the clerk see their
# bookings and requests (row scopes, issue 11).
DEMO_DEPARTMENTS = {Role.CASEWORK: ("KVR",), Role.DATA_ENTRY: ("KVR",)}


def load_city_structure() -> str:
    for number, name in enumerate(STADTBEZIRKE, start=1):
        Stadtbezirk.objects.update_or_create(
            number=number, defaults={"name": name, "slug": slugify(name)}
        )
    for code, name, name_en in DEPARTMENTS:
        Department.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "email": f"{code.lower()}@muenchen.de"},
        )
    return f"{len(STADTBEZIRKE)} Stadtbezirke, {len(DEPARTMENTS)} Referate"


def load_accounts() -> str:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    sync_roles()
    User = get_user_model()
    for email, name, role, superuser in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email)
            user.set_password(DEMO_PASSWORD)
        user.full_name = name
        user.is_staff = role is not None
        user.is_superuser = superuser
        user.is_active = True
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if role is not None:
            user.groups.set([Group.objects.get(name=role)])
            for code in DEMO_DEPARTMENTS.get(role, ()):
                StaffMembership.objects.get_or_create(
                    user=user, department=Department.objects.get(code=code)
                )
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
                RecoveryCodes.activate(user)
    return f"{len(DEMO_ACCOUNTS)} accounts"


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

"""Reads on accounts."""

from __future__ import annotations

from munich_portal.core.prepared import (
    ANY_ID,
    PreparedRead,
    Reading,
    instance_from_row,
    model_columns,
)


def is_staff_account(user) -> bool:
    """Whether ``user`` is (or was made) a staff account: staff status, superuser, a role group
    or a department (``core.StaffMembership``).

    Staff accounts are never deleted by their owner — administration deactivates them, so their
    admin log entries and data-use events stay attributed — and administration changes the
    password and e-mail of staff accounts only, never of residents (docs/roles.md).
    """
    # ``id``, not ``pk``: a version from the change history (whose pk is its history id) works too.
    user_id = getattr(user, "id", None)
    if user_id is None:
        return False
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    from django.contrib.auth import get_user_model

    from munich_portal.core.models import StaffMembership
    from munich_portal.core.roles import ROLE_PERMISSIONS

    memberships = get_user_model().groups.through.objects.filter(
        user_id=user_id, group__name__in=list(ROLE_PERMISSIONS)
    )
    return memberships.exists() or StaffMembership.objects.filter(user_id=user_id).exists()


#: The session key of the current BayernID/BundID sign-in: ``{"login": pk, "level": "low"}``.
EID_SESSION_KEY = "eid_login"


def eid_level(request) -> str:
    """The assurance level of this session's BayernID/BundID sign-in (``""``: none)."""
    if not request.user.is_authenticated:
        return ""
    return (request.session.get(EID_SESSION_KEY) or {}).get("level", "")


def eid_level_met(request, required: str) -> bool:
    """Whether this session signed in with BayernID/BundID at ``required`` or higher (always for
    no required level)."""
    from munich_portal.accounts.eid import level_rank

    return level_rank(required) == 0 or level_rank(eid_level(request)) >= level_rank(required)


def eid_person(request) -> dict[str, str]:
    """Name and address the identity provider confirmed at this session's sign-in (empty values
    left out): ``given_name``, ``family_name``, ``street``, ``postal_code``, ``city``."""
    from munich_portal.accounts.models import EidLogin

    login_pk = (request.session.get(EID_SESSION_KEY) or {}).get("login")
    if not request.user.is_authenticated or not login_pk:
        return {}
    login = EidLogin.objects.filter(pk=login_pk, user=request.user).first()
    if login is None:
        return {}
    names = ("given_name", "family_name", "street", "postal_code", "city")
    return {name: getattr(login, name) for name in names if getattr(login, name)}


# Read on every visit of Mein Konto and the online requests' pages: built once per process
# (munich_portal.core.prepared), to be read with the page's other reads in one round trip.


def _eid_identities_statement(user: int):
    from munich_portal.accounts.models import EidIdentity

    columns = model_columns(EidIdentity)
    return EidIdentity.objects.filter(user_id=user).order_by("created_at", "pk").values(*columns)


def _mfa_statement(user: int):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user).values("pk")[:1]


def _verified_email_statement(user: int):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user_id=user, verified=True).values("pk")[:1]


_EID_IDENTITIES = PreparedRead(_eid_identities_statement, user=ANY_ID)
_MFA = PreparedRead(_mfa_statement, user=ANY_ID)
_VERIFIED_EMAIL = PreparedRead(_verified_email_statement, user=ANY_ID)


def _eid_identities(rows) -> list:
    from munich_portal.accounts.models import EidIdentity

    return [instance_from_row(EidIdentity, row) for row in rows]


def eid_identities_reading(user) -> Reading[list]:
    """The account's eID identities (BayernID/BundID), oldest first, as model instances."""
    return Reading(_EID_IDENTITIES, {"user": user.pk}, _eid_identities)


def mfa_enabled_reading(user) -> Reading[bool]:
    """Whether the account has two-factor authentication set up: allauth's default adapter's
    rule (``MFA_ADAPTER``), any authenticator of the account."""
    return Reading(_MFA, {"user": user.pk}, bool)


def verified_email_reading(user) -> Reading[bool]:
    """Whether the account has a verified e-mail address."""
    return Reading(_VERIFIED_EMAIL, {"user": user.pk}, bool)

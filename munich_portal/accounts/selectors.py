"""Reads on accounts."""

from __future__ import annotations


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


def eid_identities(user):
    from munich_portal.accounts.models import EidIdentity

    return EidIdentity.objects.filter(user=user).order_by("created_at")

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

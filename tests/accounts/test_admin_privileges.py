"""Administrators manage accounts but cannot escalate privileges through the user admin."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from munich_portal.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _readonly(request_user, obj):
    request = RequestFactory().get("/admin/")
    request.user = request_user
    return site._registry[User].get_readonly_fields(request, obj)


def test_administration_role_cannot_grant_superuser_status():
    """A non-superuser administrator sees staff and superuser status read-only on every account
    (only superusers make someone staff or superuser)."""
    administrator = UserFactory(staff=True, roles=["Administration"])
    resident = UserFactory()
    assert "is_superuser" in _readonly(administrator, resident)
    assert "is_staff" in _readonly(administrator, resident)


def test_nobody_changes_their_own_access():
    """Even a superuser cannot demote or deactivate themselves by accident."""
    superuser = UserFactory(staff=True, is_superuser=True)
    readonly = _readonly(superuser, superuser)
    assert {"is_staff", "is_superuser", "is_active", "groups"} <= set(readonly)


def test_superuser_may_grant_superuser_to_others():
    superuser = UserFactory(staff=True, is_superuser=True)
    assert "is_superuser" not in _readonly(superuser, UserFactory())

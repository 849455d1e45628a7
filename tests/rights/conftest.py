"""Fixtures of the rights-request tests: staff with a purpose of work, a guest-only person."""

import pytest

from munich_portal.audit.context import set_work_purpose
from munich_portal.core.roles import Role
from tests.factories import UserFactory

NAME = "Kreszenz Wimmerbauer"
EMAIL = "kreszenz.wimmerbauer@example.org"
PHONE = "+49 89 7654321"
STREET = "Quellenweg 17"
POSTAL_CODE = "81827"


def login_staff(client, role, *, purpose="data_subject_rights", **extra):
    user = UserFactory(staff=True, roles=[role], mfa=True, **extra)
    client.force_login(user)
    session = client.session
    set_work_purpose(session, purpose=purpose)
    session.save()
    return user


@pytest.fixture
def officer(client):
    return login_staff(client, Role.DATA_PROTECTION)


@pytest.fixture
def clerk(client):
    return login_staff(client, Role.DATA_ENTRY)

"""Fixtures for the account tests: residents, staff and a login through the real forms.

Logging in through allauth's forms (not ``client.force_login``) records how the person
authenticated; allauth needs that record for pages that ask for a recent login (TOTP,
recovery codes) and for the admin's MFA check.
"""

import pytest
from django.test import Client, TestCase

from tests.factories import DEFAULT_PASSWORD, UserFactory, current_totp_code


@pytest.fixture(autouse=True)
def _commit_after_each_request(monkeypatch):
    """Account e-mails are outbox rows sent after the request's transaction commits; inside a
    test's transaction nothing commits, so each test-client request runs its after-commit work
    (the outbox's delivery into ``mail.outbox``) when it returns, as it would in production."""
    request = Client.request

    def request_and_commit(self, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return request(self, **kwargs)

    monkeypatch.setattr(Client, "request", request_and_commit)


@pytest.fixture
def resident(db):
    return UserFactory(email="resident@example.org")


@pytest.fixture
def mfa_user(db):
    return UserFactory(email="mfa.user@example.org", mfa=True)


@pytest.fixture
def staff_without_mfa(db):
    return UserFactory(email="staff.nomfa@muenchen.de", staff=True)


@pytest.fixture
def staff_with_mfa(db):
    return UserFactory(email="staff.mfa@muenchen.de", staff=True, mfa=True)


def submit_login(client, email, password=DEFAULT_PASSWORD, *, prefix=""):
    return client.post(f"{prefix}/konto/login/", {"login": email, "password": password})


@pytest.fixture
def log_in(client):
    """Log ``user`` in through the login form and, if they have MFA, the TOTP step."""

    def _log_in(user, *, with_totp=None, prefix=""):
        response = submit_login(client, user.email, prefix=prefix)
        assert response.status_code == 302, response.content[:2000]
        if "/konto/2fa/authenticate/" in response.url:
            code = with_totp or current_totp_code()
            response = client.post(f"{prefix}/konto/2fa/authenticate/", {"code": code})
            assert response.status_code == 302
        assert client.session.get("_auth_user_id") == str(user.pk)
        return response

    return _log_in


def reauthenticate(client, password=DEFAULT_PASSWORD):
    """Confirm the password again, as allauth asks before changes to the second factor."""
    response = client.post("/konto/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content[:2000]
    return response

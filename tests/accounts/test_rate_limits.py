"""Login is rate limited (ACCOUNT_RATE_LIMITS), counted in the real cache.

tests/conftest.py clears the cache around every test, so each test starts with no attempts.
"""

import pytest

from tests.accounts.conftest import submit_login
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts. Try again later."


def test_failed_logins_for_one_address_are_blocked_even_with_the_right_password(client, resident):
    """After 5 failures for one address the 6th attempt is refused, right password or not."""
    for _ in range(5):
        response = submit_login(client, resident.email, "falsch-geraten-1", prefix="/en")
        assert response.status_code == 200
        assert TOO_MANY not in response.text

    response = submit_login(client, resident.email, DEFAULT_PASSWORD, prefix="/en")
    assert response.status_code == 200
    assert TOO_MANY in response.text
    assert "_auth_user_id" not in client.session


def test_failed_logins_from_one_address_are_blocked_across_accounts(client):
    """Guessing at many accounts from one IP is stopped after 10 failures a minute."""
    for number in range(10):
        response = submit_login(client, f"guess{number}@example.org", "x-x-x-x-x", prefix="/en")
        assert TOO_MANY not in response.text
    response = submit_login(client, "guess-last@example.org", "x-x-x-x-x", prefix="/en")
    assert TOO_MANY in response.text


def test_flood_of_login_requests_gets_429(client):
    """More than 30 login attempts a minute from one IP are answered with 429."""
    statuses = [
        submit_login(client, f"flood{number}@example.org", "x-x-x-x-x").status_code
        for number in range(31)
    ]
    assert 429 not in statuses[:30]
    assert statuses[30] == 429


def test_rate_limit_for_one_person_does_not_block_another(client, resident):
    """Blocking one address after failed attempts leaves other residents able to log in."""
    for _ in range(6):
        submit_login(client, "victim@example.org", "falsch-geraten-1", prefix="/en")
    response = submit_login(client, resident.email, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)

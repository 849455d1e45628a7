"""Staff need two-factor authentication (TOTP) for the admin; residents get no admin at all."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache

from tests.accounts.conftest import reauthenticate, submit_login
from tests.factories import TOTP_SECRET, UserFactory, current_totp_code

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_portal_login(client):
    """The admin has no login of its own: /admin/ leads to /konto/login/ with next=/admin/."""
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/konto/login/?next=%2Fadmin%2F"


def test_staff_without_mfa_cannot_open_admin_and_is_sent_to_totp_activation(
    client, log_in, staff_without_mfa
):
    """Logged in with password only: /admin/ redirects to the TOTP activation."""
    log_in(staff_without_mfa)
    response = client.get("/admin/", follow=True)
    visited = [url for url, _ in response.redirect_chain]
    assert "/konto/2fa/totp/activate/" in visited
    assert not any(url.rstrip("/").endswith("/admin") for url in visited[1:])
    assert response.status_code == 200
    assert "site-header" in response.text  # a portal page, not the admin


def test_staff_reaches_admin_after_activating_totp_and_confirming_a_code(
    client, log_in, staff_without_mfa
):
    """Activating an authenticator app is not enough for the session opened with the password
    alone: the admin asks for one code (allauth's re-authentication), then opens."""
    log_in(staff_without_mfa)
    reauthenticate(client)
    page = client.get("/konto/2fa/totp/activate/")
    secret = re.search(r'<code class="totp-secret">(\w+)</code>', page.text).group(1)

    wrong = client.post("/konto/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert 'class="error-summary"' in wrong.text
    assert client.get("/admin/").status_code == 302

    response = client.post("/konto/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert response.url == "/konto/2fa/recovery-codes/"
    # This session was opened with the password only: the second factor is checked per session.
    admin = client.get("/admin/", follow=True)
    assert admin.redirect_chain[-1][0] == "/konto/2fa/reauthenticate/?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302

    # The code of the next 30-second step (the activation used the current one; no replay).
    next_code = format_hotp_value(hotp_value(secret, int(time.time()) // 30 + 1))
    confirmed = client.post("/konto/2fa/reauthenticate/?next=%2Fadmin%2F", {"code": next_code})
    assert confirmed.status_code == 302
    assert confirmed.url == "/admin/"
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "Digitales München" in admin.text


def test_session_without_the_second_factor_does_not_open_the_admin(client):
    """Having an authenticator is not enough: a session that did not use it (opened before TOTP
    was set up) is sent to confirm a code, for the admin and for the clerks' pages."""
    staff = UserFactory(staff=True, roles=["Erfassung"], mfa=True)
    client.force_login(staff, mfa=False)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/konto/2fa/reauthenticate/?next=%2Fadmin%2F"
    assert response.status_code == 200
    assert 'name="code"' in response.text
    clerk_page = client.get("/erfassung/")
    assert clerk_page.status_code == 302
    assert clerk_page.url.startswith("/konto/2fa/reauthenticate/")

    client.post("/konto/2fa/reauthenticate/", {"code": current_totp_code()})
    assert client.get("/admin/").status_code == 200
    assert client.get("/erfassung/").status_code == 200


def test_second_factor_of_another_user_does_not_count(client):
    """The session's record of the second factor belongs to the user who made it."""
    from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY

    staff = UserFactory(staff=True, mfa=True)
    client.force_login(staff)
    session = client.session
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(staff.pk + 1000)
    session.save()
    assert client.get("/admin/").status_code == 302


def test_staff_with_mfa_must_enter_totp_code_at_login(client, staff_with_mfa):
    """The password alone does not log a staff member with MFA in; the TOTP code does."""
    response = submit_login(client, staff_with_mfa.email)
    assert response.status_code == 302
    assert response.url == "/konto/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    wrong = client.post("/konto/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200
    assert 'class="error-summary"' in wrong.text
    assert "_auth_user_id" not in client.session

    client.post("/konto/2fa/authenticate/", {"code": current_totp_code()})
    assert client.session["_auth_user_id"] == str(staff_with_mfa.pk)
    assert client.get("/admin/").status_code == 200


def test_recovery_code_works_once(client, staff_with_mfa):
    """A recovery code replaces the TOTP code at login, but only a single time."""
    authenticator = Authenticator.objects.get(
        user=staff_with_mfa, type=Authenticator.Type.RECOVERY_CODES
    )
    code = RecoveryCodes(authenticator).get_unused_codes()[0]

    submit_login(client, staff_with_mfa.email)
    client.post("/konto/2fa/authenticate/", {"code": code})
    assert client.session["_auth_user_id"] == str(staff_with_mfa.pk)
    assert client.get("/admin/").status_code == 200

    client.post("/konto/logout/")
    cache.clear()  # forget allauth's rate-limit counters; the point here is the used code
    submit_login(client, staff_with_mfa.email)
    response = client.post("/konto/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert "_auth_user_id" not in client.session


def test_resident_gets_no_admin_even_with_mfa(client, log_in):
    """A non-staff user is sent to Mein Konto with an explanation instead of the admin."""
    resident = UserFactory(email="no.admin@example.org", mfa=True)
    log_in(resident)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/konto/"
    assert 'class="message message--error"' in response.text


def test_admin_is_branded_and_links_back_to_the_portal(client, log_in, staff_with_mfa):
    """The staff area carries the city's name and links to the portal and the account pages."""
    log_in(staff_with_mfa)
    html = client.get("/admin/").text
    assert "Django" not in html.split("<body", 1)[1].split('id="content"', 1)[0]
    assert "Digitales München" in html
    assert 'href="/"' in html
    assert 'href="/konto/2fa/"' in html
    assert 'action="/konto/logout/"' in html


def test_user_admin_shows_email_addresses_with_the_person(client, log_in):
    """Staff see a person's addresses (and whether they are verified) on the person's page."""
    admin_user = UserFactory(email="admin@muenchen.de", staff=True, mfa=True, is_superuser=True)
    resident = UserFactory(email="inline@example.org")
    log_in(admin_user)
    index = client.get("/admin/").text
    assert "/admin/account/emailaddress/" not in index
    # Personal data opens only under a purpose of work (munich_portal/audit/admin_mixins.py).
    client.post("/admin/zweck/", {"purpose": "resident_support"})
    page = client.get(f"/admin/accounts/user/{resident.pk}/change/")
    assert page.status_code == 200
    assert "inline@example.org" in page.text
    # A resident's addresses are theirs: shown, not editable (docs/roles.md).
    assert 'name="emailaddress_set-0-verified"' not in page.text
    colleague = UserFactory(email="kollegin@muenchen.de", staff=True)
    page = client.get(f"/admin/accounts/user/{colleague.pk}/change/")
    assert 'name="emailaddress_set-0-verified"' in page.text


def test_an_authenticator_code_of_the_step_before_or_after_is_accepted_once():
    """A code typed as it changes still works (one 30-second step either side, RFC 6238 5.2);
    two steps off it does not, and no code works twice."""
    import time

    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    staff = UserFactory(staff=True, mfa=True)
    totp = TOTP(staff.authenticator_set.get(type="totp"))
    step = int(time.time()) // 30

    def code(counter: int) -> str:
        return format_hotp_value(hotp_value(TOTP_SECRET, counter))

    assert totp.validate_code(code(step - 1))
    assert not totp.validate_code(code(step - 1))  # used: no replay
    assert totp.validate_code(code(step + 1))
    assert not totp.validate_code(code(step - 3))

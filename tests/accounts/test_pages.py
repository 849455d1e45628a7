"""Every allauth page a resident or staff member can reach renders in the portal's layout.

Each page is fetched in German (no prefix) and English (/en/) and checked by
:func:`tests.accounts.html_checks.assert_portal_page`: status 200, ``<html lang>``, our header
and footer, a page title, one h1 and no skipped heading level, one <main>, labelled inputs,
unique ids, and nothing the CSP would block.
"""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str

from tests.accounts.conftest import reauthenticate, submit_login
from tests.accounts.html_checks import assert_portal_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [pytest.param("de", "", id="de"), pytest.param("en", "/en", id="en")]


def anonymous(path):
    def fetch(client, log_in, prefix):
        return client.get(prefix + path)

    return fetch


def as_resident(path, *, reauthenticated=False):
    def fetch(client, log_in, prefix):
        log_in(UserFactory(email="page.resident@example.org"), prefix=prefix)
        if reauthenticated:
            reauthenticate(client)
        return client.get(prefix + path)

    return fetch


def as_mfa_user(path, *, reauthenticated=False):
    def fetch(client, log_in, prefix):
        log_in(UserFactory(email="page.mfa@example.org", mfa=True), prefix=prefix)
        if reauthenticated:
            reauthenticate(client)
        return client.get(prefix + path)

    return fetch


def confirm_email_with_key(client, log_in, prefix):
    user = UserFactory(email="unconfirmed@example.org", verified=False)
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    key = EmailConfirmationHMAC(address).key
    return client.get(f"{prefix}/konto/confirm-email/{key}/")


def password_reset_from_key(client, log_in, prefix):
    user = UserFactory(email="forgetful@example.org")
    uidb36 = user_pk_to_url_str(user)
    key = default_token_generator.make_token(user)
    # allauth moves the key from the address into the session and redirects to the form.
    return client.get(f"{prefix}/konto/password/reset/key/{uidb36}-{key}/", follow=True)


def mfa_authenticate_at_login(client, log_in, prefix):
    user = UserFactory(email="second.step@example.org", mfa=True)
    response = submit_login(client, user.email, prefix=prefix)
    assert "/2fa/authenticate/" in response.url
    return client.get(response.url)


PAGES = {
    "login": anonymous("/konto/login/"),
    "signup": anonymous("/konto/signup/"),
    "verification_sent": anonymous("/konto/confirm-email/"),
    "confirm_email_with_key": confirm_email_with_key,
    "password_reset": anonymous("/konto/password/reset/"),
    "password_reset_done": anonymous("/konto/password/reset/done/"),
    "password_reset_from_key": password_reset_from_key,
    "password_reset_from_key_done": anonymous("/konto/password/reset/key/done/"),
    "account_inactive": anonymous("/konto/inactive/"),
    "password_change": as_resident("/konto/password/change/"),
    "email_management": as_resident("/konto/email/"),
    "logout_confirm": as_resident("/konto/logout/"),
    "reauthenticate": as_resident("/konto/reauthenticate/"),
    "mfa_index": as_resident("/konto/2fa/"),
    "totp_activate": as_resident("/konto/2fa/totp/activate/", reauthenticated=True),
    "mfa_index_active": as_mfa_user("/konto/2fa/"),
    "totp_deactivate": as_mfa_user("/konto/2fa/totp/deactivate/", reauthenticated=True),
    "recovery_codes_view": as_mfa_user("/konto/2fa/recovery-codes/", reauthenticated=True),
    "recovery_codes_generate": as_mfa_user(
        "/konto/2fa/recovery-codes/generate/", reauthenticated=True
    ),
    "mfa_reauthenticate": as_mfa_user("/konto/2fa/reauthenticate/"),
    "mfa_authenticate_at_login": mfa_authenticate_at_login,
    "my_account": as_resident("/konto/"),
    "delete_account": as_resident("/konto/loeschen/"),
}


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
@pytest.mark.parametrize("page_name", PAGES)
def test_account_page_renders_in_portal_layout(client, log_in, page_name, lang, prefix):
    """The page answers 200 in the portal's layout, in the language of its address."""
    response = PAGES[page_name](client, log_in, prefix)
    assert_portal_page(response, lang=lang)


def test_confirm_email_page_offers_the_confirmation_button(client):
    """A valid key shows the address and a form that confirms it (nothing happens on GET)."""
    user = UserFactory(email="confirm.me@example.org", verified=False)
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    response = client.get(f"/konto/confirm-email/{EmailConfirmationHMAC(address).key}/")
    assert "confirm.me@example.org" in response.text
    assert 'class="button"' in response.text
    address.refresh_from_db()
    assert not address.verified


def test_totp_activation_page_shows_qr_code_and_secret_as_text(client, log_in, resident):
    """The QR code has a text alternative and the secret can be read and copied as text."""
    log_in(resident)
    reauthenticate(client)
    response = client.get("/konto/2fa/totp/activate/")
    html = response.text
    assert 'class="qr-code" src="data:image/svg+xml;base64,' in html
    assert 'class="totp-secret"' in html
    assert "disabled" not in html


def test_buttons_use_the_design_system(client, log_in, mfa_user):
    """allauth's buttons and links-as-buttons get the portal's .button classes."""
    log_in(mfa_user)
    html = client.get("/konto/2fa/").text
    assert 'class="button button--danger" href="/konto/2fa/totp/deactivate/"' in html
    assert 'class="button" href="/konto/2fa/recovery-codes/"' in html
    assert 'class="card panel"' in html

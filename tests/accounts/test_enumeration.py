"""No user enumeration: the pages answer the same whether an account exists or not.

The difference only shows in the mailbox of the address's owner (ACCOUNT_PREVENT_ENUMERATION).
"""

import pytest
from django.core import mail

from tests.accounts.conftest import submit_login
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Viktualienmarkt-2024"


def sign_up(client, email):
    return client.post(
        "/en/konto/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )


def main_content(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_sign_up_with_existing_email_looks_like_a_new_sign_up(client, resident):
    """Same redirect and page for a taken and a new address; the owner gets a warning mail."""
    new = sign_up(client, "brand.new@example.org")
    taken = sign_up(client, resident.email)

    assert [url for url, _ in taken.redirect_chain] == [url for url, _ in new.redirect_chain]
    # The page names the address that was typed in, so compare with the address masked.
    masked_taken = main_content(taken).replace(resident.email, "ADDRESS")
    assert masked_taken == main_content(new).replace("brand.new@example.org", "ADDRESS")

    assert [m.to for m in mail.outbox] == [["brand.new@example.org"], [resident.email]]
    new_mail, taken_mail = mail.outbox
    assert "/konto/confirm-email/" in new_mail.body
    assert "Account Already Exists" in taken_mail.subject
    assert "/konto/password/reset/" in taken_mail.body


def test_sign_up_with_existing_email_does_not_touch_the_account(client, resident):
    """The existing account keeps its password; the stranger's password does not work."""
    sign_up(client, resident.email)
    resident.refresh_from_db()
    assert resident.check_password(DEFAULT_PASSWORD)
    assert not resident.check_password(NEW_PASSWORD)


def test_password_reset_answers_the_same_for_unknown_and_known_addresses(client, resident):
    """Both lead to the same 'we have sent you an e-mail' page; only the mails differ."""
    known = client.post("/en/konto/password/reset/", {"email": resident.email}, follow=True)
    unknown = client.post("/en/konto/password/reset/", {"email": "nobody@example.org"}, follow=True)

    assert (
        known.redirect_chain == unknown.redirect_chain == [("/en/konto/password/reset/done/", 302)]
    )
    assert main_content(known) == main_content(unknown)

    known_mail, unknown_mail = mail.outbox
    assert known_mail.to == [resident.email]
    assert "/konto/password/reset/key/" in known_mail.body
    assert unknown_mail.to == ["nobody@example.org"]
    assert "Unknown Account" in unknown_mail.subject
    assert "/konto/password/reset/key/" not in unknown_mail.body


def test_login_error_is_the_same_for_unknown_address_and_wrong_password(client, resident):
    """A failed login never says whether the address has an account."""
    wrong_password = submit_login(client, resident.email, "falsch-falsch-falsch", prefix="/en")
    unknown_address = submit_login(client, "nobody@example.org", "egal-egal-egal", prefix="/en")
    error = "The email address and/or password you specified are not correct."
    assert error in wrong_password.text
    assert error in unknown_address.text

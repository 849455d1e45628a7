"""Sign-in with BayernID / BundID (issue 16) against a real SAML identity provider on a loopback
port (tests/saml_idp.py: pysaml2, its own key pair, signed assertions): login at each level and
the level stored, connecting an account, no silent takeover, refused responses (altered,
unsigned, replayed), and no button without configuration."""

import base64

import pytest
from django.urls import reverse

from munich_portal.accounts.models import EidIdentity, EidLogin, User
from munich_portal.accounts.selectors import EID_SESSION_KEY
from tests.factories import UserFactory
from tests.saml_idp import start_idp


@pytest.fixture
def idp(settings, tmp_path, db):
    server = start_idp(settings, tmp_path, "http://testserver")
    yield server
    server.stop()


def begin(client, *, level="", next_url=""):
    """The portal's redirect to the IdP (asserted to be one)."""
    query = {key: value for key, value in (("stufe", level), ("next", next_url)) if value}
    response = client.get(reverse("accounts:eid_login"), query)
    assert response.status_code == 302
    return response["Location"]


def answer(client, saml_response):
    """POST the IdP's answer to the portal and follow the hand-off to the finishing page."""
    response = client.post(reverse("accounts:eid_acs"), {"SAMLResponse": saml_response})
    if response.status_code != 303:
        return response
    return client.get(response["Location"])


def sign_in(client, idp, *, user="anna", level="low", next_url=""):
    location = begin(
        client, level=level if level in ("substantial", "high") else "", next_url=next_url
    )
    return answer(client, idp.sign_in(location, user=user, level=level))


@pytest.mark.parametrize(
    ("chosen", "stored"),
    [("low", "low"), ("substantial", "substantial"), ("high", "high"), ("stork-4", "high")],
)
def test_login_at_each_level_stores_the_level(client, idp, chosen, stored):
    response = sign_in(client, idp, level=chosen, next_url="/konto/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    user = User.objects.get(email="anna.eid@example.org")
    assert user.full_name == "Anna Bürger"
    assert client.session["_auth_user_id"] == str(user.pk)
    login = EidLogin.objects.get(user=user)
    assert login.level == stored
    assert (login.given_name, login.family_name, login.street, login.postal_code, login.city) == (
        "Anna",
        "Bürger",
        "Marienplatz 8",
        "80331",
        "München",
    )
    assert client.session[EID_SESSION_KEY] == {"login": login.pk, "level": stored}
    identity = EidIdentity.objects.get(user=user)
    assert identity.name_id == "bpk2-anna-0001"
    assert identity.issuer == idp.entity_id


def test_the_requested_level_reaches_the_idp(client, idp):
    import urllib.request

    for location in (begin(client, level="substantial"), begin(client)):
        with urllib.request.urlopen(location, timeout=10) as page:  # noqa: S310
            assert page.status == 200
    assert [item["level"] for item in idp.requests] == ["substantial", ""]


def test_a_second_sign_in_uses_the_connected_account(client, idp):
    sign_in(client, idp, level="low")
    client.logout()
    sign_in(client, idp, level="high")
    assert User.objects.filter(email="anna.eid@example.org").count() == 1
    assert list(EidLogin.objects.order_by("logged_in_at").values_list("level", flat=True)) == [
        "low",
        "high",
    ]


def test_a_logged_in_resident_connects_the_identity(client, idp):
    resident = UserFactory(email="resident@example.org", full_name="")
    client.force_login(resident)
    response = sign_in(client, idp, level="low", next_url="/konto/")
    assert response.status_code == 302
    identity = EidIdentity.objects.get()
    assert identity.user == resident
    resident.refresh_from_db()
    assert resident.full_name == "Anna Bürger"
    assert not User.objects.filter(email="anna.eid@example.org").exists()
    # Mein Konto says so, and offers no "connect" any more.
    page = client.get(reverse("portal:my_account")).content.decode()
    assert "BayernID ist verbunden" in page or "BayernID is connected" in page
    # Logged out, the identity signs in to that account.
    client.logout()
    sign_in(client, idp, level="low")
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_an_identity_of_another_account_is_not_moved(client, idp):
    sign_in(client, idp, level="low")
    owner = User.objects.get(email="anna.eid@example.org")
    client.logout()
    other = UserFactory(email="other@example.org")
    client.force_login(other)
    response = sign_in(client, idp, level="low")
    assert response.status_code == 403
    assert EidIdentity.objects.get().user == owner
    assert client.session["_auth_user_id"] == str(other.pk)


def test_a_matching_email_does_not_take_over_the_account(client, idp):
    existing = UserFactory(email="Ben@example.org")
    response = sign_in(client, idp, user="ben", level="high")
    assert response.status_code == 403
    assert "bereits ein Konto" in response.content.decode() or "already an account" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert not EidIdentity.objects.exists()
    assert not EidLogin.objects.exists()
    assert User.objects.get(email__iexact="ben@example.org") == existing


def test_no_email_and_no_account_is_a_clear_page(client, idp):
    response = sign_in(client, idp, user="carla", level="high")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not EidIdentity.objects.exists()


def test_staff_accounts_cannot_sign_in_with_the_idp(client, idp):
    staff = UserFactory(email="staff@muenchen.de", staff=True)
    client.force_login(staff)
    response = sign_in(client, idp, level="high")
    assert response.status_code == 403
    assert not EidIdentity.objects.exists()


def _tampered(saml_response: str) -> str:
    xml = base64.b64decode(saml_response).decode()
    assert "Marienplatz 8" in xml
    return base64.b64encode(xml.replace("Marienplatz 8", "Sendlinger Str. 1").encode()).decode()


def test_an_altered_assertion_is_refused_with_a_clear_page(client, idp):
    location = begin(client)
    response = answer(client, _tampered(idp.sign_in(location)))
    assert response.status_code == 400
    assert "nicht angenommen werden" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not EidLogin.objects.exists()


def test_an_unsigned_assertion_is_refused(client, idp):
    location = begin(client)
    response = answer(client, idp.sign_in(location, unsigned=True))
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="anna.eid@example.org").exists()


def test_a_replayed_response_is_refused(client, idp, django_user_model):
    location = begin(client)
    saml_response = idp.sign_in(location)
    assert answer(client, saml_response).status_code == 302
    client.logout()
    response = answer(client, saml_response)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert EidLogin.objects.count() == 1


@pytest.mark.parametrize("garbage", ["", "bm90IHhtbA==", "%%%", "PD94bWw/Pjx4Lz4="])
def test_garbage_is_a_clear_page_not_a_500(client, idp, garbage):
    response = client.post(reverse("accounts:eid_acs"), {"SAMLResponse": garbage})
    assert response.status_code == 400


def test_a_hand_off_token_works_only_in_the_session_that_started(client, idp):
    location = begin(client)
    response = client.post(reverse("accounts:eid_acs"), {"SAMLResponse": idp.sign_in(location)})
    assert response.status_code == 303
    from django.test import Client

    stranger = Client()
    assert stranger.get(response["Location"]).status_code == 400
    assert "_auth_user_id" not in stranger.session


def test_metadata_names_the_acs_and_the_certificate(client, idp):
    response = client.get(reverse("accounts:eid_metadata"))
    assert response.status_code == 200
    xml = response.content.decode()
    assert "http://testserver/konto/eid/acs/" in xml
    assert "X509Certificate" in xml
    assert "urn:oid:2.5.4.42" in xml


def test_login_page_shows_the_button_when_configured(client, idp):
    page = client.get(reverse("account_login")).content.decode()
    assert "Mit BayernID anmelden" in page or "Sign in with BayernID" in page


def test_unconfigured_there_is_no_button_and_no_endpoint(client, db, settings):
    settings.EID_SP_KEY_FILE = ""
    settings.EID_IDP_METADATA_FILE = ""
    settings.EID_IDP_METADATA_URL = ""
    page = client.get(reverse("account_login")).content.decode()
    assert "BayernID" not in page
    assert client.get(reverse("accounts:eid_login")).status_code == 404
    assert client.post(reverse("accounts:eid_acs"), {"SAMLResponse": "x"}).status_code == 404
    assert client.get(reverse("accounts:eid_metadata")).status_code == 404


def test_entity_id_sso_url_and_certificate_instead_of_metadata(client, idp, settings, tmp_path):
    settings.EID_IDP_METADATA_FILE = ""
    settings.EID_IDP_ENTITY_ID = idp.entity_id
    settings.EID_IDP_SSO_URL = f"{idp.base_url}/sso"
    settings.EID_IDP_CERT_FILE = str(tmp_path / "idp.crt")
    response = sign_in(client, idp, level="substantial")
    assert response.status_code == 302
    assert EidLogin.objects.get().level == "substantial"


def test_deleting_the_account_deletes_the_identity_rows(client, idp):
    from munich_portal.accounts.actions import delete_account

    sign_in(client, idp, level="low")
    user = User.objects.get(email="anna.eid@example.org")
    delete_account(user=user)
    assert not EidIdentity.objects.exists()
    assert not EidLogin.objects.exists()

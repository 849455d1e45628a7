"""A request form that requires a BayernID/BundID level (issue 16), against the local SAML
identity provider (tests/saml_idp.py): starting and sending are refused below the level with the
button that signs in again asking for it, and work at it; the confirmed name and address fill in
the form, which the resident can still change."""

import re
from html import unescape

import pytest
from django.urls import reverse

from online_requests.models import OnlineRequest, RequestForm, RequestStatus
from tests.online_requests.factories import PAGE_DATA, published_service
from tests.saml_idp import start_idp


@pytest.fixture
def idp(settings, tmp_path, db):
    server = start_idp(settings, tmp_path, "http://testserver")
    yield server
    server.stop()


@pytest.fixture
def service(db, settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    service = published_service(slug="wohnsitz-anmelden-test")
    RequestForm.objects.filter(service=service).update(min_assurance_level="substantial")
    return service


def sign_in(client, idp, *, level, requested="", next_url=""):
    query = {key: value for key, value in (("stufe", requested), ("next", next_url)) if value}
    location = client.get(reverse("accounts:eid_login"), query)["Location"]
    handoff = client.post(
        reverse("accounts:eid_acs"), {"SAMLResponse": idp.sign_in(location, level=level)}
    )
    assert handoff.status_code == 303
    return client.get(handoff["Location"])


def start_url(service):
    return reverse("online_requests:request_start", kwargs={"slug": service.slug})


def test_start_is_refused_at_low_with_a_button_to_sign_in_again(client, idp, service):
    sign_in(client, idp, level="low")
    page = client.get(start_url(service)).content.decode()
    assert "substanziell" in page or "substantial" in page
    response = client.post(start_url(service))
    assert response.status_code == 403
    assert not OnlineRequest.objects.exists()
    html = response.content.decode()
    button = unescape(re.search(r'href="([^"]*/konto/eid/anmelden/[^"]*)"', html).group(1))
    assert "stufe=substantial" in button
    assert f"next={start_url(service).replace('/', '%2F')}" in button
    # The button asks the IdP for "substantial" and leads back to the form.
    location = client.get(button)["Location"]
    handoff = client.post(
        reverse("accounts:eid_acs"),
        {"SAMLResponse": idp.sign_in(location, level="substantial")},
    )
    assert idp.requests[-1]["level"] == "substantial"
    back = client.get(handoff["Location"])
    assert back["Location"] == start_url(service)
    started = client.post(start_url(service))
    assert started.status_code == 302
    assert OnlineRequest.objects.get().status == RequestStatus.DRAFT


def test_without_any_login_start_is_refused_with_the_sign_in_button(client, idp, service):
    response = client.post(start_url(service))
    assert response.status_code == 403
    assert "/konto/eid/anmelden/" in response.content.decode()


def test_a_password_login_is_not_enough(client, idp, service):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(start_url(service)).status_code == 403


def test_sending_is_refused_when_the_level_is_gone(client, idp, service):
    """A draft started at "substantial" cannot be sent from a session signed in lower."""
    sign_in(client, idp, level="substantial")
    client.post(start_url(service))
    draft = OnlineRequest.objects.get()
    draft.answers = {**PAGE_DATA[1], **PAGE_DATA[2], **PAGE_DATA[3]}
    draft.save()
    session = client.session
    session["eid_login"] = {**session["eid_login"], "level": "low"}
    session.save()
    check = reverse("online_requests:request_check", kwargs={"slug": service.slug})
    response = client.post(check)
    assert response.status_code == 403
    assert OnlineRequest.objects.get().status == RequestStatus.DRAFT


def test_the_form_is_prefilled_and_can_be_corrected(client, idp, service):
    sign_in(client, idp, level="high")
    client.post(start_url(service))
    step = reverse("online_requests:request_step", kwargs={"slug": service.slug, "number": 1})
    page = client.get(step).content.decode()
    assert 'value="Anna Bürger"' in page
    assert 'value="Marienplatz 8"' in page
    assert 'value="80331"' in page
    assert 'value="München"' in page
    corrected = {**PAGE_DATA[1], "full_name": "Anna Maria Bürger", "home__street": "Marienplatz 1"}
    assert client.post(step, corrected).status_code == 302
    draft = OnlineRequest.objects.get()
    assert draft.answers["full_name"] == "Anna Maria Bürger"
    assert draft.answers["home__street"] == "Marienplatz 1"
    # What the resident answered wins over the prefill from then on.
    page = client.get(step).content.decode()
    assert 'value="Marienplatz 1"' in page


def test_a_form_without_a_level_needs_none(client, db, settings, tmp_path):
    from tests.factories import UserFactory

    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    service = published_service(slug="ohne-niveau-test")
    client.force_login(UserFactory())
    assert client.post(start_url(service)).status_code == 302

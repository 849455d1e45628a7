"""Residents see only their own requests; withdrawing works only while a request is open."""

import pytest

from online_requests.models import RequestStatus
from tests.factories import UserFactory
from tests.online_requests.factories import submitted_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["", "eingegangen/", "zurueckziehen/"])
def test_another_resident_gets_404(client, service, suffix):
    online_request = submitted_request(service)
    client.force_login(UserFactory())
    assert client.get(f"/antraege/{online_request.reference}/{suffix}").status_code == 404
    if suffix != "eingegangen/":  # the confirmation page takes no POST at all (405)
        response = client.post(f"/antraege/{online_request.reference}/{suffix}", {"body": "x"})
        assert response.status_code == 404


@pytest.mark.parametrize("suffix", ["", "eingegangen/", "zurueckziehen/"])
def test_a_visitor_is_sent_to_the_login(client, service, suffix):
    online_request = submitted_request(service)
    response = client.get(f"/antraege/{online_request.reference}/{suffix}")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_the_list_shows_only_the_residents_own_requests(client, service):
    mine = submitted_request(service)
    theirs = submitted_request(service)
    client.force_login(mine.user)
    content = client.get("/antraege/").content.decode()
    assert mine.reference in content and theirs.reference not in content


def test_unknown_and_malformed_references_are_404(client, service):
    client.force_login(UserFactory())
    for reference in ("A-2026-000001-0", "x" * 300, "%00", "..%2F"):
        assert client.get(f"/antraege/{reference}/").status_code == 404


def test_the_resident_withdraws_an_open_request(client, service):
    online_request = submitted_request(service)
    client.force_login(online_request.user)
    assert client.get(f"/antraege/{online_request.reference}/zurueckziehen/").status_code == 200
    response = client.post(f"/antraege/{online_request.reference}/zurueckziehen/")
    assert response.status_code == 302
    online_request.refresh_from_db()
    assert online_request.status == RequestStatus.WITHDRAWN
    # A second attempt explains itself instead of failing.
    response = client.post(f"/antraege/{online_request.reference}/zurueckziehen/")
    assert response.status_code == 200
    assert "already closed" in response.content.decode() or "bereits" in response.content.decode()


def test_a_reply_with_an_attachment_is_kept_and_bad_files_are_refused(client, service):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.online_requests.factories import pdf_file

    online_request = submitted_request(service)
    client.force_login(online_request.user)
    url = f"/antraege/{online_request.reference}/"
    bad = SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>", "application/pdf")
    response = client.post(url, {"body": "Hier", "attachment": bad})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert "Hier" in response.content.decode()
    response = client.post(url, {"body": "", "attachment": pdf_file("beleg.pdf")})
    assert response.status_code == 302
    assert "beleg.pdf" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "body", ["x" * 100_000, "\x00", "‮evil", ["a", "b"], "<script>alert(1)</script>"]
)
def test_weird_replies_never_cause_a_server_error(client, service, body):
    online_request = submitted_request(service)
    client.force_login(online_request.user)
    response = client.post(f"/antraege/{online_request.reference}/", {"body": body})
    assert response.status_code in (200, 302)
    assert b"<script>alert(1)</script>" not in response.content

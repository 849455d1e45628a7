"""Replies with a file are rate limited per account; the file is at most 10 MB (issue 11)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from online_requests import views
from online_requests.forms import ATTACHMENT_MAX_BYTES
from online_requests.models import RequestMessage
from tests.online_requests.factories import PDF, pdf_file, submitted_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_past_the_limit_a_reply_with_a_file_is_refused_and_the_text_kept(
    client, service, monkeypatch, prefix
):
    monkeypatch.setattr(views, "REPLY_FILES_PER_HOUR", 2)
    online_request = submitted_request(service)
    client.force_login(online_request.user)
    url = f"{prefix}/antraege/{online_request.reference}/"
    for n in range(2):
        response = client.post(url, {"body": f"Beleg {n}", "attachment": pdf_file(f"b{n}.pdf")})
        assert response.status_code == 302

    response = client.post(
        url, {"body": "Mein dritter Beleg, lange getippt", "attachment": pdf_file("b3.pdf")}
    )
    assert response.status_code == 429
    text = response.content.decode()
    assert "error-summary" in text and 'aria-invalid="true"' in text
    assert "Mein dritter Beleg, lange getippt" in text  # nothing typed is lost
    if prefix:
        assert "You have sent many files in the last hour" in text
    else:
        assert "Sie haben in der letzten Stunde viele Dateien gesendet" in text
    assert RequestMessage.objects.filter(body__startswith="Mein dritter").count() == 0

    # The message alone still goes through; it is not limited.
    response = client.post(url, {"body": "Mein dritter Beleg, lange getippt"})
    assert response.status_code == 302


def test_refused_replies_do_not_use_up_the_limit(client, service, monkeypatch):
    monkeypatch.setattr(views, "REPLY_FILES_PER_HOUR", 1)
    online_request = submitted_request(service)
    client.force_login(online_request.user)
    url = f"/antraege/{online_request.reference}/"
    bad = SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>", "application/pdf")
    assert client.post(url, {"body": "x", "attachment": bad}).status_code == 200
    assert client.post(url, {"body": "x", "attachment": pdf_file()}).status_code == 302


def test_a_file_over_10_mb_is_a_form_error(client, service):
    assert ATTACHMENT_MAX_BYTES == 10 * 1024 * 1024
    online_request = submitted_request(service)
    client.force_login(online_request.user)
    big = SimpleUploadedFile(
        "gross.pdf", PDF + b"0" * (ATTACHMENT_MAX_BYTES + 1), content_type="application/pdf"
    )
    response = client.post(
        f"/antraege/{online_request.reference}/", {"body": "Groß", "attachment": big}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "error-summary" in text and "Groß" in text
    assert not RequestMessage.objects.filter(body="Groß").exists()

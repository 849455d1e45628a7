"""No input on the request pages causes a server error (as tests/core/test_bad_input.py does for
the site's other forms), whether sent with "continue" or "save and continue later"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from online_requests.models import OnlineRequest
from tests.factories import UserFactory
from tests.online_requests.factories import PAGE_DATA

pytestmark = pytest.mark.django_db

BAD_VALUES = {
    "very long": "x" * 100_000,
    "nul byte": "Anna\x00Bürger",
    "control characters": "\x01\x02\x1b[31m",
    "odd unicode": "\u202eevil\ufeff\U0001f600\ud7ff",
    "markup": "<script>alert(1)</script>",
    "empty": "",
}
FIELDS = {1: PAGE_DATA[1], 2: PAGE_DATA[2], 3: PAGE_DATA[3]}


@pytest.fixture
def draft_client(client, service):
    client.force_login(UserFactory())
    client.post(f"/dienstleistungen/{service.slug}/antrag/")
    return client


@pytest.mark.parametrize("action", ["continue", "later"])
@pytest.mark.parametrize("label", BAD_VALUES)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_bad_values_in_every_field_never_cause_a_server_error(
    draft_client, service, number, label, action
):
    url = f"/dienstleistungen/{service.slug}/antrag/schritt/{number}/"
    for name in FIELDS[number]:
        data = {**FIELDS[number], name: BAD_VALUES[label], "action": action}
        response = draft_client.post(url, data)
        assert response.status_code in (200, 302), (name, response.status_code)
        assert b"<script>alert(1)</script>" not in response.content
    assert OnlineRequest.objects.count() == 1


@pytest.mark.parametrize("number", [1, 2, 3])
def test_lists_files_and_empty_posts_never_cause_a_server_error(draft_client, service, number):
    url = f"/dienstleistungen/{service.slug}/antrag/schritt/{number}/"
    names = list(FIELDS[number])
    responses = [
        draft_client.post(url, {name: ["a", "b"] for name in names}),
        draft_client.post(url, {}),
        draft_client.post(url, {name: SimpleUploadedFile("x.txt", b"hello") for name in names}),
        draft_client.post(url, b"\xff\xfe", content_type="application/x-www-form-urlencoded"),
        draft_client.post(url, '{"a": 1}', content_type="application/json"),
    ]
    assert all(response.status_code in (200, 302) for response in responses)


def test_out_of_range_step_numbers_are_404(draft_client, service):
    for number in (0, 4, 99999):
        url = f"/dienstleistungen/{service.slug}/antrag/schritt/{number}/"
        assert draft_client.get(url).status_code == 404


def test_what_was_typed_is_shown_again_escaped(draft_client, service):
    url = f"/dienstleistungen/{service.slug}/antrag/schritt/1/"
    response = draft_client.post(url, {**PAGE_DATA[1], "full_name": "<b>Anna</b>", "email": "x"})
    assert response.status_code == 200
    assert "&lt;b&gt;Anna&lt;/b&gt;" in response.content.decode()

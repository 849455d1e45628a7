"""The resident's request journey through the views: start, pages, drafts, check, submit."""

import re

import pytest
from django.core import mail

from online_requests import references
from online_requests.models import OnlineRequest, RequestStatus, StatusChange
from tests.factories import UserFactory
from tests.online_requests.factories import PAGE_DATA, pdf_file

pytestmark = pytest.mark.django_db


def start_url(service):
    return f"/dienstleistungen/{service.slug}/antrag/"


def step_url(service, number):
    return f"/dienstleistungen/{service.slug}/antrag/schritt/{number}/"


def check_url(service):
    return f"/dienstleistungen/{service.slug}/antrag/pruefen/"


@pytest.fixture
def resident_client(client):
    user = UserFactory(full_name="Anna Bürger")
    client.force_login(user)
    client.user = user
    return client


def fill_in(client, service):
    client.post(start_url(service))
    client.post(step_url(service, 1), PAGE_DATA[1])
    client.post(step_url(service, 2), PAGE_DATA[2])
    return client.post(step_url(service, 3), {**PAGE_DATA[3], "proof": pdf_file()})


def test_the_start_page_explains_the_steps_to_visitors_and_offers_the_login(client, service):
    response = client.get(start_url(service))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ihre Angaben" in content and "Zahlung und Nachweis" in content
    assert f"/konto/login/?next=/dienstleistungen/{service.slug}/antrag/" in content


def test_a_visitor_who_starts_is_sent_to_the_login_and_back(client, service):
    response = client.post(start_url(service))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    response = client.get(step_url(service, 1))
    assert (
        response["Location"]
        == f"/konto/login/?next=/dienstleistungen/{service.slug}/antrag/schritt/1/"
    )


def test_an_unverified_resident_is_asked_to_confirm_the_address_first(client, service):
    client.force_login(UserFactory(verified=False))
    response = client.post(start_url(service))
    assert response.status_code == 403
    assert "/konto/email/" in response.content.decode()
    assert not OnlineRequest.objects.exists()


def test_a_service_without_a_published_form_has_no_request_page(client):
    from tests.services.factories import ServiceFactory

    assert client.get(start_url(ServiceFactory())).status_code == 404


def test_the_whole_journey_ends_with_a_reference_number_and_an_email(
    resident_client, service, django_capture_on_commit_callbacks
):
    response = fill_in(resident_client, service)
    assert response["Location"] == check_url(service)
    check = resident_client.get(check_url(service))
    content = check.content.decode()
    for answer in (
        "Anna Bürger",
        "Marienplatz 8, 80331 München",
        "01.12.2026",
        "Grün",
        "Ja",
        "DE89 3704 0044 0532 0130 00",
        "nachweis.pdf",
    ):
        assert answer in content
    # Change links lead back to each page and return to the check.
    assert f'href="{step_url(service, 2)}?pruefen=1#id_count"' in content
    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(check_url(service))
    online_request = OnlineRequest.objects.get()
    assert online_request.status == RequestStatus.RECEIVED
    assert references.is_valid(online_request.reference)
    assert response["Location"] == f"/antraege/{online_request.reference}/eingegangen/"
    page = resident_client.get(response["Location"]).content.decode()
    assert online_request.reference in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident_client.user.email]
    assert online_request.reference in mail.outbox[0].subject
    assert f"/antraege/{online_request.reference}/" in mail.outbox[0].body
    assert StatusChange.objects.filter(request=online_request, to_status="received").exists()


def test_invalid_answers_are_shown_with_errors_and_kept(resident_client, service):
    resident_client.post(start_url(service))
    response = resident_client.post(
        step_url(service, 1), {**PAGE_DATA[1], "home__postal_code": "8033x", "email": "kein"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert 'href="#id_home__postal_code"' in content and 'href="#id_email"' in content
    assert 'value="8033x"' in content and 'value="Anna Bürger"' in content


def test_save_and_continue_later_keeps_even_unfinished_answers(resident_client, service):
    resident_client.post(start_url(service))
    response = resident_client.post(
        step_url(service, 1), {"full_name": "Anna", "email": "halb@", "action": "later"}
    )
    assert response["Location"] == "/antraege/"
    draft = OnlineRequest.objects.get()
    assert draft.answers["email"] == "halb@"
    assert service.name in resident_client.get("/antraege/").content.decode()
    # Starting again resumes the same draft on the page left, with what was typed.
    response = resident_client.post(start_url(service))
    assert response["Location"] == step_url(service, 1)
    page = resident_client.get(step_url(service, 1)).content.decode()
    assert 'value="halb@"' in page
    assert OnlineRequest.objects.count() == 1


def test_a_draft_with_missing_answers_cannot_be_submitted(resident_client, service):
    resident_client.post(start_url(service))
    resident_client.post(step_url(service, 1), PAGE_DATA[1])
    response = resident_client.post(check_url(service))
    assert response["Location"] == f"{step_url(service, 2)}?pruefen=1&fehler=1"
    page = resident_client.get(response["Location"])
    assert 'class="error-summary"' in page.content.decode()
    assert OnlineRequest.objects.get().status == RequestStatus.DRAFT


def test_the_status_list_shows_drafts_and_sent_requests(resident_client, service):
    fill_in(resident_client, service)
    resident_client.post(check_url(service))
    online_request = OnlineRequest.objects.get()
    content = resident_client.get("/antraege/").content.decode()
    assert online_request.reference in content
    assert "eingegangen" in content.lower()


def test_the_reference_number_has_a_valid_check_digit_and_a_typo_is_caught(
    resident_client, service
):
    fill_in(resident_client, service)
    resident_client.post(check_url(service))
    reference = OnlineRequest.objects.get().reference
    assert re.fullmatch(r"A-\d{4}-\d{6}-\d", reference)
    digits = reference.replace("-", "")[1:]
    swapped = digits[:5] + digits[6] + digits[5] + digits[7:]
    if swapped != digits:
        assert references.normalise("A" + swapped) is None
    assert references.normalise(reference.lower().replace("-", " ")) == reference


def test_the_english_pages_use_english_labels(resident_client, service):
    resident_client.post(start_url(service))
    page = resident_client.get(f"/en{step_url(service, 1)}").content.decode()
    assert "Your details" in page and "Address: postal code" in page

"""Case work in the admin: the queue, assignment, status, messages, notes, audit events."""

import pytest
from django.core import mail

from munich_portal.audit.context import SESSION_CASE_NUMBER_KEY, SESSION_PURPOSE_KEY
from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import OutgoingEmail
from online_requests.models import InternalNote, OnlineRequest, RequestMessage, RequestStatus
from tests.factories import UserFactory
from tests.online_requests.factories import caseworker, submitted_request

pytestmark = pytest.mark.django_db

CHANGE = "/admin/online_requests/onlinerequest/{}/change/"
QUEUE = "/admin/online_requests/onlinerequest/"


def work_under(client, user, purpose="online_requests"):
    client.force_login(user)
    session = client.session
    session[SESSION_PURPOSE_KEY] = purpose
    session[SESSION_CASE_NUMBER_KEY] = ""
    session.save()
    return client


def case_post(online_request, **overrides):
    data = {
        "assigned_to": online_request.assigned_to_id or "",
        "office": online_request.office_id or "",
        "new_status": "",
        "message": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_the_queue_shows_the_departments_requests_only(client, service):
    from tests.online_requests.factories import published_service

    own = submitted_request(service)
    other = submitted_request(published_service(department_code="RAW"))
    work_under(client, caseworker())
    content = client.get(QUEUE).content.decode()
    assert own.reference in content
    assert other.reference not in content


def test_drafts_never_appear_in_the_queue(client, service):
    from online_requests import actions, selectors
    from tests.online_requests.factories import resident

    actions.start_request(
        user=resident(), service=service, version=selectors.current_version(service)
    )
    worker = caseworker()
    assert not selectors.requests_for_staff(worker).exists()


def test_a_case_worker_of_another_department_cannot_open_the_request(client, service):
    online_request = submitted_request(service)
    work_under(client, caseworker(department_code="RAW"))
    response = client.get(CHANGE.format(online_request.pk))
    assert response.status_code == 302  # the admin's "does not exist" redirect to the index
    assert online_request.reference not in client.get(QUEUE).content.decode()


def test_staff_without_the_role_see_no_requests(client, service):
    submitted_request(service)
    work_under(client, UserFactory(staff=True, roles=["Redaktion"], mfa=True), purpose="")
    assert client.get(QUEUE).status_code in (302, 403)


def test_assigned_to_me_filter(client, service):
    from online_requests import actions

    worker = caseworker()
    mine = submitted_request(service)
    theirs = submitted_request(service)
    actions.assign(online_request=mine, assignee=worker)
    work_under(client, worker)
    content = client.get(QUEUE + "?zugewiesen=me").content.decode()
    assert mine.reference in content and theirs.reference not in content


def test_the_case_worker_changes_status_writes_and_notes_in_one_save(
    client, service, django_capture_on_commit_callbacks
):
    online_request = submitted_request(service)
    worker = caseworker()
    work_under(client, worker)
    before = DataUseEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGE.format(online_request.pk),
            case_post(
                online_request,
                assigned_to=worker.pk,
                new_status="in_progress",
                message="Wir prüfen Ihren Antrag.",
                note="Nachweis prüfen, Adresse passt.",
            ),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    online_request.refresh_from_db()
    assert online_request.status == RequestStatus.IN_PROGRESS
    assert online_request.assigned_to == worker
    assert RequestMessage.objects.get(request=online_request).body == "Wir prüfen Ihren Antrag."
    assert InternalNote.objects.get(request=online_request).author == worker
    # One e-mail announces the news (message and status together), without the content.
    (news,) = [message for message in mail.outbox if online_request.reference in message.subject]
    assert "Wir prüfen" not in news.body
    assert DataUseEvent.objects.filter(seq__gt=0).count() > before
    change = DataUseEvent.objects.filter(
        action="change", record_type="online_requests.onlinerequest"
    )
    assert change.exists()


def test_an_illegal_transition_is_refused_with_a_clear_message(client, service):
    online_request = submitted_request(service)
    work_under(client, caseworker())
    response = client.post(
        CHANGE.format(online_request.pk), case_post(online_request, new_status="withdrawn")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Only the applicant can change" in content or "Nur die Antragstellenden" in content
    online_request.refresh_from_db()
    assert online_request.status == RequestStatus.RECEIVED


def test_opening_a_request_is_a_view_event_with_purpose(client, service):
    online_request = submitted_request(service)
    work_under(client, caseworker())
    client.get(CHANGE.format(online_request.pk))
    event = DataUseEvent.objects.filter(action="view").order_by("-seq").first()
    assert event.purpose == "online_requests"
    assert event.record_type == "online_requests.onlinerequest"


def test_asking_for_information_sets_the_status_and_the_resident_answers(
    client, service, django_capture_on_commit_callbacks
):
    online_request = submitted_request(service)
    work_under(client, caseworker())
    client.post(
        CHANGE.format(online_request.pk),
        case_post(online_request, message="Bitte Meldebescheinigung", asks_for_information="on"),
    )
    online_request.refresh_from_db()
    assert online_request.status == RequestStatus.INFORMATION_REQUESTED
    client.force_login(online_request.user)
    page = client.get(f"/antraege/{online_request.reference}/").content.decode()
    assert "Bitte Meldebescheinigung" in page
    response = client.post(f"/antraege/{online_request.reference}/", {"body": "Anbei."})
    assert response.status_code == 302
    online_request.refresh_from_db()
    assert online_request.status == RequestStatus.IN_PROGRESS


def test_internal_notes_are_never_shown_to_the_resident(client, service):
    from online_requests import actions

    online_request = submitted_request(service)
    actions.add_note(online_request=online_request, body="GEHEIME NOTIZ", author=caseworker())
    client.force_login(online_request.user)
    assert (
        "GEHEIME NOTIZ" not in client.get(f"/antraege/{online_request.reference}/").content.decode()
    )


def test_staff_cannot_add_or_delete_requests(client, service):
    online_request = submitted_request(service)
    work_under(client, caseworker())
    assert client.get(QUEUE + "add/").status_code == 403
    assert client.get(f"{QUEUE}{online_request.pk}/delete/").status_code == 403
    assert OnlineRequest.objects.filter(pk=online_request.pk).exists()


# --- one e-mail per save (issue 14) ---------------------------------------------------------------


def news_for(online_request):
    return OutgoingEmail.objects.filter(
        kind="online_requests.news", source_id=online_request.pk, recipient=online_request.user
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"message": "Wir prüfen Ihren Antrag.", "new_status": "in_progress"},
        {"message": "Bitte Meldebescheinigung", "asks_for_information": "on"},
        {"message": "Bitte Meldebescheinigung", "asks_for_information": "on",
         "new_status": "information_requested"},
        {"message": "Wir prüfen Ihren Antrag."},
        {"new_status": "approved"},
    ],
    ids=["message-and-status", "question", "question-and-its-status", "message", "status"],
)  # fmt: skip
def test_a_case_worker_save_sends_the_applicant_one_email(client, service, changes):
    """Whatever a save changes that the applicant sees (a message, a status, both), it is one
    piece of news: one e-mail. A message with a status change used to send two."""
    online_request = submitted_request(service)
    worker = caseworker()
    work_under(client, worker)
    response = client.post(
        CHANGE.format(online_request.pk),
        case_post(online_request, assigned_to=worker.pk, note="Intern.", **changes),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (email,) = news_for(online_request)
    assert email.to_address == online_request.user.email


def test_a_save_of_assignment_and_note_sends_no_email(client, service):
    """Assignment and internal notes are nothing the applicant sees: no e-mail."""
    online_request = submitted_request(service)
    worker = caseworker()
    work_under(client, worker)
    response = client.post(
        CHANGE.format(online_request.pk),
        case_post(online_request, assigned_to=worker.pk, note="Nachweis prüfen."),
    )
    assert response.status_code == 302
    assert not news_for(online_request).exists()
    assert InternalNote.objects.filter(request=online_request).exists()


def test_a_question_with_another_new_status_is_refused_next_to_the_field(client, service):
    """Asking for information sets its own status: another new status in the same save is an
    error at the status field, and nothing is saved or sent."""
    online_request = submitted_request(service)
    work_under(client, caseworker())
    response = client.post(
        CHANGE.format(online_request.pk),
        case_post(
            online_request,
            message="Bitte Meldebescheinigung",
            asks_for_information="on",
            new_status="approved",
        ),
    )
    assert response.status_code == 200
    assert "new_status" in response.context["adminform"].form.errors
    online_request.refresh_from_db()
    assert online_request.status == RequestStatus.RECEIVED
    assert not RequestMessage.objects.filter(request=online_request).exists()
    assert not news_for(online_request).exists()

"""The accessibility officer's staff area (issue 8, items 2 and 3): statement versions with the
yearly review reminder, barrier reports with statuses, answers, deadlines and the overdue list."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accessibility.models import AccessibilityStatement, BarrierReport, ReportStatus
from munich_portal.audit.context import set_work_purpose
from munich_portal.core.roles import Role
from tests.accessibility.factories import BarrierReportFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORTS = "/admin/accessibility/barrierreport/"
STATEMENTS = "/admin/accessibility/accessibilitystatement/"


def staff_client(client, role, *, purpose="barrier_reports"):
    user = UserFactory(staff=True, roles=[role], mfa=True)
    client.force_login(user)
    session = client.session
    set_work_purpose(session, purpose=purpose)
    session.save()
    return user


@pytest.fixture
def officer(client):
    return staff_client(client, Role.ACCESSIBILITY)


def overdue_report(**values):
    received = timezone.now() - dt.timedelta(days=40)
    return BarrierReportFactory(received_at=received, **values)


# --- permissions --------------------------------------------------------------------------------


def test_officer_sees_reports_and_statements(client, officer):
    assert client.get(REPORTS).status_code == 200
    assert client.get(STATEMENTS).status_code == 200


@pytest.mark.parametrize("role", [Role.EDITORIAL, Role.CASEWORK, Role.DATA_ENTRY, Role.EVENTS])
def test_other_roles_cannot_open_barrier_reports(client, role):
    """Reports hold reporters' personal data: only the accessibility officer handles them."""
    staff_client(client, role, purpose="data_subject_rights")
    assert client.get(REPORTS).status_code == 403


def test_officer_cannot_delete_reports(client, officer):
    """Retention deletes closed reports after two years; nobody deletes them by hand."""
    report = BarrierReportFactory()
    assert client.get(f"{REPORTS}{report.pk}/delete/").status_code == 403


# --- reminders ----------------------------------------------------------------------------------


def make_review_due():
    statement = AccessibilityStatement.objects.published().get()
    statement.prepared_on = statement.reviewed_on = timezone.localdate() - dt.timedelta(days=400)
    statement.save()
    return statement


def test_admin_index_reminds_the_officer_of_the_yearly_review_and_overdue_reports(client, officer):
    make_review_due()
    overdue_report()
    overdue_report()
    BarrierReportFactory()  # within its deadline
    text = client.get("/en/admin/").text
    assert "yearly review of the accessibility statement is due" in text
    assert "2 barrier reports</a> are past their one-month deadline" in text
    assert f'href="/en{REPORTS}?frist=overdue"' in text


def test_admin_index_shows_no_reminder_to_other_roles(client):
    make_review_due()
    overdue_report()
    staff_client(client, Role.EDITORIAL, purpose="data_subject_rights")
    text = client.get("/en/admin/").text
    assert "Accessibility: to do" not in text


def test_no_reminder_while_the_review_is_not_due(client, officer):
    text = client.get(f"/en{STATEMENTS}").text
    assert "Accessibility: to do" not in text


def test_statement_list_shows_the_review_reminder(client, officer):
    make_review_due()
    text = client.get(f"/en{STATEMENTS}").text
    assert "yearly review of the accessibility statement is due" in text
    assert "review overdue" in text


# --- statement versions -------------------------------------------------------------------------


def test_copy_and_publish_through_the_admin_actions(client, officer):
    """The review: copy the published version as a draft, then publish the draft."""
    published = AccessibilityStatement.objects.published().get()
    response = client.post(
        STATEMENTS, {"action": "copy_for_review", "_selected_action": [published.pk]}
    )
    draft = AccessibilityStatement.objects.exclude(pk=published.pk).get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"{STATEMENTS}{draft.pk}/change/")
    assert draft.barriers.count() == 4

    client.post(STATEMENTS, {"action": "publish", "_selected_action": [draft.pk]})
    assert AccessibilityStatement.objects.published().get() == draft


def test_statement_change_form_with_inline_barriers_opens(client, officer):
    statement = AccessibilityStatement.objects.published().get()
    response = client.get(f"/en{STATEMENTS}{statement.pk}/change/")
    assert response.status_code == 200
    assert "Known barriers" in response.text
    assert "barriers-0-description_de" in response.text


# --- the worklist -------------------------------------------------------------------------------


def test_overdue_filter_lists_only_open_reports_past_their_deadline(client, officer):
    late = overdue_report(page="/spaet/")
    overdue_report(page="/erledigt/", status=ReportStatus.CLOSED, closed_at=timezone.now())
    BarrierReportFactory(page="/neu/")
    response = client.get(REPORTS, {"frist": "overdue"})
    shown = list(response.context["cl"].result_list)
    assert shown == [late]
    assert "(overdue)" in client.get(f"/en{REPORTS}").text


def test_list_of_reports_is_a_data_use_event_for_reporters_with_an_account(client, officer):
    """The admin site mixes the audit trail into this admin: a list names each resident shown."""
    from munich_portal.audit.actions import pseudonym_for
    from munich_portal.audit.models import DataUseEvent

    resident = UserFactory()
    BarrierReportFactory(reporter=resident)
    client.get(REPORTS)
    event = DataUseEvent.objects.get(subject_pseudonym=pseudonym_for(resident))
    assert event.action == "list"
    assert event.purpose == "barrier_reports"


def change_data(report, **values):
    data = {"status": report.status, "note": report.note}
    data.update(values)
    return data


def test_closing_in_the_change_form_stamps_the_closing_time(client, officer):
    """Retention counts from closed_at; closing sets it, reopening clears it."""
    report = BarrierReportFactory()
    response = client.post(
        f"{REPORTS}{report.pk}/change/", change_data(report, status="closed", note="erledigt")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert report.closed_at is not None
    assert report.note == "erledigt"

    client.post(f"{REPORTS}{report.pk}/change/", change_data(report, status="in_progress"))
    report.refresh_from_db()
    assert report.closed_at is None


def test_answered_status_needs_an_answer(client, officer):
    report = BarrierReportFactory()
    client.post(f"/en{REPORTS}{report.pk}/change/", change_data(report, status="answered"))
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_report_content_is_read_only_for_staff(client, officer):
    """What the reporter wrote stays as written: the change form does not offer it for editing."""
    report = BarrierReportFactory()
    client.post(
        f"{REPORTS}{report.pk}/change/",
        change_data(report, description="geändert", email="x@example.org"),
    )
    report.refresh_from_db()
    assert report.description == "Das Formular lässt sich mit dem Screenreader nicht absenden."
    assert report.email == "anna.huber@example.org"


def test_staff_can_add_a_report_that_came_by_phone(client, officer):
    response = client.post(
        f"{REPORTS}add/",
        {
            "received_at_0": timezone.localdate().isoformat(),
            "received_at_1": "10:00:00",
            "page": "/dienststellen/",
            "description": "Anruf: die Öffnungszeiten sind vorgelesen unverständlich.",
            "language": "de",
            "phone": "089 1234",
            "note": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    report = BarrierReport.objects.get(page="/dienststellen/")
    assert report.status == ReportStatus.NEW
    assert report.deadline > timezone.localdate()


def test_bulk_actions_move_reports_through_their_statuses(client, officer):
    first, second = BarrierReportFactory(), BarrierReportFactory()
    ids = [first.pk, second.pk]
    client.post(REPORTS, {"action": "mark_in_progress", "_selected_action": ids})
    assert set(BarrierReport.objects.values_list("status", flat=True)) == {"in_progress"}
    client.post(REPORTS, {"action": "close_reports", "_selected_action": ids})
    assert all(r.closed_at for r in BarrierReport.objects.all())


# --- answering ----------------------------------------------------------------------------------


def test_answer_by_email_sends_it_and_records_it(
    client, officer, django_capture_on_commit_callbacks
):
    report = BarrierReportFactory(language="en")
    url = f"{REPORTS}{report.pk}/answer/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = client.post(
            url, {"answer": "We have fixed the form; thank you.", "via": "email"}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED
    assert report.answered_via == "email"
    assert report.answered_by_id == officer.pk
    (message,) = mail.outbox
    assert message.to == ["anna.huber@example.org"]
    assert "We have fixed the form; thank you." in message.body
    assert "#enforcement" in message.body


def test_answer_by_letter_sends_nothing_and_can_close(client, officer):
    report = BarrierReportFactory(email="")
    response = client.post(
        f"{REPORTS}{report.pk}/answer/",
        {"answer": "Brief vom 1. Dezember", "via": "letter", "close": "on"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.answered_via) == (ReportStatus.CLOSED, "letter")
    assert report.closed_at is not None
    assert mail.outbox == []


def test_answer_by_email_without_an_address_is_refused(client, officer):
    report = BarrierReportFactory(email="")
    response = client.post(f"/en{REPORTS}{report.pk}/answer/", {"answer": "Hallo", "via": "email"})
    assert response.status_code == 200
    assert response.context["form"].errors["via"]
    report.refresh_from_db()
    assert report.answered_at is None


def test_answer_mail_to_a_resident_is_a_send_event(
    client, officer, django_capture_on_commit_callbacks
):
    from munich_portal.audit.actions import pseudonym_for
    from munich_portal.audit.models import DataUseEvent

    resident = UserFactory()
    report = BarrierReportFactory(reporter=resident)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        client.post(f"{REPORTS}{report.pk}/answer/", {"answer": "Erledigt.", "via": "email"})
    actions = set(
        DataUseEvent.objects.filter(subject_pseudonym=pseudonym_for(resident)).values_list(
            "action", flat=True
        )
    )
    assert "send" in actions


def test_an_answer_is_recorded_while_the_mail_server_is_down_and_its_email_waits(
    client, officer, monkeypatch
):
    """The answer and its e-mail are written in one transaction: a mail server that is down
    loses neither; the e-mail stays queued in the outbox for the next attempt."""
    from munich_portal.messaging.models import EmailStatus, OutgoingEmail

    def fail(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    report = BarrierReportFactory()
    response = client.post(f"/en{REPORTS}{report.pk}/answer/", {"answer": "Hallo", "via": "email"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED
    (email,) = OutgoingEmail.objects.filter(kind="accessibility.report_answer")
    assert email.status == EmailStatus.QUEUED and email.source == report


def test_change_form_links_to_the_answer_page(client, officer):
    report = overdue_report()
    text = client.get(f"/en{REPORTS}{report.pk}/change/").text
    assert f"{REPORTS}{report.pk}/answer/" in text
    assert "The answer was due by" in text


# --- retention ----------------------------------------------------------------------------------


def test_closed_reports_are_deleted_two_years_after_closing():
    from munich_portal.audit.actions import enforce_retention

    now = timezone.now()
    old = BarrierReportFactory(
        status=ReportStatus.CLOSED, closed_at=now - dt.timedelta(days=2 * 365 + 1)
    )
    recent = BarrierReportFactory(
        status=ReportStatus.CLOSED, closed_at=now - dt.timedelta(days=300)
    )
    still_open = BarrierReportFactory(received_at=now - dt.timedelta(days=3 * 365))
    enforce_retention(now=now)
    remaining = set(BarrierReport.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {recent.pk, still_open.pk} <= remaining


def test_erasure_anonymises_the_reporter_and_their_words_but_keeps_the_barrier():
    """The description is the reporter's own free text (issue 14): blanked, in the history too;
    the report stays for the statistics (page, status, dates)."""
    from munich_portal.audit.actions import erase_subject

    resident = UserFactory()
    report = BarrierReportFactory(reporter=resident, phone="089 1", assistive_technology="JAWS")
    report.answer = "Sehr geehrte Frau Quirin, danke."
    report.note = "Frau Quirin rief an."
    report.save()
    page = report.page
    erase_subject(user=resident, reason="request")
    report.refresh_from_db()
    assert (
        report.name,
        report.email,
        report.phone,
        report.assistive_technology,
        report.description,
        report.answer,
        report.note,
    ) == ("", "", "", "", "", "", "")
    assert report.page == page
    history = report.history.values_list("description", "answer", "note")
    assert {value for row in history for value in row} == {""}

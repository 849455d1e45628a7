"""Meine Daten (/meine-daten/): a resident's records, changes and uses — their own only, logged."""

import json
import re
import subprocess
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from munich_portal.audit import actions
from munich_portal.audit.context import processing_context, set_work_purpose
from munich_portal.audit.models import DataUseEvent
from munich_portal.core.models import Department
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/meine-daten/",
    "/meine-daten/daten/accounts.user/",
    "/meine-daten/aenderungen/",
    "/meine-daten/ohne-konto/",
    "/meine-daten/dokument/",
    "/meine-daten/export.json",
    "/meine-daten/export.pdf",
    "/meine-daten/nutzung/1/",
]


@pytest.fixture
def other_resident(db):
    return UserFactory(email="bernd.anders@example.org", full_name="Bernd Anders")


@pytest.fixture
def caseworker(db):
    """A staff member of the KVR whose name and e-mail residents must never see."""
    user = UserFactory(
        staff=True,
        roles=["Sachbearbeitung"],
        email="sabine.sachbearbeiterin@muenchen.de",
        full_name="Sabine Sachbearbeiterin",
    )
    Department.objects.get_or_create(
        code="KVR",
        defaults={"name": "Kreisverwaltungsreferat", "name_en": "Department of Public Order"},
    )
    return user


def staff_uses(staff, subject, n=1, *, action="view", purpose="resident_support", **extra):
    with processing_context(actor=staff, purpose=purpose, channel="admin", department="KVR"):
        return [
            actions.record_use(action=action, subject=subject, record=subject, **extra)
            for _ in range(n)
        ]


def own_events(user):
    pseudonym = actions.pseudonym_for(user)
    return DataUseEvent.objects.filter(subject_pseudonym=pseudonym).order_by("seq")


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/?next=")


def test_the_overview_shows_records_changes_and_uses_in_plain_language(
    client, resident, caseworker
):
    with processing_context(actor=caseworker, purpose="resident_support"):
        resident.full_name = "Anna Geändert"
        resident.save()
    staff_uses(caseworker, resident, case_number="KVR-I/23-2026/4711")
    client.force_login(resident)

    response = client.get("/en/meine-daten/")
    records = client.get("/en/meine-daten/daten/accounts.user/").content.decode()
    changes = client.get("/en/meine-daten/aenderungen/").content.decode()

    assert response.status_code == 200
    text = response.content.decode()
    assert "Records we hold about you" in text
    # The overview counts the records and links to them; their pages show them (issue 17 r2).
    assert 'href="/en/meine-daten/daten/accounts.user/">Users</a>: 1 record' in text
    assert "anna.beispiel@example.org" in records  # the record itself
    assert "Anna Geändert" in changes and "by a staff member" in changes  # the change
    # The use: what, purpose, legal basis, role and department in words; never the staff name.
    assert "User: viewed" in text
    assert "Answering residents&#x27; enquiries" in text
    assert "Art. 6 Abs. 1 lit. e DSGVO" in text
    assert "Sachbearbeitung" in text and "Department of Public Order" in text
    assert "KVR-I/23-2026/4711" in text
    assert caseworker.full_name not in text and caseworker.email not in text
    # No raw codes in what the page says (the link to a kind's page has its label in the URL).
    words = re.sub(r'href="[^"]*"', "", text)
    assert ">resident_support<" not in words and "accounts.user" not in words


def test_reading_ones_own_data_is_logged_as_a_use(client, resident):
    client.force_login(resident)
    client.get("/meine-daten/")
    event = own_events(resident).last()
    assert (event.action, event.actor_pseudonym, event.actor_role) == ("view", "self", "resident")
    assert (event.channel, event.purpose) == ("web", "data_subject_rights")
    assert event.details == {"view": "meine_daten"}


def test_a_staff_member_reads_their_own_data_as_a_data_subject(client, caseworker):
    """The purpose of work and case number in the session do not colour one's own reading."""
    client.force_login(caseworker)
    session = client.session
    set_work_purpose(session, purpose="resident_support", case_number="KVR-1/2026")
    session.save()
    client.get("/meine-daten/")
    event = own_events(caseworker).last()
    assert (event.actor_pseudonym, event.purpose, event.case_number, event.channel) == (
        "self",
        "data_subject_rights",
        "",
        "web",
    )


def test_a_resident_never_sees_another_residents_data(client, resident, other_resident, caseworker):
    staff_uses(caseworker, other_resident, 3, purpose="user_account")
    client.force_login(resident)

    response = client.get("/en/meine-daten/")

    assert other_resident.email not in response.content.decode()
    # Only this visit: none of the other person's uses.
    assert [use.purpose for use in response.context["uses"]] == ["data_subject_rights"]
    data = json.loads(client.get("/meine-daten/export.json").content)
    assert other_resident.email not in json.dumps(data)
    assert all(use["purpose"] != "user_account" for use in data["uses"])


def test_another_residents_use_gives_404(client, resident, other_resident, caseworker):
    (theirs,) = staff_uses(caseworker, other_resident)
    (mine,) = staff_uses(caseworker, resident)
    client.force_login(resident)

    assert client.get(f"/meine-daten/nutzung/{mine.seq}/").status_code == 200
    assert client.get(f"/meine-daten/nutzung/{theirs.seq}/").status_code == 404
    assert client.get("/meine-daten/nutzung/999999999/").status_code == 404


def test_a_batch_event_without_a_resident_gives_404(client, resident, caseworker):
    """Batch events carry the criteria of a list; they belong to no resident."""
    with processing_context(actor=caseworker, purpose="resident_support"):
        batch = actions.record_batch_use(action="list", criteria={}, subjects=[resident])
    client.force_login(resident)
    assert client.get(f"/meine-daten/nutzung/{batch.seq}/").status_code == 404
    own = own_events(resident).filter(batch=batch.seq).get()
    response = client.get(f"/en/meine-daten/nutzung/{own.seq}/")
    assert response.status_code == 200
    assert "part of a list or search that showed 1 person" in response.content.decode()


def test_a_new_resident_sees_only_this_visit(client):
    """A resident without a pseudonym yet: the visit creates it and is the only use listed."""
    newcomer = UserFactory()
    client.force_login(newcomer)
    response = client.get("/en/meine-daten/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1  # this very visit


def test_the_use_detail_shows_the_reference_and_is_logged(client, resident, caseworker):
    (use,) = staff_uses(caseworker, resident)
    client.force_login(resident)
    response = client.get(f"/en/meine-daten/nutzung/{use.seq}/")
    text = response.content.decode()
    assert str(use.seq) in text and use.hash in text
    last = own_events(resident).last()
    assert (last.record_type, last.record_id, last.details) == (
        "audit.datauseevent",
        str(use.seq),
        {"view": "meine_daten_event"},
    )


def test_uses_are_paged_by_twenty(client, resident, caseworker):
    """Twenty uses a page since issue 17, round 2 (fifty before)."""
    staff_uses(caseworker, resident, 120)
    client.force_login(resident)

    first = client.get("/meine-daten/")
    last = client.get("/meine-daten/?seite=7")

    # 120 staff uses plus one logged visit per page view.
    assert len(first.context["uses"]) == 20
    assert first.context["page"].paginator.count == 121
    assert last.context["page"].paginator.count == 122
    assert len(last.context["uses"]) == 2
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    ("params", "expected_actions"),
    [
        ({"aktion": "export"}, {"export"}),
        ({"zweck": "user_account"}, {"export"}),
        ({"aktion": "view", "zweck": "resident_support"}, {"view"}),
    ],
)
def test_uses_can_be_filtered_by_action_and_purpose(
    client, resident, caseworker, params, expected_actions
):
    staff_uses(caseworker, resident, 2)
    staff_uses(caseworker, resident, 1, action="export", purpose="user_account")
    client.force_login(resident)
    response = client.get("/meine-daten/", params)
    assert response.context["filtered"]
    assert {use.action for use in response.context["uses"]} == expected_actions


def test_uses_can_be_filtered_by_period(client, resident, caseworker):
    now = timezone.now()
    staff_uses(caseworker, resident, 1, occurred_at=now - timedelta(days=40))
    staff_uses(caseworker, resident, 1, occurred_at=now - timedelta(days=10))
    client.force_login(resident)
    since = (timezone.localdate() - timedelta(days=20)).isoformat()
    until = (timezone.localdate() - timedelta(days=5)).isoformat()
    response = client.get("/meine-daten/", {"von": since, "bis": until})
    assert [use.occurred_at.date() for use in response.context["uses"]] == [
        (now - timedelta(days=10)).date()
    ]


def test_an_invalid_filter_shows_the_errors_and_all_uses(client, resident, caseworker):
    staff_uses(caseworker, resident, 2)
    client.force_login(resident)
    response = client.get("/en/meine-daten/", {"von": "2026-05-10", "bis": "2026-05-01"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in text
    assert "The end of the period is before its start." in text
    assert 'aria-invalid="true"' in text
    assert response.context["filter_error"] is True
    assert response.context["page"].paginator.count == 3  # everything, unfiltered


def test_a_garbled_date_is_an_error_not_a_crash(client, resident):
    client.force_login(resident)
    response = client.get("/meine-daten/", {"von": "gestern", "aktion": "stehlen"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"von", "aktion"}


def test_the_json_download_holds_records_changes_and_uses_and_is_logged(
    client, resident, caseworker
):
    staff_uses(caseworker, resident, 2)
    client.force_login(resident)

    response = client.get("/en/meine-daten/export.json")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="meine-daten-')
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    users = next(group for group in data["records"] if group["type"] == "accounts.user")
    assert users["items"][0]["fields"]["E-mail address"] == "anna.beispiel@example.org"
    assert any(change["change"] == "created" for change in data["changes"])
    staff = [use for use in data["uses"] if use["by"] == "A staff member"]
    assert len(staff) == 2
    assert staff[0]["purpose_title"] == "Answering residents' enquiries"
    assert staff[0]["role"] == "Sachbearbeitung"
    assert caseworker.email not in response.content.decode()
    last = own_events(resident).last()
    assert (last.action, last.details) == ("export", {"format": "json"})
    # The download itself is among the uses it lists.
    assert data["uses"][0]["action"] == "export"


def test_the_pdf_download_is_a_readable_document_with_the_residents_data(
    client, resident, caseworker, tmp_path
):
    staff_uses(caseworker, resident, 3)
    client.force_login(resident)

    response = client.get("/en/meine-daten/export.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    path = tmp_path / "meine-daten.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "anna.beispiel@example.org" in text
    assert "Answering residents' enquiries" in text
    assert caseworker.email not in text
    assert own_events(resident).last().details == {"format": "pdf"}


def test_the_printable_page_shows_everything_and_is_logged(client, resident, caseworker):
    staff_uses(caseworker, resident, 2)
    client.force_login(resident)
    response = client.get("/en/meine-daten/dokument/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "anna.beispiel@example.org" in text and "Uses of your data" in text
    assert own_events(resident).last().details == {"format": "html"}


def test_meine_daten_answers_get_only(client, resident):
    client.force_login(resident)
    assert client.post("/meine-daten/").status_code == 405


def test_mein_konto_and_the_home_page_link_to_meine_daten(client, resident):
    client.force_login(resident)
    assert 'href="/meine-daten/"' in client.get("/konto/").content.decode()
    client.logout()
    assert 'href="/meine-daten/"' in client.get("/").content.decode()


def test_system_emails_to_a_resident_are_logged_as_sent(
    client, resident, mailoutbox, django_capture_on_commit_callbacks
):
    """allauth's mails (here a password reset) appear among the resident's uses, logged by the
    outbox when the relay accepted the e-mail (after the request's commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/password/reset/", {"email": resident.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    event = own_events(resident).last()
    assert (event.action, event.actor_pseudonym, event.channel) == ("send", "system", "email")
    assert event.purpose == "user_account"
    assert event.details == {"message": "accounts.password_reset_key"}


def test_no_event_for_mails_to_unknown_addresses(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    before = DataUseEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/password/reset/", {"email": f"{uuid.uuid4().hex}@example.org"})
    assert len(mailoutbox) == 1
    assert DataUseEvent.objects.count() == before

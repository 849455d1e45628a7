"""The data-protection officer's tools: the read-only log, unusual access, the Art. 30 register."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.utils import timezone

from munich_portal.audit import actions, selectors
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import AuditAnchor, DataUseEvent
from munich_portal.audit.pseudonyms import actor_pseudonym, commit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOG = "/admin/audit/datauseevent/"
OFFICER_PAGES = [
    LOG,
    f"{LOG}ungewoehnlich/",
    f"{LOG}verzeichnis/",
    f"{LOG}verzeichnis.json",
    f"{LOG}verzeichnis.csv",
    "/admin/audit/auditanchor/",
]


@pytest.fixture
def officer(db):
    return UserFactory(
        staff=True, roles=["Datenschutz"], mfa=True, email="dsb@muenchen.de", full_name="Dora DSB"
    )


@pytest.fixture
def caseworker(db):
    return UserFactory(
        staff=True,
        roles=["Sachbearbeitung"],
        mfa=True,
        email="sepp.sb@muenchen.de",
        full_name="Sepp Sachbearbeiter",
    )


@pytest.fixture
def uses(resident, caseworker):
    """Two views of the resident and one of someone else, by the case worker."""
    other = UserFactory(email="zweite.person@example.org")
    with processing_context(actor=caseworker, purpose="resident_support", channel="admin"):
        return [
            actions.record_use(action="view", subject=resident, record=resident),
            actions.record_use(action="view", subject=resident, record=resident),
            actions.record_use(action="view", subject=other, record=other),
        ]


def head() -> int:
    return selectors.log_head()[0]


# --- Who may open the officer's pages ------------------------------------------------------------


@pytest.mark.parametrize("url", OFFICER_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response.url


@pytest.mark.parametrize("role", ["Sachbearbeitung", "Administration", "Redaktion", "Erfassung"])
@pytest.mark.parametrize("url", OFFICER_PAGES)
def test_staff_without_the_datenschutz_role_get_403(client, role, url):
    client.force_login(UserFactory(staff=True, roles=[role], mfa=True))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", OFFICER_PAGES)
def test_the_data_protection_officer_opens_every_page(client, officer, url, uses):
    client.force_login(officer)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", OFFICER_PAGES)
def test_superusers_without_the_datenschutz_role_get_403(client, url):
    """Only the Datenschutz role reads the log: it is the check on administrators."""
    client.force_login(UserFactory(staff=True, is_superuser=True, mfa=True))
    assert client.get(url).status_code == 403


def test_the_log_is_not_in_a_superusers_index(client):
    client.force_login(UserFactory(staff=True, is_superuser=True, mfa=True))
    page = client.get("/admin/").text
    assert "/admin/audit/datauseevent/" not in page
    assert "/admin/audit/auditanchor/" not in page


@pytest.mark.parametrize("url", OFFICER_PAGES)
def test_superusers_with_the_datenschutz_role_open_every_page(client, url):
    client.force_login(UserFactory(staff=True, is_superuser=True, roles=["Datenschutz"], mfa=True))
    assert client.get(url).status_code == 200


def test_a_resident_cannot_open_the_log(client, resident):
    client.force_login(resident)
    response = client.get(LOG)
    assert response.status_code == 302  # to the admin's login, which sends residents away
    assert not response.url.startswith(LOG)


# --- The log cannot be changed ------------------------------------------------------------------


@pytest.mark.parametrize("as_superuser", [False, True])
def test_the_log_cannot_be_changed_through_the_admin(client, officer, uses, as_superuser):
    user = (
        UserFactory(staff=True, is_superuser=True, roles=["Datenschutz"], mfa=True)
        if as_superuser
        else officer
    )
    client.force_login(user)
    event = uses[0]
    change = f"{LOG}{event.seq}/change/"

    assert client.get(f"{LOG}add/").status_code == 403
    assert client.post(f"{LOG}add/", {"action": "view"}).status_code == 403
    assert client.post(change, {"action": "delete", "purpose": "security"}).status_code == 403
    assert client.post(f"{LOG}{event.seq}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{LOG}{event.seq}/delete/").status_code == 403
    # Bulk actions (delete_selected) are not offered at all.
    response = client.post(
        LOG, {"action": "delete_selected", "_selected_action": [event.seq], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    stored = DataUseEvent.objects.get(seq=event.seq)
    assert (stored.action, stored.purpose, stored.hash) == ("view", "resident_support", event.hash)
    assert selectors.log_head()[0] >= event.seq


def test_the_log_admin_grants_no_write_permission_even_to_superusers():
    request = RequestFactory().get(LOG)
    request.user = UserFactory(staff=True, is_superuser=True, roles=["Datenschutz"])
    for model in (DataUseEvent, AuditAnchor):
        model_admin = django_admin.site._registry[model]
        assert model_admin.has_view_permission(request)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        assert model_admin.get_actions(request) == {}


def test_an_events_detail_page_is_read_only_and_logged(client, officer, uses, resident):
    client.force_login(officer)
    before = head()
    response = client.get(f"{LOG}{uses[0].seq}/change/")
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    (event,) = DataUseEvent.objects.filter(seq__gt=before)
    assert (event.action, event.record_type, event.record_id, event.purpose) == (
        "view",
        "audit.datauseevent",
        str(uses[0].seq),
        "data_protection_audit",
    )
    assert event.subject_pseudonym == actions.pseudonym_for(resident)


# --- Filters and search -------------------------------------------------------------------------


def test_the_officer_finds_a_residents_entries_by_e_mail(client, officer, uses, resident):
    client.force_login(officer)
    before = head()

    response = client.get(LOG, {"q": "Anna.Beispiel@example.org"})

    shown = list(response.context["cl"].result_list)
    assert [event.seq for event in shown] == [uses[1].seq, uses[0].seq]
    # The reading is logged: criteria hold a hash of the address, never the address.
    batch, per_resident = DataUseEvent.objects.filter(seq__gt=before).order_by("seq")
    assert (batch.action, batch.purpose, batch.record_type) == (
        "search",
        "data_protection_audit",
        "audit.datauseevent",
    )
    assert batch.details["criteria"]["search"]["hash"] == commit("Anna.Beispiel@example.org")
    assert "example.org" not in json.dumps(batch.details)
    assert batch.details["hit_count"] == 1  # one resident concerned
    assert per_resident.subject_pseudonym == actions.pseudonym_for(resident)


def test_the_resident_sees_in_meine_daten_that_the_officer_read_their_entries(
    client, officer, uses, resident
):
    client.force_login(officer)
    client.get(LOG, {"q": resident.email})
    client.force_login(resident)
    response = client.get("/en/meine-daten/")
    uses_shown = response.context["uses"]
    reading = next(use for use in uses_shown if use.record_type == "audit.datauseevent")
    assert reading.purpose_title == "Data-use log and data-protection oversight"
    assert reading.role == "Datenschutz"
    assert officer.full_name not in response.content.decode()


def test_an_unknown_e_mail_finds_nothing(client, officer, uses):
    client.force_login(officer)
    response = client.get(LOG, {"q": "niemand@example.org"})
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"purpose": "resident_support"}, [0, 1, 2]),
        ({"purpose": "security"}, []),
        ({"record_type": "accounts.user"}, [0, 1, 2]),
        ({"action__exact": "view"}, [0, 1, 2]),
        ({"action__exact": "export"}, []),
    ],
)
def test_the_log_filters_by_purpose_record_type_and_action(client, officer, uses, params, expected):
    client.force_login(officer)
    response = client.get(LOG, params)
    shown = {event.seq for event in response.context["cl"].result_list}
    assert shown >= {uses[index].seq for index in expected}
    assert not shown & ({event.seq for event in uses} - {uses[i].seq for i in expected})


def test_the_log_filters_by_resident_pseudonym_and_staff_member(
    client, officer, caseworker, uses, resident
):
    client.force_login(officer)
    by_resident = client.get(LOG, {"subject_pseudonym": str(actions.pseudonym_for(resident))})
    assert {e.seq for e in by_resident.context["cl"].result_list} == {uses[0].seq, uses[1].seq}
    by_staff = client.get(LOG, {"actor_pseudonym": actor_pseudonym(caseworker)})
    assert {e.seq for e in by_staff.context["cl"].result_list} == {e.seq for e in uses}
    garbled = client.get(LOG, {"subject_pseudonym": "kein-uuid"})
    assert list(garbled.context["cl"].result_list) == []


def test_the_log_filters_by_time(client, officer, caseworker, resident):
    with processing_context(actor=caseworker, purpose="resident_support"):
        old = actions.record_use(
            action="view",
            subject=resident,
            record=resident,
            occurred_at=timezone.now() - timedelta(days=400),
        )
    with processing_context(actor=caseworker, purpose="resident_support"):
        recent = actions.record_use(action="view", subject=resident, record=resident)
    client.force_login(officer)
    for params in (
        {"period": "30d"},
        {"occurred_at__gte": (timezone.now() - timedelta(days=30)).isoformat()},
    ):
        shown = {e.seq for e in client.get(LOG, params).context["cl"].result_list}
        assert recent.seq in shown and old.seq not in shown, params
    a_year_ago = {"occurred_at__lt": (timezone.now() - timedelta(days=365)).isoformat()}
    assert [e.seq for e in client.get(LOG, a_year_ago).context["cl"].result_list] == [old.seq]


def test_the_officer_sees_the_staff_members_name_and_others_never_do(
    client, officer, caseworker, uses
):
    client.force_login(officer)
    text = client.get(LOG).content.decode()
    assert "Sepp Sachbearbeiter" in text and actor_pseudonym(caseworker) in text


def test_the_batch_events_members_are_listed(client, officer, caseworker, resident):
    with processing_context(actor=caseworker, purpose="resident_support"):
        batch = actions.record_batch_use(
            action="list", criteria={}, subjects=[resident, UserFactory()]
        )
    client.force_login(officer)
    response = client.get(LOG, {"batch": str(batch.seq)})
    assert len(list(response.context["cl"].result_list)) == 2


# --- Unusual access and the register ------------------------------------------------------------


def test_unusual_access_lists_a_staff_member_who_viewed_many_residents(client, officer, caseworker):
    residents = [UserFactory() for _ in range(25)]
    with processing_context(actor=caseworker, purpose="resident_support"):
        for person in residents:
            actions.record_use(action="view", subject=person, record=person)
    client.force_login(officer)
    before = head()

    response = client.get(f"/en{LOG}ungewoehnlich/")

    (finding,) = [f for f in response.context["findings"] if f.kind == "many_subjects"]
    assert finding.actor_pseudonym == actor_pseudonym(caseworker)
    assert (finding.subjects, finding.events) == (25, 5)  # the peak, and the 21st to 25th views
    text = response.content.decode()
    assert "Sepp Sachbearbeiter" in text and "many residents in a short time" in text
    (logged,) = DataUseEvent.objects.filter(seq__gt=before)
    assert logged.details["criteria"]["view"] == "unusual_access"
    assert logged.details["criteria"]["findings"] == 1


def test_unusual_access_takes_thresholds_and_rejects_a_reversed_period(client, officer):
    client.force_login(officer)
    response = client.get(f"/en{LOG}ungewoehnlich/", {"since": "2026-05-10", "until": "2026-05-01"})
    assert response.status_code == 200
    assert "until" in response.context["form"].errors
    assert response.context["findings"] == []


def test_the_register_page_lists_every_purpose_with_its_records(client, officer):
    client.force_login(officer)
    response = client.get(f"/en{LOG}verzeichnis/")
    text = response.content.decode()
    assert "Register of processing activities" in text
    assert "Portal user account" in text and "accounts.user" in text
    assert "Art. 6 Abs. 1 lit. c DSGVO" in text
    assert "Landeshauptstadt München" in text


def test_the_register_downloads_as_json_and_csv(client, officer):
    client.force_login(officer)
    as_json = client.get(f"{LOG}verzeichnis.json")
    assert as_json["Content-Disposition"].startswith("attachment")
    data = json.loads(as_json.content)
    codes = {activity["purpose"] for activity in data["activities"]}
    assert {"user_account", "security", "data_protection_audit"} <= codes
    as_csv = client.get(f"{LOG}verzeichnis.csv")
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["purpose", "title", "legal_basis"]
    assert any(row[0] == "user_account" and row[9] == "accounts.user" for row in rows[1:])


def test_the_officer_follows_a_use_to_the_records_history_under_the_audit_purpose(
    client, officer, uses, resident
):
    """The log links a use to the record's history; the officer opens it to follow it up."""
    client.force_login(officer)
    text = client.get(LOG).content.decode()
    history_url = f"/admin/accounts/user/{resident.pk}/history/"
    assert history_url in text
    assert client.get(history_url).url.startswith("/admin/zweck/")
    client.post("/admin/zweck/", {"purpose": "data_protection_audit"})
    before = head()
    assert client.get(history_url).status_code == 200
    (event,) = DataUseEvent.objects.filter(seq__gt=before)
    assert (event.purpose, event.details) == ("data_protection_audit", {"view": "history"})
    assert client.get(f"/admin/accounts/user/{resident.pk}/change/").status_code == 403

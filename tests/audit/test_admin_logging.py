"""The admin logs every use of a declared model's records, under the staff member's purpose."""

import json

import pytest
from django.contrib import admin as django_admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from munich_portal.accounts.admin import UserAdmin
from munich_portal.audit import actions, registry, selectors
from munich_portal.audit.admin_mixins import (
    AuditedAdminMixin,
    audited_action,
    audited_admin_class,
    offered_purposes,
)
from munich_portal.audit.context import (
    SESSION_CASE_NUMBER_KEY,
    SESSION_PURPOSE_KEY,
    processing_context,
)
from munich_portal.audit.models import DataUseEvent
from munich_portal.audit.pseudonyms import actor_pseudonym, commit
from munich_portal.core.models import Department
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def administrator(db):
    return UserFactory(
        staff=True, roles=["Administration"], mfa=True, email="admin.istrator@muenchen.de"
    )


@pytest.fixture
def superuser(db):
    return UserFactory(staff=True, is_superuser=True, mfa=True, email="root@muenchen.de")


def work_under(client, user, purpose="resident_support", case_number="KVR-I/23-2026/4711"):
    """Log ``user`` in with a purpose of work (and case number) in the session."""
    client.force_login(user)
    session = client.session
    session[SESSION_PURPOSE_KEY] = purpose
    session[SESSION_CASE_NUMBER_KEY] = case_number
    session.save()
    return client


def new_events(before: int):
    return list(DataUseEvent.objects.filter(seq__gt=before).order_by("seq"))


def head() -> int:
    return selectors.log_head()[0]


# --- What is logged ------------------------------------------------------------------------------


def test_the_user_admin_is_audited():
    """Registering a declared model's admin mixes the audit in (and simple-history's history)."""
    from simple_history.admin import SimpleHistoryAdmin

    model_admin = django_admin.site._registry[User]
    assert isinstance(model_admin, AuditedAdminMixin)
    assert isinstance(model_admin, UserAdmin)
    assert isinstance(model_admin, SimpleHistoryAdmin)
    assert not isinstance(django_admin.site._registry[Department], AuditedAdminMixin)


def test_a_change_view_writes_exactly_one_view_event_with_the_sessions_purpose(
    client, administrator, resident
):
    work_under(client, administrator)
    before = head()

    response = client.get(f"/admin/accounts/user/{resident.pk}/change/")

    assert response.status_code == 200
    (event,) = new_events(before)
    assert event.subject_pseudonym == actions.pseudonym_for(resident)
    assert (event.action, event.record_type, event.record_id) == (
        "view",
        "accounts.user",
        str(resident.pk),
    )
    assert (event.purpose, event.case_number, event.channel) == (
        "resident_support",
        "KVR-I/23-2026/4711",
        "admin",
    )
    assert event.actor_pseudonym == actor_pseudonym(administrator)
    assert event.actor_role == "Administration"
    assert event.request_id == response["X-Request-ID"]


def test_the_changelist_writes_one_batch_event_and_one_event_per_resident_shown(
    client, administrator, resident
):
    others = [UserFactory() for _ in range(3)]
    work_under(client, administrator)
    before = head()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/accounts/user/")

    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    batch, *per_resident = new_events(before)
    assert (batch.action, batch.subject_pseudonym, batch.purpose) == (
        "list",
        None,
        "resident_support",
    )
    assert batch.details["hit_count"] == len(shown) == User.objects.count()
    assert batch.details["criteria"]["total"] == len(shown)
    assert {event.subject_pseudonym for event in per_resident} == {
        actions.pseudonym_for(user) for user in [resident, administrator, *others]
    }
    assert all(event.batch == batch.seq for event in per_resident)
    assert {event.record_id for event in per_resident} == {str(user.pk) for user in shown}
    # Cheap: all of it in one INSERT statement.
    inserts = [
        query
        for query in queries.captured_queries
        if query["sql"].startswith('INSERT INTO "audit_datauseevent"')
    ]
    assert len(inserts) == 1


def test_the_changelist_logging_does_not_grow_with_the_page(client, administrator):
    """No query per row: 5 and 40 users cost the same number of queries."""
    work_under(client, administrator)
    for _ in range(4):
        UserFactory()
    client.get("/admin/accounts/user/")
    with CaptureQueriesContext(connection) as small:
        client.get("/admin/accounts/user/")
    for _ in range(35):
        UserFactory()
    client.get("/admin/accounts/user/")  # new pseudonyms are created once
    with CaptureQueriesContext(connection) as large:
        client.get("/admin/accounts/user/")
    assert len(large) == len(small)


def test_a_search_is_logged_as_search_without_the_search_term(client, administrator, resident):
    work_under(client, administrator)
    before = head()

    response = client.get("/admin/accounts/user/", {"q": "anna.beispiel", "is_staff__exact": "0"})

    assert response.status_code == 200
    batch, event = new_events(before)
    assert batch.action == event.action == "search"
    criteria = batch.details["criteria"]
    assert criteria["search"] == {"hash": commit("anna.beispiel"), "length": 13}
    assert criteria["filters"] == {"is_staff__exact": "0"}
    assert "anna" not in json.dumps(batch.details)
    assert event.subject_pseudonym == actions.pseudonym_for(resident)


def test_a_search_without_hits_is_logged_too(client, administrator):
    work_under(client, administrator)
    before = head()
    client.get("/admin/accounts/user/", {"q": "niemand-mit-diesem-namen"})
    (batch,) = new_events(before)
    assert (batch.action, batch.details["hit_count"]) == ("search", 0)


AUTOCOMPLETE = {"app_label": "participation", "model_name": "registration", "field_name": "user"}


def test_an_autocomplete_search_of_personal_data_is_logged(client, administrator, resident):
    """The select2 search of a related account is a search like the list's: one batch event with
    the records shown, the term only as a commitment."""
    work_under(client, administrator)
    before = head()

    response = client.get("/admin/autocomplete/", {**AUTOCOMPLETE, "term": "anna.beispiel"})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(resident.pk)]
    batch, event = new_events(before)
    assert (batch.action, batch.record_type, batch.details["hit_count"]) == (
        "search",
        "accounts.user",
        1,
    )
    criteria = batch.details["criteria"]
    assert criteria["search"] == {"hash": commit("anna.beispiel"), "length": 13}
    assert criteria["source"] == "participation.registration.user"
    assert "filters" not in criteria
    assert "anna" not in json.dumps(batch.details)
    assert event.subject_pseudonym == actions.pseudonym_for(resident)
    assert event.purpose == "resident_support"


def test_an_autocomplete_search_needs_a_purpose_of_work(client, administrator, resident):
    client.force_login(administrator)  # no purpose of work in the session
    before = head()
    response = client.get("/admin/autocomplete/", {**AUTOCOMPLETE, "term": "anna"})
    assert response.status_code == 403
    assert new_events(before) == []


def test_the_history_view_is_logged_with_its_view(client, administrator, resident):
    work_under(client, administrator)
    before = head()
    response = client.get(f"/admin/accounts/user/{resident.pk}/history/")
    assert response.status_code == 200
    (event,) = new_events(before)
    assert (event.action, event.details) == ("view", {"view": "history"})
    assert event.subject_pseudonym == actions.pseudonym_for(resident)


def test_one_version_from_the_history_is_logged(client, superuser, resident):
    work_under(client, superuser)
    version = resident.history.first()
    before = head()
    response = client.get(f"/admin/accounts/user/{resident.pk}/history/{version.history_id}/")
    assert response.status_code == 200
    (event,) = new_events(before)
    assert event.details == {"view": "history", "version": str(version.history_id)}
    assert (event.record_type, event.record_id) == ("accounts.user", str(resident.pk))


def test_adding_a_user_is_logged_as_create(client, administrator):
    work_under(client, administrator, purpose="staff_administration", case_number="")
    before = head()
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "neu.person@muenchen.de",
            "usable_password": "true",
            "password1": "Ein-sicheres-Passwort-77",
            "password2": "Ein-sicheres-Passwort-77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = User.objects.get(email="neu.person@muenchen.de")
    (event,) = [e for e in new_events(before) if e.action == "create"]
    assert event.subject_pseudonym == actions.pseudonym_for(created)
    assert (event.purpose, event.case_number) == ("staff_administration", "")


def test_changing_a_user_is_logged_as_change_with_the_field_labels(client, superuser, resident):
    work_under(client, superuser, purpose="resident_support")
    form = client.get(f"/admin/accounts/user/{resident.pk}/change/").context["adminform"].form
    data = {
        "email": resident.email,
        "full_name": "Anna Umbenannt",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "emailaddress_set-TOTAL_FORMS": "0",
        "emailaddress_set-INITIAL_FORMS": "0",
        "emailaddress_set-MIN_NUM_FORMS": "0",
        "emailaddress_set-MAX_NUM_FORMS": "1000",
    }
    assert form.instance.pk == resident.pk
    before = head()

    response = client.post(f"/admin/accounts/user/{resident.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    (event,) = [e for e in new_events(before) if e.action == "change"]
    assert event.subject_pseudonym == actions.pseudonym_for(resident)
    assert "Name" in event.details["fields"]
    assert "Umbenannt" not in json.dumps(event.details)


def _membership(user):
    from munich_portal.core.models import StaffMembership

    department = Department.objects.get_or_create(code="KVR", defaults={"name": "KVR"})[0]
    return StaffMembership.objects.create(user=user, department=department)


def test_deleting_a_record_is_logged_before_the_row_goes(client, superuser):
    """(Accounts themselves are never deleted in the admin; a staff member's department is.)"""
    from munich_portal.core.models import StaffMembership

    staff_member = UserFactory(staff=True)
    membership = _membership(staff_member)
    pseudonym = actions.pseudonym_for(staff_member)
    work_under(client, superuser, purpose="staff_administration")
    before = head()
    response = client.post(f"/admin/core/staffmembership/{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not StaffMembership.objects.filter(pk=membership.pk).exists()
    deletions = [e for e in new_events(before) if e.action == "delete"]
    assert [e.subject_pseudonym for e in deletions] == [pseudonym]


def test_the_delete_confirmation_is_logged_as_a_view(client, superuser):
    membership = _membership(UserFactory(staff=True))
    work_under(client, superuser, purpose="staff_administration")
    before = head()
    response = client.get(f"/admin/core/staffmembership/{membership.pk}/delete/")
    assert response.status_code == 200
    (event,) = new_events(before)
    assert (event.action, event.details) == ("view", {"view": "delete"})


@audited_action(action="export")
def download_addresses(modeladmin, request, queryset):
    return None


def send_reminder(modeladmin, request, queryset):
    return None


@audited_action(action="print", logs_itself=True)
def print_with_own_log(modeladmin, request, queryset):
    return None


def test_admin_actions_log_their_kind_as_a_batch(resident, staff):
    """An export action writes an ``export`` batch; an unmarked "send" action a ``send`` one."""
    admin_class = audited_admin_class(
        User,
        type("ActionsUserAdmin", (UserAdmin,), {"actions": [download_addresses, send_reminder]}),
    )
    model_admin = admin_class(User, django_admin.site)
    request = RequestFactory().post("/admin/accounts/user/")
    request.user = UserFactory(staff=True, is_superuser=True)
    queryset = User.objects.filter(pk=resident.pk)
    before = head()
    with processing_context(actor=request.user, purpose="resident_support", channel="admin"):
        available = model_admin.get_actions(request)
        available["download_addresses"].func(model_admin, request, queryset)
        available["send_reminder"].func(model_admin, request, queryset)
    kinds = [(e.action, e.subject_pseudonym is None) for e in new_events(before)]
    assert kinds == [("export", True), ("export", False), ("send", True), ("send", False)]


def test_an_admin_action_that_logs_itself_is_not_logged_twice(resident, staff):
    """``logs_itself``: the app action it calls writes the events (printing letters does)."""
    admin_class = audited_admin_class(
        User, type("PrintUserAdmin", (UserAdmin,), {"actions": [print_with_own_log]})
    )
    model_admin = admin_class(User, django_admin.site)
    request = RequestFactory().post("/admin/accounts/user/")
    request.user = UserFactory(staff=True, is_superuser=True)
    before = head()
    with processing_context(actor=request.user, purpose="resident_support", channel="admin"):
        available = model_admin.get_actions(request)
        available["print_with_own_log"].func(
            model_admin, request, User.objects.filter(pk=resident.pk)
        )
    assert new_events(before) == []


# --- The purpose of work ------------------------------------------------------------------------


def test_without_a_purpose_staff_are_sent_to_choose_one_and_back(client, administrator, resident):
    client.force_login(administrator)
    change_url = f"/admin/accounts/user/{resident.pk}/change/"
    before = head()

    response = client.get(change_url)

    assert response.status_code == 302
    assert (
        response.url == f"/admin/zweck/?next=%2Fadmin%2Faccounts%2Fuser%2F{resident.pk}%2Fchange%2F"
    )
    assert new_events(before) == []  # nothing shown, nothing logged

    page = client.get(response.url)
    assert page.status_code == 200
    offered = {choice["purpose"].code for choice in page.context["choices"]}
    # Administration also runs the outbox: every purpose an e-mail is sent under is offered.
    assert offered == {
        "user_account",
        "resident_support",
        "staff_administration",
        "data_subject_rights",
    } | set(registry.declaration_for("messaging.outgoingemail").purposes)

    chosen = client.post(
        "/admin/zweck/",
        {"purpose": "resident_support", "case_number": "KVR-1/2026", "next": change_url},
    )
    assert chosen.status_code == 302 and chosen.url == change_url
    assert client.session[SESSION_PURPOSE_KEY] == "resident_support"
    assert client.session[SESSION_CASE_NUMBER_KEY] == "KVR-1/2026"
    assert client.get(change_url).status_code == 200
    assert new_events(before)[-1].case_number == "KVR-1/2026"


def test_every_admin_page_of_a_declared_model_asks_for_the_purpose(client, superuser, resident):
    client.force_login(superuser)
    for url in [
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        f"/admin/accounts/user/{resident.pk}/history/",
        f"/admin/accounts/user/{resident.pk}/delete/",
        f"/admin/accounts/user/{resident.pk}/password/",
        "/admin/mfa/authenticator/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/zweck/?next="), url


def test_models_without_personal_data_need_no_purpose(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/core/department/").status_code == 200


def test_staff_without_rights_on_the_model_get_403_not_the_purpose_page(client):
    caseworker = UserFactory(staff=True, roles=["Sachbearbeitung"], mfa=True)
    client.force_login(caseworker)
    assert client.get("/admin/accounts/user/").status_code == 403


def test_a_purpose_the_roles_do_not_allow_is_refused(client, administrator):
    client.force_login(administrator)
    response = client.post("/admin/zweck/", {"purpose": "data_protection_audit"})
    assert response.status_code == 200
    assert "purpose" in response.context["form"].errors
    assert SESSION_PURPOSE_KEY not in client.session


def test_a_purpose_that_the_roles_no_longer_allow_is_asked_again(client, administrator, resident):
    work_under(client, administrator, purpose="security")
    response = client.get(f"/admin/accounts/user/{resident.pk}/change/")
    assert response.status_code == 302 and response.url.startswith("/admin/zweck/")


@pytest.mark.parametrize("case_number", ["Anna Beispiel", "Müller 12", "x" * 65, '4711"'])
def test_case_numbers_that_could_be_names_are_refused(client, administrator, case_number):
    client.force_login(administrator)
    response = client.post(
        "/admin/zweck/", {"purpose": "resident_support", "case_number": case_number}
    )
    assert response.status_code == 200
    assert "case_number" in response.context["form"].errors


def test_the_purpose_page_does_not_redirect_elsewhere(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/zweck/", {"purpose": "resident_support", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == "/admin/"


def test_the_header_shows_the_purpose_and_case_number_with_a_change_link(client, administrator):
    work_under(client, administrator)
    text = client.get("/en/admin/").content.decode()
    assert "Purpose of work:" in text
    assert "Answering residents&#x27; enquiries" in text and "KVR-I/23-2026/4711" in text
    assert 'href="/en/admin/zweck/?next=%2Fen%2Fadmin%2F"' in text


def test_the_header_invites_to_choose_a_purpose_when_none_is_set(client, administrator):
    client.force_login(administrator)
    text = client.get("/en/admin/").content.decode()
    assert "none chosen" in text and "Choose purpose" in text


def test_a_misfitting_purpose_is_warned_about_and_flagged(client, superuser, resident):
    """Work under "IT security" on a user record: allowed, warned, flagged for the officer."""
    work_under(client, superuser, purpose="security", case_number="")
    response = client.get(f"/en/admin/accounts/user/{resident.pk}/change/")
    assert response.status_code == 200
    assert "is not one of the purposes of users" in response.content.decode()
    flags = [f for f in selectors.unusual_access() if f.kind == "purpose_mismatch"]
    assert [(f.purpose, f.record_type) for f in flags] == [("security", "accounts.user")]


def test_offered_purposes_follow_the_roles():
    officer = UserFactory(staff=True, roles=["Datenschutz"])
    caseworker = UserFactory(staff=True, roles=["Sachbearbeitung"])
    resident = UserFactory()
    superuser = UserFactory(staff=True, is_superuser=True)
    officer_codes = {p.code for p in offered_purposes(officer)}
    assert "data_protection_audit" in officer_codes and "data_subject_rights" in officer_codes
    # Case workers process online requests (issue 5) and answer data-subject requests about them.
    assert "online_requests" in {p.code for p in offered_purposes(caseworker)}
    assert "data_protection_audit" not in {p.code for p in offered_purposes(caseworker)}
    assert offered_purposes(resident) == []
    assert "retention" not in {p.code for p in offered_purposes(superuser)}


def test_history_versions_cannot_be_reverted_with_view_rights_only(client, resident):
    """simple-history would save a POST on a version page; view rights on history are not enough."""
    officer = UserFactory(staff=True, roles=["Datenschutz"], mfa=True)
    work_under(client, officer, purpose="data_protection_audit", case_number="")
    version = resident.history.first()
    url = f"/admin/accounts/user/{resident.pk}/history/{version.history_id}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "boese@example.org", "_change_history": "1"})
    assert response.status_code == 403
    resident.refresh_from_db()
    assert resident.email == "anna.beispiel@example.org"


def test_a_record_about_no_account_holder_is_logged_as_a_batch_without_residents(staff):
    """A guest's record (no user) appears in no Meine Daten, but the officer sees the use."""
    from allauth.mfa.models import Authenticator

    model_admin = django_admin.site._registry[Authenticator]
    request = RequestFactory().get("/admin/mfa/authenticator/99/change/")
    request.user = staff
    before = head()
    with processing_context(actor=staff, purpose="security", channel="admin"):
        model_admin._log_use(request, action="view", obj=Authenticator(id=99, user_id=None))
    (event,) = new_events(before)
    assert (event.action, event.subject_pseudonym, event.record_type) == (
        "view",
        None,
        "mfa.authenticator",
    )
    assert event.details == {"criteria": {"record_id": "99"}, "hit_count": 0, "subjects": 0}

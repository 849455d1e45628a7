"""Every data-use event records the department the staff member acts for (issue 11, part 4)."""

import json

import pytest

from munich_portal.audit import actions
from munich_portal.audit.context import (
    SESSION_CASE_NUMBER_KEY,
    SESSION_DEPARTMENT_KEY,
    SESSION_PURPOSE_KEY,
    processing_context,
)
from munich_portal.audit.models import DataUseEvent
from munich_portal.core.models import Department, StaffMembership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments(db):
    return {
        "KVR": Department.objects.create(
            code="KVR", name="Kreisverwaltungsreferat", name_en="Department of Public Order"
        ),
        "SOZ": Department.objects.create(
            code="SOZ", name="Sozialreferat", name_en="Department of Social Services"
        ),
        "RAW": Department.objects.create(code="RAW", name="Referat für Arbeit und Wirtschaft"),
    }


@pytest.fixture
def resident(db):
    return UserFactory(email="anna.beispiel@example.org", full_name="Anna Beispiel")


def administrator(*codes):
    """Administration works with accounts in the admin (a declared model): a staff member whose
    admin pages log uses of residents' data."""
    return UserFactory(staff=True, roles=["Administration"], mfa=True, departments=list(codes))


def with_purpose(client, user, purpose="resident_support", **extra):
    client.force_login(user)
    session = client.session
    session[SESSION_PURPOSE_KEY] = purpose
    session[SESSION_CASE_NUMBER_KEY] = ""
    session.update(extra)
    session.save()
    return client


def head() -> int:
    return DataUseEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_a_case_worker_with_one_department_records_it(departments, resident):
    caseworker = UserFactory(staff=True, roles=["Sachbearbeitung"], departments=["KVR"])
    with processing_context(actor=caseworker, purpose="resident_support", channel="admin"):
        event = actions.record_use(action="view", subject=resident, record=resident)
        batch = actions.record_batch_use(action="list", subjects=[resident], criteria={})
    assert event.actor_department == "KVR"
    assert batch.actor_department == "KVR"
    assert DataUseEvent.objects.filter(batch=batch.seq).get().actor_department == "KVR"


def test_the_admin_records_the_only_department_without_asking(client, departments, resident):
    staff = administrator("KVR")
    with_purpose(client, staff)
    before = head()
    assert client.get(f"/admin/accounts/user/{resident.pk}/change/").status_code == 200
    (event,) = DataUseEvent.objects.filter(seq__gt=before)
    assert event.actor_department == "KVR"
    purpose_page = client.get("/admin/zweck/")
    assert 'name="department"' not in purpose_page.text


def test_with_several_departments_the_purpose_page_asks_which_one(client, departments, resident):
    staff = administrator("KVR", "SOZ")
    with_purpose(client, staff)  # a purpose, but no department yet
    url = f"/admin/accounts/user/{resident.pk}/change/"
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/zweck/?next=")

    page = client.get(response.url)
    assert 'name="department"' in page.text
    assert "Kreisverwaltungsreferat" in page.text
    assert "Sozialreferat" in page.text
    assert "Referat für Arbeit und Wirtschaft" not in page.text  # not theirs

    # Nothing chosen: the error at the field and in the summary, what was typed kept.
    missing = client.post(
        "/admin/zweck/",
        {"purpose": "resident_support", "case_number": "KVR-I/23-2026/4711", "next": url},
    )
    assert missing.status_code == 200
    text = missing.content.decode()
    assert 'id="purpose-errors"' in text
    assert text.count("Wählen Sie das Referat, für das Sie handeln.") == 2
    assert 'value="KVR-I/23-2026/4711"' in text
    assert 'value="resident_support" id="id_purpose_0" aria-describedby' in text or (
        'value="resident_support"' in text and "checked" in text
    )

    # Someone else's department is refused the same way.
    foreign = client.post(
        "/admin/zweck/", {"purpose": "resident_support", "department": "RAW", "next": url}
    )
    assert foreign.status_code == 200
    assert foreign.content.decode().count("Wählen Sie eines Ihrer eigenen Referate.") == 2

    chosen = client.post(
        "/admin/zweck/", {"purpose": "resident_support", "department": "SOZ", "next": url}
    )
    assert chosen.status_code == 302
    assert chosen.url == url
    assert client.session[SESSION_DEPARTMENT_KEY] == "SOZ"
    before = head()
    assert client.get(url).status_code == 200
    (event,) = DataUseEvent.objects.filter(seq__gt=before)
    assert event.actor_department == "SOZ"


def test_a_department_no_longer_theirs_must_be_chosen_again(client, departments, resident):
    staff = administrator("KVR", "SOZ")
    with_purpose(client, staff, **{SESSION_DEPARTMENT_KEY: "SOZ"})
    url = f"/admin/accounts/user/{resident.pk}/change/"
    assert client.get(url).status_code == 200
    StaffMembership.objects.filter(user=staff, department__code="SOZ").delete()
    StaffMembership.objects.create(user=staff, department=departments["RAW"])
    assert client.get(url).status_code == 302


def test_a_clerk_of_several_departments_chooses_before_the_paper_entry(client, departments):
    clerk = UserFactory(staff=True, roles=["Erfassung"], mfa=True, departments=["KVR", "SOZ"])
    client.force_login(clerk)
    response = client.get("/erfassung/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/zweck/?next=%2Ferfassung%2F")
    client.post(
        "/admin/zweck/",
        {"purpose": "participation_events", "department": "KVR", "next": "/erfassung/"},
    )
    assert client.get("/erfassung/").status_code == 200
    one = UserFactory(staff=True, roles=["Erfassung"], mfa=True, departments=["KVR"])
    client.force_login(one)
    assert client.get("/erfassung/").status_code == 200


def test_meine_daten_and_the_export_show_role_and_department(client, departments, resident):
    caseworker = UserFactory(staff=True, roles=["Sachbearbeitung"], departments=["KVR"])
    with processing_context(actor=caseworker, purpose="resident_support", channel="admin"):
        actions.record_use(action="view", subject=resident, record=resident)
    client.force_login(resident)

    german = client.get("/meine-daten/").content.decode()
    assert "Sachbearbeitung" in german
    assert "Kreisverwaltungsreferat" in german
    english = client.get("/en/meine-daten/").content.decode()
    assert "Department of Public Order" in english

    export = json.loads(client.get("/meine-daten/export.json").content)
    staff_uses = [use for use in export["uses"] if use.get("role")]
    assert staff_uses
    assert staff_uses[0]["department"] == "Kreisverwaltungsreferat"


def test_the_system_acting_in_a_staff_members_context_records_no_department(departments, resident):
    """A mail the system sends while a case worker works is the system's, not the KVR's."""
    caseworker = UserFactory(staff=True, roles=["Sachbearbeitung"], departments=["KVR"])
    with processing_context(actor=caseworker, purpose="resident_support"):
        sent = actions.record_system_send(subject=resident, purpose="user_account")
    assert (sent.actor_role, sent.actor_department) == ("system", "")

"""Data-use events: pseudonymous, complete, with purpose and legal basis; batches; readers."""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from munich_portal.audit import actions, selectors
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import SYSTEM, processing_context
from munich_portal.audit.models import DataUseEvent, SubjectPseudonym
from munich_portal.audit.pseudonyms import actor_pseudonym, commit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _event_text(event) -> str:
    """Everything an event row stores, as text."""
    return json.dumps(
        {f.attname: str(getattr(event, f.attname)) for f in DataUseEvent._meta.fields},
        ensure_ascii=False,
    )


def test_a_staff_view_is_logged_pseudonymously_with_purpose_and_legal_basis(resident, staff):
    with processing_context(
        actor=staff, purpose="resident_support", case_number="KVR-2026/4711", request_id="r-1"
    ):
        event = actions.record_use(action="view", subject=resident, record=resident)
    event = DataUseEvent.objects.get(seq=event.seq)
    assert event.subject_pseudonym == actions.pseudonym_for(resident)
    assert event.actor_pseudonym == actor_pseudonym(staff)
    assert event.actor_pseudonym.startswith("staff-")
    assert event.actor_role == "Sachbearbeitung"
    assert (event.action, event.record_type, event.record_id) == (
        "view",
        "accounts.user",
        str(resident.pk),
    )
    assert event.purpose == "resident_support"
    assert event.legal_basis == "Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG"
    assert (event.case_number, event.channel, event.request_id) == (
        "KVR-2026/4711",
        "system",
        "r-1",
    )
    # No name, no e-mail address, no user id of either person.
    text = _event_text(event)
    for personal in (resident.email, resident.full_name, staff.email, staff.full_name):
        assert personal not in text
    with translation.override("en"):
        assert event.purpose_title == "Answering residents' enquiries"


def test_the_pseudonym_is_stable_and_stored_apart(resident):
    first = actions.pseudonym_for(resident)
    assert actions.pseudonym_for(resident.pk) == first
    assert SubjectPseudonym.objects.get(user_id=resident.pk).pseudonym == first
    assert actions.pseudonym_for(UserFactory()) != first


def test_a_resident_reading_their_own_data_is_logged_as_self(resident):
    with processing_context(actor=resident):
        event = actions.record_use(action="view", subject=resident, record=resident)
    assert (event.actor_pseudonym, event.actor_role) == ("self", "resident")
    assert event.purpose == "data_subject_rights"


def test_a_use_without_purpose_is_refused(resident, staff):
    """A record whose model serves several purposes needs the staff member's purpose."""
    with pytest.raises(actions.MissingPurpose), processing_context(actor=staff):
        actions.record_use(action="view", subject=resident, record=resident)
    assert not DataUseEvent.objects.exists()


def test_unknown_codes_are_refused(resident):
    from munich_portal.audit.purposes import UnknownPurpose

    with pytest.raises(UnknownPurpose):
        actions.record_use(action="view", subject=resident, purpose="curiosity")
    with pytest.raises(ValueError, match="action"):
        actions.record_use(action="peek", subject=resident, purpose="user_account")
    with pytest.raises(ValueError, match="channel"):
        actions.record_use(action="view", subject=resident, purpose="user_account", channel="fax")
    with pytest.raises(TypeError, match="float"):
        actions.record_use(
            action="view", subject=resident, purpose="user_account", details={"score": 0.5}
        )


def test_free_text_is_stored_plain_and_still_verifies(resident):
    event = actions.record_use(
        action="view",
        subject=resident,
        purpose="user_account",
        case_number='Akte "7"\\a\tb',
        details={"note": 'quotes " and \\ and \n and ü and \u2028'},
    )
    event.refresh_from_db()
    assert event.case_number == "Akte '7'/a b"
    assert event.details["note"] == 'quotes " and \\ and \n and ü and \u2028'
    assert verify_chain().ok


def test_system_sends_are_logged_as_the_system(resident):
    event = actions.record_system_send(subject=resident, purpose="user_account", record=resident)
    assert (event.action, event.actor_pseudonym, event.actor_role, event.channel) == (
        "send",
        "system",
        "system",
        "email",
    )


def test_a_batch_use_writes_one_batch_event_and_one_event_per_resident(staff):
    residents = UserFactory.create_batch(3)
    search = commit("Müller")
    with processing_context(actor=staff, purpose="resident_support", channel="admin"):
        batch = actions.record_batch_use(
            action="search",
            records=type(residents[0]).objects.filter(pk__in=[r.pk for r in residents]),
            criteria={"search": search, "filter": "active"},
        )
    assert batch.subject_pseudonym is None
    assert batch.details == {
        "criteria": {"search": search, "filter": "active"},
        "hit_count": 3,
        "subjects": 3,
    }
    assert batch.is_batch
    members = DataUseEvent.objects.filter(batch=batch.seq).order_by("seq")
    assert [e.seq for e in members] == [batch.seq + 1, batch.seq + 2, batch.seq + 3]
    assert {e.subject_pseudonym for e in members} == {actions.pseudonym_for(r) for r in residents}
    assert {e.record_id for e in members} == {str(r.pk) for r in residents}
    assert all(e.action == "search" and e.record_type == "accounts.user" for e in members)
    assert "Müller" not in _event_text(batch)
    assert verify_chain().ok


def test_a_batch_over_many_residents_is_one_transaction(django_assert_max_num_queries):
    ids = [u.pk for u in UserFactory.create_batch(40, verified=False)]
    with django_assert_max_num_queries(15), processing_context(actor=SYSTEM):
        batch = actions.record_batch_use(
            action="export", subjects=ids, criteria={"export": "all"}, purpose="user_account"
        )
    assert DataUseEvent.objects.filter(batch=batch.seq).count() == 40


def test_batch_events_list_several_records_of_one_resident(resident):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=resident, email="zweite@example.org")
    batch = actions.record_batch_use(
        action="list",
        records=EmailAddress.objects.filter(user=resident),
        criteria={},
        purpose="user_account",
    )
    member = DataUseEvent.objects.get(batch=batch.seq)
    assert member.record_id == ""
    assert member.details["record_count"] == 2


def test_events_for_subject_pages_and_filters(resident, make_events):
    make_events(5, subject=resident)
    other = UserFactory()
    make_events(2, subject=other)
    actions.record_system_send(subject=resident, purpose="user_account")

    page = selectors.events_for_subject(resident, per_page=4)
    assert page.paginator.count == 6
    assert len(page.object_list) == 4
    assert page.object_list[0].action == "send"  # newest first
    assert selectors.events_for_subject(resident, filters={"action": "view"}).paginator.count == 5
    today = timezone.localdate()
    in_range = {"date_from": today, "date_to": today}
    assert selectors.events_for_subject(resident, filters=in_range).paginator.count == 6
    tomorrow = {"date_from": today + timedelta(days=1)}
    assert selectors.events_for_subject(resident, filters=tomorrow).paginator.count == 0
    with pytest.raises(ValueError, match="Unknown event filters"):
        selectors.events_for_subject(resident, filters={"actor": "x"})
    assert selectors.events_for_subject(UserFactory()).paginator.count == 0


def test_the_data_protection_officer_can_resolve_a_staff_pseudonym(staff, resident, make_events):
    event = make_events(1, subject=resident)[0]
    assert selectors.resolve_actor(event.actor_pseudonym) == staff
    assert selectors.resolve_actor("staff-0000000000000000") is None
    assert selectors.event_queryset(subject=resident, actor=event.actor_pseudonym).count() == 1


def test_unusual_access_flags_many_residents_in_a_short_time(staff):
    residents = UserFactory.create_batch(6, verified=False)
    with processing_context(actor=staff, purpose="resident_support"):
        for person in residents:
            actions.record_use(action="view", subject=person, record=person)
    findings = selectors.unusual_access(max_subjects=5, window=timedelta(minutes=10))
    burst = [f for f in findings if f.kind == "many_subjects"]
    assert len(burst) == 1
    assert burst[0].actor_pseudonym == actor_pseudonym(staff)
    assert burst[0].subjects == 6
    assert not [f for f in selectors.unusual_access(max_subjects=6) if f.kind == "many_subjects"]


def test_unusual_access_flags_a_purpose_that_does_not_fit_the_record(staff, resident):
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.create(user=resident, type="totp", data={})
    with processing_context(actor=staff, purpose="resident_support"):
        actions.record_use(action="view", subject=resident, record=authenticator)
        actions.record_use(action="view", subject=resident, record=resident)
    with processing_context(actor=staff, purpose="data_subject_rights"):
        actions.record_use(action="export", subject=resident, record=authenticator)
    mismatches = [f for f in selectors.unusual_access() if f.kind == "purpose_mismatch"]
    assert [(f.record_type, f.purpose) for f in mismatches] == [
        ("mfa.authenticator", "resident_support")
    ]
    assert mismatches[0].allowed_purposes == ("security", "staff_administration")


def test_processing_register_lists_purposes_with_their_models():
    register = {entry.purpose.code: entry for entry in selectors.processing_register()}
    account = register["user_account"]
    assert {record.label for record in account.records} >= {"accounts.user", "account.emailaddress"}
    security = register["security"]
    log = next(record for record in security.records if record.label == "admin.logentry")
    assert log.retention == timedelta(days=365)
    with translation.override("en"):
        data = selectors.processing_register_data()
    assert data["controller"]["name"] == "Landeshauptstadt München"
    activity = next(a for a in data["activities"] if a["purpose"] == "user_account")
    user_entry = next(r for r in activity["records"] if r["model"] == "accounts.user")
    assert "e-mail address" in user_entry["personal_fields"]
    json.dumps(data)  # the download is plain JSON


def test_records_and_history_for_a_resident(resident, staff):
    with processing_context(actor=staff, purpose="resident_support"):
        resident.full_name = "Anna Geändert"
        resident.save()
    groups = {group.label: group for group in selectors.records_for_subject(resident)}
    user_group = groups["accounts.user"]
    values = {field.name: field.value for field in user_group.records[0].fields}
    assert values["email"] == resident.email
    assert values["full_name"] == "Anna Geändert"
    assert "password" not in values
    assert groups["account.emailaddress"].records[0].fields[0].value == resident.email

    history = [
        entry for entry in selectors.history_for_subject(resident) if entry.label == "accounts.user"
    ]
    assert history[0].change_type == "changed"
    assert history[0].by == "staff"
    assert history[0].purpose == "resident_support"
    assert history[0].changes == [("Name", "Anna Beispiel", "Anna Geändert")]
    assert history[-1].change_type == "created"
    other = UserFactory()
    assert resident.email not in str(selectors.records_for_subject(other))


def test_meine_daten_reads_only_the_models_that_hold_data(resident):
    """One query finds the declared models with data about the resident; only those are read,
    so the page does not cost more queries with every app that declares a model."""
    presence = selectors.subject_presence(resident)
    assert {"accounts.user", "account.emailaddress"} <= presence.rows
    assert "accessibility.barrierreport" not in presence.rows
    assert "accounts.user" in presence.history

    with CaptureQueriesContext(connection) as queries:
        selectors.records_for_subject(resident, presence=presence)
        selectors.history_for_subject(resident, presence=presence)
    tables = {
        table
        for query in queries.captured_queries
        for table in re.findall(r'FROM "(\w+)"', query["sql"])
    }
    assert "accessibility_barrierreport" not in tables
    assert "participation_registration" not in tables
    # A query per model with rows; two per model with history (its row ids, then the history).
    assert len(queries.captured_queries) == len(presence.rows) + 2 * len(presence.history)
    assert "accounts_user" in tables

    # A user that no longer exists: every declared model is looked at (retention, erasure).
    assert selectors.subject_presence(10**9) is None


def test_event_writes_use_one_lock_and_keep_seq_gap_free(resident, make_events):
    events = make_events(10, subject=resident)
    seqs = [event.seq for event in events]
    assert seqs == list(range(seqs[0], seqs[0] + 10))
    assert events[1].prev_hash == events[0].hash
    assert uuid.UUID(str(events[0].subject_pseudonym))

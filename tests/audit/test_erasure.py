"""Erasure anonymises a person everywhere it is declared and leaves a verifiable log."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model

from munich_portal.accounts.actions import delete_account
from munich_portal.accounts.models import Session
from munich_portal.accounts.sessions import SessionStore
from munich_portal.audit import actions, selectors
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import DataUseEvent, SubjectPseudonym
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def rich_resident(resident, staff):
    """A resident with two addresses, an authenticator, a changed name, a session, admin log
    entries and logged uses."""
    EmailAddress.objects.create(user=resident, email="anna.zweit@example.org")
    Authenticator.objects.create(user=resident, type="totp", data={"secret": "GEHEIM"})
    with processing_context(actor=staff, purpose="resident_support"):
        resident.full_name = "Anna Beispiel-Neu"
        resident.save()
        actions.record_use(action="view", subject=resident, record=resident)
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=[resident],
        action_flag=CHANGE,
        change_message=[{"added": {"name": "e-mail address", "object": "anna.zweit@example.org"}}],
    )
    session = SessionStore()
    session["_auth_user_id"] = str(resident.pk)
    session.create()
    return resident


def test_erasure_anonymises_the_user_and_every_history_row(rich_resident, staff):
    user_id = rich_resident.pk
    with processing_context(actor=staff, purpose="data_subject_rights"):
        report = actions.erase_subject(user=rich_resident, reason="request")
    user = User.objects.get(pk=user_id)
    assert (user.email, user.full_name) == (f"erased-{user_id}@invalid", "")
    assert not user.is_active and not user.has_usable_password() and user.last_login is None
    assert rich_resident.email == user.email  # the caller's instance was reloaded
    history = user.history.all()
    assert set(history.values_list("email", flat=True)) == {f"erased-{user_id}@invalid"}
    assert set(history.values_list("full_name", flat=True)) == {""}
    latest = history.first()
    assert (latest.history_change_reason, latest.purpose) == ("erasure", "data_subject_rights")
    assert report.records["accounts.user"] == 1


def test_erasure_deletes_addresses_authenticators_and_sessions(rich_resident, staff):
    other = UserFactory()
    other_session = SessionStore()
    other_session["_auth_user_id"] = str(other.pk)
    other_session.create()
    address_ids = list(EmailAddress.objects.filter(user=rich_resident).values_list("pk", flat=True))

    report = actions.erase_subject(user=rich_resident, reason="request")

    assert not EmailAddress.objects.filter(user=rich_resident).exists()
    assert not Authenticator.objects.filter(user=rich_resident).exists()
    address_history = EmailAddress.history.filter(id__in=address_ids)
    assert address_history.filter(history_type="-").count() == 2
    assert set(address_history.values_list("email", flat=True)) == {""}
    assert report.sessions == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        other_session.session_key
    ]
    assert EmailAddress.objects.filter(user=other).exists()


def test_erasure_scrubs_the_admin_log(rich_resident, staff):
    unrelated = LogEntry.objects.log_actions(
        user_id=staff.pk, queryset=[staff], action_flag=CHANGE, change_message="[]"
    )
    actions.erase_subject(user=rich_resident, reason="request")
    entry = LogEntry.objects.get(object_repr="[erased]")
    assert entry.object_id is None  # no id to join to the events that name the record
    assert entry.object_repr == "[erased]"
    assert "anna.zweit" not in entry.change_message
    assert "[erased]" in entry.change_message
    assert LogEntry.objects.get(pk=unrelated[0].pk).object_repr == staff.email


def test_erasure_logs_an_event_then_destroys_the_pseudonym_link(rich_resident, staff):
    pseudonym = actions.pseudonym_for(rich_resident)
    with processing_context(actor=staff, purpose="data_subject_rights"):
        report = actions.erase_subject(user=rich_resident, reason="request")
    event = report.event
    assert (event.action, event.subject_pseudonym, event.purpose) == (
        "anonymise",
        pseudonym,
        "data_subject_rights",
    )
    assert event.details["reason"] == "request"
    assert event.details["records"]["account.emailaddress"] == 2
    # The event names the pseudonym, never the user: no record, no user id anywhere in it.
    assert (event.record_type, event.record_id) == ("", "")
    assert str(rich_resident.pk) not in str(event.details)
    assert not SubjectPseudonym.objects.filter(user_id=rich_resident.pk).exists()
    # The events are still there, linked to nobody; the chain still verifies.
    assert DataUseEvent.objects.filter(subject_pseudonym=pseudonym).count() == 2
    assert selectors.events_for_subject(rich_resident).paginator.count == 0
    assert actions.pseudonym_for(rich_resident) is None
    assert verify_chain().ok


def test_uses_after_erasure_name_no_one(rich_resident):
    """No table remembers erased users, yet no pseudonym is made for them again: the kept user
    row is anonymised, a deleted one is gone."""
    actions.erase_subject(user=rich_resident, reason="request")
    event = actions.record_use(action="view", subject=rich_resident, purpose="user_account")
    assert event.subject_pseudonym is None
    assert not SubjectPseudonym.objects.filter(user_id=rich_resident.pk).exists()


def test_uses_after_account_deletion_name_no_one(rich_resident):
    user_id = rich_resident.pk
    delete_account(user=rich_resident)
    event = actions.record_use(action="view", subject=user_id, purpose="user_account")
    assert event.subject_pseudonym is None
    assert actions.pseudonyms_for([user_id]) == {}
    assert not SubjectPseudonym.objects.filter(user_id=user_id).exists()


def test_erasure_reasons_are_codes_not_free_text(resident):
    with pytest.raises(ValueError):
        actions.erase_subject(user=resident, reason="Frau Beispiel rief an")


def test_deleting_the_account_removes_the_user_and_frees_the_address(rich_resident, client):
    user_id, email = rich_resident.pk, rich_resident.email
    delete_account(user=rich_resident)
    assert not User.objects.filter(pk=user_id).exists()
    assert not client.login(email=email, password=DEFAULT_PASSWORD)
    deletion = User.history.filter(id=user_id, history_type="-").get()
    assert (deletion.email, deletion.full_name) == (f"erased-{user_id}@invalid", "")
    assert not User.history.filter(email__icontains="anna").exists()
    new_user = UserFactory(email=email)
    assert new_user.pk != user_id
    assert actions.pseudonym_for(new_user) is not None
    assert verify_chain().ok


def test_the_account_deletion_view_erases_the_resident(client, rich_resident):
    client.login(email=rich_resident.email, password=DEFAULT_PASSWORD)
    response = client.post("/konto/loeschen/", {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=rich_resident.pk).exists()
    event = DataUseEvent.objects.get(action="anonymise")
    assert event.details["reason"] == "account_deleted"
    assert (event.actor_pseudonym, event.channel) == ("self", "web")
    assert event.request_id == response.headers["X-Request-ID"]

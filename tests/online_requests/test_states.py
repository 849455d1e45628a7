"""The state machine: the table decides, the actions enforce it, and the messages explain."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from online_requests import actions, states
from online_requests.models import RequestStatus, StatusChange
from tests.online_requests.factories import caseworker, submitted_request

S = RequestStatus
ALL = list(S.values)


@pytest.mark.parametrize("from_status", ALL)
@pytest.mark.parametrize("to_status", ALL)
@pytest.mark.parametrize("who", [states.STAFF, states.RESIDENT])
def test_check_allows_exactly_the_table(from_status, to_status, who):
    allowed = who in states.TRANSITIONS.get((from_status, to_status), frozenset())
    if allowed:
        states.check(from_status, to_status, who=who)
    else:
        with pytest.raises(states.IllegalTransition):
            states.check(from_status, to_status, who=who)


def test_final_states_have_no_way_out():
    for final in states.FINAL:
        assert states.allowed_targets(final, who=states.STAFF) == []
        assert states.allowed_targets(final, who=states.RESIDENT) == []


def test_only_the_resident_withdraws_and_only_staff_decide():
    assert S.WITHDRAWN not in states.allowed_targets(S.IN_PROGRESS, who=states.STAFF)
    assert S.APPROVED not in states.allowed_targets(S.IN_PROGRESS, who=states.RESIDENT)


def test_illegal_transitions_explain_themselves():
    with pytest.raises(states.IllegalTransition) as error:
        states.check(S.APPROVED, S.IN_PROGRESS, who=states.STAFF)
    assert "cannot change any more" in error.value.message or "nicht mehr" in error.value.message
    with pytest.raises(states.IllegalTransition) as error:
        states.check(S.IN_PROGRESS, S.WITHDRAWN, who=states.STAFF)
    assert "applicant" in error.value.message or "Antragstellende" in error.value.message


@pytest.mark.django_db
def test_the_action_enforces_the_table_and_logs_each_change(service):
    online_request = submitted_request(service)
    worker = caseworker()
    actions.transition(
        online_request=online_request, to_status=S.IN_PROGRESS, actor=worker, who=states.STAFF
    )
    actions.transition(
        online_request=online_request, to_status=S.APPROVED, actor=worker, who=states.STAFF
    )
    online_request.refresh_from_db()
    assert online_request.status == S.APPROVED and online_request.closed_at is not None
    with pytest.raises(states.IllegalTransition):
        actions.transition(
            online_request=online_request, to_status=S.REJECTED, actor=worker, who=states.STAFF
        )
    assert list(
        StatusChange.objects.filter(request=online_request).values_list("to_status", flat=True)
    ) == [S.RECEIVED, S.IN_PROGRESS, S.APPROVED]


@pytest.mark.django_db
def test_the_action_reads_the_status_from_the_database_not_the_stale_object(service):
    online_request = submitted_request(service)
    stale = type(online_request).objects.get(pk=online_request.pk)
    actions.withdraw(online_request=online_request, user=online_request.user)
    with pytest.raises(states.IllegalTransition):
        actions.transition(
            online_request=stale, to_status=S.APPROVED, actor=caseworker(), who=states.STAFF
        )


@pytest.mark.django_db
def test_the_database_refuses_a_final_status_without_closing_time(service):
    online_request = submitted_request(service)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE online_requests_onlinerequest SET status = 'approved' WHERE id = %s",
            [online_request.pk],
        )


@pytest.mark.django_db
def test_the_status_log_is_append_only(service):
    online_request = submitted_request(service)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE online_requests_statuschange SET to_status = 'approved' WHERE request_id = %s",
            [online_request.pk],
        )


@pytest.mark.django_db
def test_answering_a_request_for_information_puts_the_request_back_into_work(service):
    online_request = submitted_request(service)
    worker = caseworker()
    actions.send_message(
        online_request=online_request,
        body="Bitte Nachweis",
        author=worker,
        ask_for_information=True,
    )
    online_request.refresh_from_db()
    assert online_request.status == S.INFORMATION_REQUESTED
    actions.answer_request(online_request=online_request, body="Anbei", user=online_request.user)
    online_request.refresh_from_db()
    assert online_request.status == S.IN_PROGRESS


@pytest.mark.django_db
def test_a_closed_request_takes_no_more_messages_from_the_resident(service):
    online_request = submitted_request(service)
    actions.withdraw(online_request=online_request, user=online_request.user)
    with pytest.raises(ValidationError):
        actions.answer_request(online_request=online_request, body="Doch", user=online_request.user)

"""The per-process listener for changes of free times (appointments/changes.py, issue 17)."""

import pytest

from appointments import changes, finder
from appointments.models import Slot
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.services.factories import ServiceFactory


@pytest.fixture
def listening(settings):
    settings.APPOINTMENTS_LISTEN = True
    yield
    changes.close()  # a listening connection would keep the test database from being dropped


@pytest.mark.django_db(transaction=True)
def test_every_committed_change_of_free_times_changes_the_token(listening):
    appointment_type = AppointmentTypeFactory()
    first = changes.token()
    assert first is not None and changes.token() == first
    slot = SlotFactory(appointment_type=appointment_type, starts_at=in_days(2, 9))
    added = changes.token()
    assert added != first
    Slot.objects.filter(pk=slot.pk).update(taken=1)
    taken = changes.token()
    assert taken != added
    Slot.objects.filter(pk=slot.pk).update(taken=1)  # no change: no notification
    assert changes.token() == taken
    slot.delete()
    assert changes.token() != taken


@pytest.mark.django_db(transaction=True)
def test_a_lost_connection_gives_no_token_then_a_new_session(listening):
    before = changes.token()
    changes._listener._connection.pgconn.finish()  # the server closed it, say
    assert changes.token() is None  # the caller reads the counters instead
    after = changes.token()
    assert after is not None and after.split(".")[0] != before.split(".")[0]


@pytest.mark.django_db
def test_switched_off_there_is_no_token_and_the_counters_are_read(
    settings, django_assert_num_queries
):
    settings.APPOINTMENTS_LISTEN = False
    assert changes.token() is None
    service = ServiceFactory(slug="reisepass")
    AppointmentTypeFactory().services.add(service)
    with django_assert_num_queries(2):  # the catalogue's version, the counters
        token = finder.times_token("reisepass")
    assert token is not None


@pytest.mark.django_db(transaction=True)
def test_listening_the_token_needs_no_query_for_the_counters(listening, django_assert_num_queries):
    service = ServiceFactory(slug="reisepass")
    AppointmentTypeFactory().services.add(service)
    with django_assert_num_queries(1):  # the catalogue's version (read every time in the tests)
        token = finder.times_token("reisepass")
    assert token is not None and token.endswith(changes.token())

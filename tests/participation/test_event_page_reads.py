"""The event page's reads for a logged-in resident in one round trip
(``selectors.event_and_registration``, issue 17, round 7): the same event and registration as
``event_for_page`` and ``active_registration_for``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from munich_portal.core.prepared import deallocate_all
from participation import selectors
from participation.models import ProcessStatus, RegistrationStatus
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, ProcessFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _columns(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _separately(slug, user):
    event = selectors.event_for_page(slug)
    return event, selectors.active_registration_for(event, user) if event else None


@pytest.mark.parametrize(
    "statuses",
    [
        [],
        [RegistrationStatus.CANCELLED],
        [RegistrationStatus.WAITLISTED],
        [RegistrationStatus.CANCELLED, RegistrationStatus.CANCELLED, RegistrationStatus.PENDING],
        [RegistrationStatus.CONFIRMED],
    ],
)
def test_the_event_and_the_residents_registration_are_those_read_one_by_one(statuses):
    anna, ben = UserFactory(), UserFactory()
    event, other_event = EventFactory(), EventFactory()
    for status in statuses:
        RegistrationFactory(event=event, user=anna, status=status)
    RegistrationFactory(event=event, user=ben)  # someone else's
    RegistrationFactory(event=other_event, user=anna)  # another event's

    together = selectors.event_and_registration(event.slug, anna)
    alone = _separately(event.slug, anna)

    assert _columns(together[0]) == _columns(alone[0])
    assert _columns(together[0].process) == _columns(alone[0].process)
    assert together[1] == alone[1]
    active = [s for s in statuses if s != RegistrationStatus.CANCELLED]
    assert (together[1] is not None) == bool(active)


def test_an_unpublished_or_unknown_event_gives_nothing():
    anna = UserFactory()
    draft = EventFactory(process=ProcessFactory(status=ProcessStatus.DRAFT))
    RegistrationFactory(event=draft, user=anna)
    assert selectors.event_and_registration(draft.slug, anna) == (None, None)
    assert selectors.event_and_registration("no-such-event", anna) == (None, None)


def test_one_query_once_prepared(settings):
    settings.DATABASE_PREPARED_STATEMENTS = True
    anna, event = UserFactory(), EventFactory()
    deallocate_all()
    selectors.event_and_registration(event.slug, anna)
    with CaptureQueriesContext(connection) as queries:
        selectors.event_and_registration(event.slug, anna)
    assert len(queries.captured_queries) == 1

"""The home page shows running participation and the next events; Mein Konto the registrations."""

import pytest

from tests.factories import UserFactory
from tests.participation.factories import EventFactory, PhaseFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_home_lists_running_processes_and_upcoming_events(client):
    phase = PhaseFactory()  # a process whose participation phase runs today
    event = EventFactory(process=phase.process)
    response = client.get("/en/")
    assert phase.process.title_en in response.text
    assert phase.process.get_absolute_url() in response.text
    assert event.title_en in response.text


def test_home_query_count_does_not_grow_with_data(client, django_assert_max_num_queries):
    """Constant queries: 3 processes and 3 events cost the same as 20 of each. Six reads and the
    two version tokens of the top tasks' fragment (read on every request in the tests)."""
    for _ in range(20):
        EventFactory(process=PhaseFactory().process)
    with django_assert_max_num_queries(8):
        client.get("/")


def test_home_search_posts_to_the_catalogue_with_suggestions(client):
    response = client.get("/")
    assert 'action="/dienstleistungen/"' in response.text
    assert "data-suggest-url=" in response.text
    assert "search-suggest" in response.text


def test_my_account_lists_the_residents_registrations_only(client):
    resident = UserFactory()
    mine = RegistrationFactory(user=resident)
    other = RegistrationFactory(user=UserFactory())
    client.force_login(resident)
    response = client.get("/en/konto/")
    assert mine.event.title_en in response.text
    assert other.event.title_en not in response.text

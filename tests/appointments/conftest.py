import pytest

from appointments import changes
from tests.services.conftest import _empty_page_cache  # noqa: F401  (office pages are cached)


@pytest.fixture(params=["counters", "listening"])
def token_source(request, settings):
    """A cache test runs twice: with the counters read on every request, and with this process
    listening for the triggers' notifications (production's default, appointments.changes)."""
    settings.APPOINTMENTS_LISTEN = request.param == "listening"
    yield request.param
    changes.close()  # a listening connection would keep the test database from being dropped

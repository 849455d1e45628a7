"""Shared fixtures: factories' users, a clean cache per test (rate limits), the test outbox;
``force_login`` with the second factor for users who have one (see ``pytest_configure``)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


def pytest_configure(config):
    """``client.force_login(user)`` of a user with an authenticator records the second factor in
    the session, as the real login does (the staff area checks it per session): one helper for
    every test instead of a login through the forms in each (tests/factories.py)."""
    from django.test.client import ClientMixin

    from tests import database_reset
    from tests.factories import force_login_as_real_login

    if not hasattr(ClientMixin.force_login, "original"):
        ClientMixin.force_login = force_login_as_real_login(ClientMixin.force_login)

    database_reset.install()


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's login counters live in the cache, kept pages and fragments in the page cache's
    store (munich_portal/core/page_cache.py, fragment_cache.py); each test starts with none:
    rolled-back rows can give a later test the same version token for other data. The kernel's
    rate-limit windows are rows (core.RateLimitWindow): rolled back or flushed with each test."""
    from munich_portal.core import page_cache

    cache.clear()
    page_cache.clear()
    yield
    cache.clear()
    page_cache.clear()


@pytest.fixture(autouse=True)
def _version_triggers_immediate(request):
    """The participation version's triggers wait for the commit (participation/version_sql.py); a
    test's transaction is rolled back, never committed: they fire at once instead, in every test
    (any test may write participation data and then read a page kept by that version)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and not marker.kwargs.get("transaction"):
        from django.db import connection

        request.getfixturevalue("db")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS participation_version IMMEDIATE")


@pytest.fixture(autouse=True)
def _no_statement_prepared(django_db_blocker):
    """Each test meets its database connection as a new one: no statement prepared yet
    (munich_portal/core/prepared.py). A ``PREPARE`` outlives the test's rollback, so otherwise
    the statements a test counts would depend on which tests ran before it in the worker."""
    from munich_portal.core import prepared

    with django_db_blocker.unblock():
        prepared.deallocate_all()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the portal's default language (German), whatever an earlier test in
    the same worker activated: a request through the middleware or ``translation.activate``
    leaves its language active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_terminal_summary(terminalreporter):
    """The generated access matrix (tests/core/test_access_matrix.py) says how much it checked."""
    cells = patterns = 0
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []
    ):
        if report.when != "call":
            continue
        properties = dict(report.user_properties)
        cells += properties.get("access_matrix_cells", 0)
        patterns = max(patterns, properties.get("access_matrix_patterns", 0))
    if cells:
        terminalreporter.write_line(
            f"access matrix: {cells} cells (URL pattern x role x situation) checked "
            f"over {patterns} URL patterns"
        )

"""Shared fixtures: factories' users, a clean cache per test (rate limits), the test outbox;
``force_login`` with the second factor for users who have one (see ``pytest_configure``)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation


def pytest_configure(config):
    """``client.force_login(user)`` of a user with an authenticator records the second factor in
    the session, as the real login does (the staff area checks it per session): one helper for
    every test instead of a login through the forms in each (tests/factories.py)."""
    from django.test.client import ClientMixin

    from tests.factories import force_login_as_real_login

    if not hasattr(ClientMixin.force_login, "original"):
        ClientMixin.force_login = force_login_as_real_login(ClientMixin.force_login)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the portal's default language (German), whatever an earlier test in
    the same worker activated: a request through the middleware or ``translation.activate``
    leaves its language active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _truncate_past_append_only_triggers(execute, sql, params, many, context):
    """Let one TRUNCATE through the data-use log's append-only triggers, then step aside.

    ``SET LOCAL`` holds for the flush's own transaction only; superuser rights are needed, as for
    the audit tests' ``committed_db`` fixture (tests/audit/conftest.py).
    """
    if sql.lstrip().upper().startswith("TRUNCATE"):
        connection.execute_wrappers.remove(_truncate_past_append_only_triggers)
        context["cursor"].execute("SET LOCAL session_replication_role = replica")
    return execute(sql, params, many, context)


@pytest.fixture(autouse=True)
def _flush_past_append_only_log(request):
    """After each transactional test (live server, concurrency) pytest-django empties every table
    with one TRUNCATE, which the data-use log's triggers refuse (audit migration 0002). Only that
    statement is let through; nothing the test or the server does runs with the triggers off."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "live_server" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so torn down (flushed) after us
    if _truncate_past_append_only_triggers in connection.execute_wrappers:
        connection.execute_wrappers.remove(_truncate_past_append_only_triggers)
    yield
    connection.execute_wrappers.append(_truncate_past_append_only_triggers)


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

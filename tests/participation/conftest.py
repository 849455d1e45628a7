"""Fixtures of the participation tests: no cached pages between tests."""

import pytest
from django.db import connection

from munich_portal.core import page_cache


@pytest.fixture(autouse=True)
def _empty_page_caches():
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture(autouse=True)
def _version_triggers_immediate(request):
    """The participation version's triggers wait for the commit (participation/version_sql.py); a
    test's transaction is rolled back, never committed: they fire at once instead."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and not marker.kwargs.get("transaction"):
        request.getfixturevalue("db")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS participation_version IMMEDIATE")
    return


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the e-mails that actions send after commit, inside a test's transaction."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run

"""Fixtures of the participation tests: no cached pages between tests."""

import pytest

from munich_portal.core import page_cache


@pytest.fixture(autouse=True)
def _empty_page_caches():
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the e-mails that actions send after commit, inside a test's transaction."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run

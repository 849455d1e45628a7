"""Fixtures of the participation tests: no cached pages between tests."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _empty_page_caches():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the e-mails that actions send after commit, inside a test's transaction."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run

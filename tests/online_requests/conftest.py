"""Fixtures of the online-request tests: a private upload directory per test, a published form."""

import pytest

from tests.online_requests.factories import PDF, PNG, published_service  # noqa: F401
from tests.services.conftest import _empty_page_cache, catalogue  # noqa: F401


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    return settings.PORTAL_PRIVATE_UPLOAD_ROOT


@pytest.fixture
def upload_root(_private_uploads):
    return _private_uploads


@pytest.fixture
def service(db):
    return published_service()

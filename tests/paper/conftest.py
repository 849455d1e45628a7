"""Fixtures of the paper-channel tests: those of the participation tests, a clerk, an event."""

import pytest

from tests.factories import UserFactory
from tests.participation.conftest import _empty_page_caches, on_commit  # noqa: F401
from tests.participation.factories import ConsentTextFactory, EventFactory


@pytest.fixture
def clerk():
    return UserFactory(staff=True, roles=["Erfassung"], mfa=True, full_name="Klara Klerk")


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(capacity=3)

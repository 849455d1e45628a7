"""Fixtures of the results tests: those of the participation tests."""

from tests.participation.conftest import (  # noqa: F401
    _empty_page_caches,
    _version_triggers_immediate,
    on_commit,
)

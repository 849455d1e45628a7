"""Fixtures of the results tests: those of the participation tests."""

from tests.participation.conftest import _empty_page_caches, on_commit  # noqa: F401

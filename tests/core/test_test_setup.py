"""The test run's own set-up: what ``make test`` relies on to share the work between its workers."""

import pytest


@pytest.mark.xdist_group("grouping_check")
def test_make_test_keeps_a_group_of_tests_on_one_worker(request):
    """``make test`` runs ``--dist loadgroup``: tests marked with one ``xdist_group`` (the
    production server's module, started once) go to one worker. pytest-xdist carries the group in
    the test's id; a pytest release that drops it (pytest-dev/pytest-xdist#1386) fails here."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("only under make test's --dist loadgroup")
    assert request.node.nodeid.endswith("@grouping_check")

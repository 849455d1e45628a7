"""The clerk-entry benchmark runs end to end on a few sheets (its timing is bench/'s business)."""

import pytest

from bench.domains.paper import bench_clerk_entry, measure_clerk_entry
from paper.models import FormSheet

pytestmark = pytest.mark.django_db


def test_measure_clerk_entry_types_every_sheet_in_and_reports_percentiles():
    """12 sheets: all entered through the pages, one duplicate decided, figures in ms."""
    result = measure_clerk_entry(sheets=10, warmup=2)
    assert result["sheets"] == 10
    assert result["duplicates_decided"] == 1
    assert FormSheet.objects.filter(status="entered").count() == 12
    assert sum(result["registrations"].values()) == 12
    assert 0 < result["save_p50_ms"] <= result["save_p95_ms"] <= result["save_max_ms"]
    assert result["number_p95_ms"] > 0
    assert result["ok"] == (result["save_p95_ms"] < result["goal_p95_ms"])


def test_the_bench_hook_is_registered_for_make_bench():
    from bench.targets import CUSTOM_BENCHMARKS

    assert "bench.domains.paper:bench_clerk_entry" in CUSTOM_BENCHMARKS
    assert callable(bench_clerk_entry)


def test_measure_phone_entry_and_check_in_run_through_the_pages():
    """Small runs of the issue-15 benchmarks: every entry saved (one duplicate decided), every
    scan checks someone in; figures in ms against the goal."""
    from bench.domains.paper import measure_check_in, measure_phone_entry
    from participation.models import Registration

    entry = measure_phone_entry(entries=10, warmup=2, registrations=40)
    assert entry["requests"] == 10 and entry["duplicates_decided"] == 1
    assert Registration.objects.filter(entered_by__isnull=False).count() == 12
    assert 0 < entry["p50_ms"] <= entry["p95_ms"] <= entry["max_ms"]
    assert entry["ok"] == (entry["p95_ms"] < entry["goal_p95_ms"])
    door = measure_check_in(scans=10, warmup=2, registrations=40)
    assert door["requests"] == 10
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 12
    from bench.targets import CUSTOM_BENCHMARKS

    assert "bench.domains.paper:bench_phone_entry" in CUSTOM_BENCHMARKS
    assert "bench.domains.paper:bench_check_in" in CUSTOM_BENCHMARKS

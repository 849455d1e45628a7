"""A minimal view for ``make bench``: the cost of Django itself, as the yardstick for real pages.

The route exists only when the environment says ``PORTAL_BENCH_BASELINE=true`` (bench/run.py sets
it for its own server); production never has it.
"""

from django.http import HttpResponse
from django.urls import URLPattern, path

from munich_portal.settings.env import env_bool


def baseline(request):
    """A few bytes through the full middleware stack, with no template and no database query."""
    return HttpResponse(b"ok", content_type="text/plain")


def bench_urlpatterns() -> list[URLPattern]:
    if not env_bool("PORTAL_BENCH_BASELINE", False):
        return []
    return [path("_bench/baseline", baseline, name="bench_baseline")]

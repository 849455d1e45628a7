"""SQL queries per page: anonymous pages must keep a constant number whatever the data size.

A custom benchmark (see bench/targets.py): it renders every HTTP target once more in this
process, through Django's test client against the benchmark database, and counts the queries —
of a real render (the page caches emptied first: a cached page costs no query and would hide a
page whose queries grow with the data) and of a request served from the page cache. Run after
data generators have loaded more data, the counts must not change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.targets import TARGETS

if TYPE_CHECKING:
    from bench.runner import BenchContext


def count(context: BenchContext) -> dict[str, dict[str, int]]:
    context.setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    figures = {}
    for target in TARGETS:
        client.get(target.path)  # the first request fills per-process caches
        _empty_page_caches()
        with CaptureQueriesContext(connection) as rendered:
            response = client.get(target.path)
        with CaptureQueriesContext(connection) as cached:
            client.get(target.path)
        figures[target.name] = {
            "status": response.status_code,
            "queries": len(rendered),
            "queries_cached": len(cached),
        }
        print(
            f"  {target.name:<14}{target.path:<48}{len(rendered):>4} SQL queries rendered, "
            f"{len(cached)} from the page cache",
            flush=True,
        )
    connection.close()
    return figures


def _empty_page_caches() -> None:
    """Forget every rendered page and the catalogue's derived reads, so that the next request
    renders."""
    from munich_portal.core import page_cache
    from services.selectors import catalogue_token

    page_cache.clear()
    catalogue_token.forget()

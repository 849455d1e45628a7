"""SQL queries per page: anonymous pages must keep a constant number whatever the data size.

A custom benchmark (see bench/targets.py): it renders every HTTP target once more in this
process, through Django's test client against the benchmark database, and counts the queries.
Run after data generators have loaded more data, the counts must not change.
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
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target.path)
        figures[target.name] = {"status": response.status_code, "queries": len(queries)}
        print(f"  {target.name:<12}{target.path:<22}{len(queries):>4} SQL queries", flush=True)
    connection.close()
    return figures

"""Benchmark of the service search at 10,000 services (issue 4: p95 server time under 30 ms).

``measure_search()`` makes sure the database holds at least ``services`` published services
(generating the missing ones with :mod:`bench.domains.service_generator`), then sends a fixed set
of realistic queries — exact names, stems, typos, synonyms, umlauts without umlauts, filters,
English, and one without results — through Django's full request handling in this process (the test
client: middleware, view, template), and returns the server time per request as p50/p95/max in ms.
No HTTP server and no network are involved; ``make bench`` measures throughput separately.

The result part of a search page is kept as a fragment per query (issue 17, docs/services.md,
"Fragments"): the page store is emptied before every request here, so every request runs the
search; what a repeated query costs is measured by ``make bench``'s HTTP targets.
"""

from __future__ import annotations

import statistics
import time
from urllib.parse import urlencode

QUERIES = [
    ("de", {"q": "Personalausweis"}),
    ("de", {"q": "Wohnsitz anmelden"}),
    ("de", {"q": "anmelden"}),
    ("de", {"q": "Anmeldung"}),
    ("de", {"q": "Persnalausweis"}),
    ("de", {"q": "Reisepas beantragen"}),
    ("de", {"q": "perso"}),
    ("de", {"q": "Ummeldung"}),
    ("de", {"q": "KFZ"}),
    ("de", {"q": "fuhrerschein"}),
    ("de", {"q": "Hund"}),
    ("de", {"q": "Baugenehmigung"}),
    ("de", {"q": "Gewerbe anmelden Schwabing"}),
    ("de", {"q": "Elterngeld"}),
    ("de", {"q": "Führungszeugnis für Vereine"}),
    ("de", {"q": "Sperrmüll"}),
    ("de", {"q": "Parkausweis", "online": "1"}),
    ("de", {"q": "Wie melde ich meinen Wohnsitz an"}),
    ("de", {"q": "Xylophonreparatur"}),
    ("de", {"q": "Ausweis", "seite": "2"}),
    ("en", {"q": "identity card"}),
    ("en", {"q": "passport"}),
    ("en", {"q": "register address"}),
    ("en", {"q": "Anmeldung"}),
]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def ensure_services(count: int) -> int:
    """Generate services until at least ``count`` are published; returns the number published."""
    from bench.domains.service_generator import generate_services
    from services.models import Service

    published = Service.objects.published().count()
    if published < count:
        generate_services(
            count=count - published + Service.objects.filter(slug__startswith="gen-").count()
        )
        published = Service.objects.published().count()
    return published


def measure_search(*, services: int = 10_000, rounds: int = 10, warmup: int = 2) -> dict:
    """Search server time at ``services`` published services: p50, p95 and max in ms."""
    from django.db import connections

    published = ensure_services(services)
    database = connections["default"]
    # With a pool, or inside a transaction (tests), the connection stays open anyway.
    pooled = "pool" in database.settings_dict.get("OPTIONS", {}) or database.in_atomic_block
    saved_max_age = database.settings_dict.get("CONN_MAX_AGE", 0)
    if not pooled:
        # Like production (a connection pool), keep the database connection between requests;
        # a new PostgreSQL backend first loads the stemmer and unaccent dictionaries (~30 ms).
        database.close()
        database.settings_dict["CONN_MAX_AGE"] = None
    try:
        return _measure(published, rounds=rounds, warmup=warmup)
    finally:
        if not pooled:
            database.close()
            database.settings_dict["CONN_MAX_AGE"] = saved_max_age


def _measure(published: int, *, rounds: int, warmup: int) -> dict:
    from django.test import Client

    from munich_portal.core import page_cache

    # The host and the proxy's HTTPS header that production settings expect (bench/queries.py).
    client = Client(
        raise_request_exception=True, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"
    )
    paths = [
        ("/en" if language == "en" else "") + "/dienstleistungen/?" + urlencode(params)
        for language, params in QUERIES
    ]
    for _ in range(warmup):
        for path in paths:
            page_cache.clear()
            client.get(path)
    timings: list[float] = []
    slowest: dict[str, float] = {}
    for _ in range(rounds):
        for path in paths:
            page_cache.clear()  # no kept result: the search itself is measured
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            timings.append(elapsed)
            slowest[path] = max(slowest.get(path, 0.0), elapsed)
    p95 = _percentile(timings, 0.95)
    return {
        "name": "service search",
        "services": published,
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(timings), 2),
        "goal_p95_ms": 30,
        "ok": p95 < 30,
        "slowest": sorted(slowest.items(), key=lambda item: -item[1])[:3],
    }


def main() -> None:  # pragma: no cover - run by hand or by bench/run.py
    import json

    print(json.dumps(measure_search(), indent=2, ensure_ascii=False))


def search_benchmark(context) -> dict:
    """``make bench`` hook (bench/targets.py CUSTOM_BENCHMARKS): generates services up to
    10,000 in the benchmark database, measures the search and prints the figures."""
    context.setup_django()
    from django.db import connections

    result = measure_search()
    connections.close_all()
    print(
        f"  service search at {result['services']} services, {result['requests']} requests: "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms "
        f"(goal p95 < {result['goal_p95_ms']} ms) {'ok' if result['ok'] else 'MISSED'}",
        flush=True,
    )
    return {**result, "goal_met": result["ok"]}

"""Benchmark of the results page (issue 7): a process with 5,000 ideas and 50,000 comments.

``bench_results_page`` (a custom benchmark of ``make bench``, see bench/targets.py) seeds the
process ``benchmark-ergebnisse`` once (published, in its results phase; 5,000 ideas from every
channel and district, 50,000 comments, 20,000 supports, 600 registrations), then measures

- the SQL queries of the page for the seeded process and for the small demo process
  (``radverkehr-westend``): the counts must be equal (goal: constant whatever the data);
- the server time of rendering the page without the page cache (p50, p95), in this process;
- the throughput of the page on the running gunicorn server with wrk, against the baseline view
  measured right before it (goal: at least 60 % of the baseline's requests per second).

Anonymous visitors are served from the page cache (``munich_portal.core.page_cache``): each
worker renders the page once a minute, so the throughput measures the portal as residents meet
it, and the uncached render time shows what one render costs at this size.

Run alone against a throw-away database (the seeded rows stay for the next run)::

    .venv/bin/python bench/run.py --database bench_<name> --only results
"""

from __future__ import annotations

import datetime as dt
import statistics as stats
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.runner import BenchContext

SLUG = "benchmark-ergebnisse"
IDEAS = 5_000
COMMENTS = 50_000
SUPPORTS = 20_000
REGISTRATIONS = 600
GOAL_RATIO = 0.60
SMALL_SLUG = "radverkehr-westend"


def seed(*, ideas: int = IDEAS, comments: int = COMMENTS, supports: int = SUPPORTS) -> dict:
    """Create the benchmark process and its contributions unless they exist (idempotent)."""
    from django.db import transaction
    from django.utils import timezone

    from ideas.models import Comment, Idea, IdeaStatus, Support
    from munich_portal.audit.actions import bulk_create_with_history
    from munich_portal.core.channels import Channel
    from munich_portal.core.models import Department, Stadtbezirk
    from munich_portal.core.timezone import today_in_munich
    from participation.models import (
        Event,
        Phase,
        Process,
        ProcessStatus,
        Registration,
        RegistrationStatus,
        Topic,
    )
    from results.models import ProcessResult

    department = Department.objects.order_by("pk").first() or Department.objects.create(
        code="BENCH", name="Benchmark"
    )
    process, _created = Process.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title_de": "Benchmark: Ergebnisse mit 5.000 Ideen",
            "summary_de": "Nur für make bench.",
            "topic": Topic.URBAN_DEVELOPMENT,
            "department": department,
            "status": ProcessStatus.PUBLISHED,
        },
    )
    today = today_in_munich()
    process.phases.all().delete()
    Phase.objects.create(
        process=process,
        kind=Phase.Kind.PARTICIPATION,
        starts_on=today - dt.timedelta(days=100),
        ends_on=today - dt.timedelta(days=31),
    )
    Phase.objects.create(
        process=process,
        kind=Phase.Kind.RESULTS,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
    )
    ProcessResult.objects.update_or_create(
        process=process, defaults={"summary_de": "Zusammenfassung der Stadt (Benchmark)."}
    )
    existing = Idea.objects.filter(process=process).count()
    if existing >= ideas:
        return {"seeded": False, "ideas": existing}

    started = time.monotonic()
    channels = [choice.value for choice in Channel]
    districts = list(Stadtbezirk.objects.order_by("number"))
    statuses = [
        IdeaStatus.ACCEPTED,
        IdeaStatus.PARTLY_ACCEPTED,
        IdeaStatus.NOT_POSSIBLE,
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.NEW,
    ]
    now = timezone.now()
    with transaction.atomic():
        Idea.objects.filter(process=process).delete()
        idea_rows = bulk_create_with_history(
            [
                Idea(
                    process=process,
                    title=f"Benchmark-Idee {n}",
                    text="Ein Vorschlag für die Benchmark-Messung. " * 4,
                    channel=channels[n % len(channels)],
                    district=districts[n % len(districts)] if districts and n % 7 else None,
                    status=statuses[n % len(statuses)],
                    answer="Antwort der Stadt." if n % 5 < 3 else "",
                    created_at=now - dt.timedelta(minutes=n),
                    supports_count=(supports // ideas) if ideas else 0,
                    comments_count=(comments // ideas) if ideas else 0,
                )
                for n in range(ideas)
            ],
            model=Idea,
            batch_size=2000,
        )
        bulk_create_with_history(
            [
                Comment(
                    process=process,
                    idea=idea_rows[n % len(idea_rows)] if n % 10 else None,
                    channel=channels[(n // 3) % len(channels)],
                    text="Ein Kommentar.",
                    created_at=now - dt.timedelta(seconds=n),
                )
                for n in range(comments)
            ],
            model=Comment,
            batch_size=5000,
        )
        bulk_create_with_history(
            [
                Support(idea=idea_rows[n % len(idea_rows)], channel=channels[(n // 7) % 4])
                for n in range(supports)
            ],
            model=Support,
            batch_size=5000,
        )
        event = Event.objects.create(
            process=process,
            slug=f"{SLUG}-werkstatt",
            title_de="Benchmark-Werkstatt",
            kind=Event.Kind.WORKSHOP,
            place_name="Benchmark",
            starts_at=now - dt.timedelta(days=60),
            ends_at=now - dt.timedelta(days=60, hours=-2),
            capacity=REGISTRATIONS,
            confirmed_places=REGISTRATIONS,
        )
        bulk_create_with_history(
            [
                Registration(
                    event=event,
                    channel=channels[n % 4],
                    status=RegistrationStatus.CONFIRMED,
                    first_name="Bench",
                    last_name=f"Person {n}",
                    consent_version="bench",
                    checked_in_at=event.starts_at if n % 3 else None,
                )
                for n in range(REGISTRATIONS)
            ],
            model=Registration,
            batch_size=2000,
        )
    return {"seeded": True, "ideas": ideas, "seconds": round(time.monotonic() - started, 1)}


def _queries_and_times(path: str, *, renders: int = 10) -> tuple[int, list[float], int]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    # A session cookie keeps the page cache out of the way: every request renders.
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    # Without the pool, keep one connection across the requests, as the pool would.
    pooled = "pool" in connection.settings_dict.get("OPTIONS", {})
    saved = connection.settings_dict.get("CONN_MAX_AGE", 0)
    if not pooled:
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"] = None
    try:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # Counted now: the captured list is read from the connection's log, which a new
        # connection (after a request, with the pool) starts afresh.
        count = len(queries)
        times = []
        for _ in range(renders):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        if not pooled:
            connection.close()
            connection.settings_dict["CONN_MAX_AGE"] = saved
    return count, times, response.status_code


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def bench_results_page(context: BenchContext) -> dict:
    context.setup_django()
    from django.db import connection

    from bench import wrk
    from bench.runner import REQUEST_HEADERS

    seeded = seed()
    print(f"  seed: {seeded}", flush=True)
    path = f"/beteiligung/{SLUG}/ergebnisse/"
    small_path = f"/beteiligung/{SMALL_SLUG}/ergebnisse/"
    large_queries, times, status = _queries_and_times(path)
    small_queries, _small_times, small_status = _queries_and_times(small_path, renders=1)
    connection.close()
    constant = status == 200 and small_status == 200 and large_queries == small_queries
    print(
        f"  SQL queries: {large_queries} with {IDEAS:,} ideas and {COMMENTS:,} comments, "
        f"{small_queries} for the demo process ({'constant' if constant else 'NOT constant'})",
        flush=True,
    )
    p50, p95 = stats.median(times), _percentile(times, 0.95)
    print(f"  uncached render: p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)

    options = {
        "threads": context.args.threads,
        "connections": context.args.connections,
        "headers": REQUEST_HEADERS,
    }
    duration = context.duration
    context.fetch(path)  # each worker renders once, then serves from its page cache
    wrk.run(context.base_url + path, duration=min(2, duration), **options)
    baseline, _output = wrk.run(context.base_url + "/_bench/baseline", duration=duration, **options)
    page, _output = wrk.run(context.base_url + path, duration=duration, **options)
    ratio = (
        page.requests_per_second / baseline.requests_per_second
        if baseline.requests_per_second
        else 0
    )
    print(
        f"  throughput: {page.requests_per_second:.0f} req/s vs baseline "
        f"{baseline.requests_per_second:.0f} req/s = {ratio:.0%} (goal {GOAL_RATIO:.0%})",
        flush=True,
    )
    errors = page.errors + baseline.errors
    return {
        "seed": seeded,
        "queries_large": large_queries,
        "queries_small": small_queries,
        "queries_constant": constant,
        "render_p50_ms": round(p50, 1),
        "render_p95_ms": round(p95, 1),
        "requests_per_second": round(page.requests_per_second, 1),
        "baseline_requests_per_second": round(baseline.requests_per_second, 1),
        "ratio": round(ratio, 3),
        "goal_ratio": GOAL_RATIO,
        "errors": errors,
        "goal_met": constant and ratio >= GOAL_RATIO and not errors,
    }

"""Benchmark of the idea list at 5,000 ideas and 50,000 comments (issue 7, item 10).

:func:`bench_idea_list` (in ``bench/targets.py`` CUSTOM_BENCHMARKS) seeds a bench-only process
``bench-ideen`` in its participation phase with ``IDEAS`` ideas and ``COMMENTS`` comments (and
supports), then

- counts the SQL queries of the list (newest, most supported, most commented, a filter, a later
  page) on that process and on a process with a handful of ideas: the counts must be equal;
- measures the server time of an uncached render (Django's test client, full middleware);
- runs wrk against the running gunicorn for the baseline view and the list, with the same
  settings as ``make bench``'s page targets: the list must reach ``GOAL_RATIO`` of the baseline.

The seed writes rows in bulk without history rows (benchmark data, never on a real database;
``loaddemo`` never calls it); it is idempotent and only fills up what is missing.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

IDEAS = 5_000
COMMENTS = 50_000
GOAL_RATIO = 0.60
SLUG = "bench-ideen"
SMALL_SLUG = "bench-ideen-klein"
LIST_PATH = f"/beteiligung/{SLUG}/ideen/?sortierung=kommentiert"


def _process(slug: str):
    from django.utils import timezone

    from munich_portal.core.models import Department
    from participation.models import Phase, Process

    department, _created = Department.objects.get_or_create(
        code="BENCH-IDEEN", defaults={"name": "Referat für Benchmarks"}
    )
    process, created = Process.objects.get_or_create(
        slug=slug,
        defaults={
            "title_de": f"Benchmark Ideen ({slug})",
            "summary_de": "Ein Verfahren nur für Benchmarks.",
            "topic": "urban_development",
            "department": department,
            "status": "published",
        },
    )
    if created or not process.phases.exists():
        today = timezone.localdate()
        Phase.objects.create(
            process=process,
            kind="participation",
            starts_on=today - dt.timedelta(days=30),
            ends_on=today + dt.timedelta(days=365),
        )
    return process


def seed(*, ideas: int = IDEAS, comments: int = COMMENTS, slug: str = SLUG) -> dict[str, int]:
    """Fill the bench process up to ``ideas`` ideas and ``comments`` comments; returns counts."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from ideas.models import Comment, Idea, IdeaCategory, Support
    from munich_portal.audit.guard import allow_untracked_writes
    from munich_portal.core.models import Stadtbezirk

    process = _process(slug)
    rng = random.Random(7)
    categories = [
        IdeaCategory.objects.get_or_create(process=process, name_de=name)[0]
        for name in ("Grün", "Verkehr", "Wohnen", "Kultur")
    ]
    districts = list(Stadtbezirk.objects.all()) or [None]
    User = get_user_model()
    users = []
    for n in range(20):
        user, _created = User.objects.get_or_create(
            email=f"bench-idee-{n}@example.invalid", defaults={"full_name": f"Bench {n}"}
        )
        users.append(user)
    channels = ["online"] * 7 + ["paper", "phone", "on_site"]
    with transaction.atomic(), allow_untracked_writes():
        missing = ideas - Idea.objects.filter(process=process).count()
        if missing > 0:
            Idea.objects.bulk_create(
                [
                    Idea(
                        process=process,
                        title=f"Idee {n}: mehr Bäume und Bänke",
                        text="Ein Vorschlag für die Innenstadt. " * rng.randint(2, 20),
                        category=rng.choice(categories),
                        district=rng.choice(districts),
                        channel=(channel := rng.choice(channels)),
                        author=rng.choice(users) if channel == "online" else None,
                        author_name=f"Person {n}" if n % 3 else "",
                        status=rng.choice(["new", "new", "under_review", "accepted"]),
                        moderation="published",
                    )
                    for n in range(missing)
                ],
                batch_size=1000,
            )
        idea_ids = list(Idea.objects.filter(process=process).values_list("pk", flat=True))
        missing = comments - Comment.objects.filter(process=process).count()
        if missing > 0:
            Comment.objects.bulk_create(
                [
                    Comment(
                        process=process,
                        idea_id=rng.choice(idea_ids),
                        author=rng.choice(users),
                        text="Ich stimme zu, aber bitte auch an Radwege denken.",
                        moderation="published",
                    )
                    for _ in range(missing)
                ],
                batch_size=2000,
            )
        if not Support.objects.filter(idea__process=process).exists():
            Support.objects.bulk_create(
                [
                    Support(idea_id=idea_id, user=user)
                    for idea_id in idea_ids[: len(idea_ids) // 2]
                    for user in rng.sample(users, rng.randint(0, 5))
                ],
                batch_size=2000,
            )
        # The counters, set-based (the actions recompute them per idea).
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE ideas_idea AS i SET
                  supports_count = (SELECT count(*) FROM ideas_support s
                                    WHERE s.idea_id = i.id),
                  comments_count = (SELECT count(*) FROM ideas_comment c
                                    WHERE c.idea_id = i.id AND c.moderation = 'published'
                                      AND c.deleted_at IS NULL)
                WHERE i.process_id = %s
                """,
                [process.pk],
            )
    return {
        "ideas": Idea.objects.filter(process=process).count(),
        "comments": Comment.objects.filter(process=process).count(),
    }


LIST_VARIANTS = [
    "",
    "?sortierung=unterstuetzt",
    "?sortierung=kommentiert",
    "?kanal=paper&status=new",
    "?seite=7",
]


def query_counts(slug: str) -> list[int]:
    """Queries of each list variant of ``slug`` for an anonymous visitor, uncached."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    counts = []
    for variant in LIST_VARIANTS:
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/beteiligung/{slug}/ideen/{variant}", secure=True)
        assert response.status_code == 200, response.status_code
        counts.append(len(queries))
    return counts


def render_times(slug: str, *, rounds: int = 20) -> dict[str, float]:
    from django.core.cache import caches
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    times = []
    for n in range(rounds):
        caches["pages"].clear()
        started = time.perf_counter()
        client.get(
            f"/beteiligung/{slug}/ideen/{LIST_VARIANTS[n % len(LIST_VARIANTS)]}", secure=True
        )
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "max_ms": round(times[-1], 1),
    }


def bench_idea_list(context) -> dict[str, Any]:
    """Seed, count queries, time an uncached render, and compare throughput with the baseline."""
    from bench import wrk
    from bench.runner import REQUEST_HEADERS

    context.setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    started = time.perf_counter()
    sizes = seed()
    seed(ideas=5, comments=10, slug=SMALL_SLUG)
    seeded_s = round(time.perf_counter() - started, 1)
    large = query_counts(SLUG)
    small = query_counts(SMALL_SLUG)
    constant = large == small
    render = render_times(SLUG)
    options = {
        "threads": context.args.threads,
        "connections": context.args.connections,
        "headers": REQUEST_HEADERS,
    }
    rates = {}
    for name, path in (("baseline", "/_bench/baseline"), ("ideas", LIST_PATH)):
        probe = context.fetch(path)
        if probe.status != 200:
            raise RuntimeError(f"{path} answered {probe.status}")
        url = context.base_url + path
        if context.args.warmup > 0:
            wrk.run(url, duration=context.args.warmup, **options)
        result, _output = wrk.run(url, duration=context.duration, **options)
        rates[name] = result.requests_per_second
    ratio = rates["ideas"] / rates["baseline"] if rates["baseline"] else 0.0
    figures = {
        **sizes,
        "seed_seconds": seeded_s,
        "queries_large": large,
        "queries_small": small,
        "queries_constant": constant,
        "uncached_render": render,
        "baseline_rps": round(rates["baseline"], 1),
        "ideas_rps": round(rates["ideas"], 1),
        "ratio": round(ratio, 3),
        "goal_ratio": GOAL_RATIO,
        "goal_met": constant and ratio >= GOAL_RATIO,
    }
    print(
        f"  idea list at {sizes['ideas']} ideas / {sizes['comments']} comments: "
        f"queries {large} (small process {small}, constant: {constant}); "
        f"uncached render p50 {render['p50_ms']} ms; "
        f"{figures['ideas_rps']} req/s = {ratio:.0%} of the baseline's {figures['baseline_rps']} "
        f"(goal {GOAL_RATIO:.0%})"
    )
    return figures

"""Benchmarks of the data-use audit trail (issue 3), custom benchmarks of ``make bench``.

- :func:`log_benchmark` makes sure the log holds 1,000,000 events (generated once with
  ``bench.domains.audit.generate_events``; a database that has them already, e.g. with
  ``--keep-database``, skips that minute), then measures
  - verifying the whole chain (goal: under 10 s), and
  - Meine Daten for one resident with 200 of those events: the real view (``/meine-daten/``, the
    full middleware stack, the template, the logging of the visit) through Django's test client
    in this process, as server time per request, p50 and p95 (goal: p95 under 50 ms).
- :func:`admin_benchmark` compares the throughput of an admin change view (a user's page, with a
  purpose of work in the session) with the audit logging and without it
  (``admin_mixins.without_admin_logging``), alternating request by request so that drift hits
  both alike (goal: at least 80 % of the throughput without logging).

Run alone (against a throw-away database whose name ends in ``bench``; it is created and
migrated when missing, and generated events stay in it for the next run)::

    .venv/bin/python -m bench.audit [--database portal_audit_bench]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.runner import BenchContext

EVENTS = 1_000_000
VERIFY_GOAL_SECONDS = 10.0
MEINE_DATEN_GOAL_MS = 50.0
ADMIN_GOAL_RATIO = 0.80
BENCH_STAFF_EMAIL = "bench-admin@example.org"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def _client():
    from django.test import Client

    # The host and the proxy's HTTPS header the production settings expect (bench/queries.py).
    return Client(
        raise_request_exception=True, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"
    )


def _keep_connection():
    """Keep the database connection between requests, as production's pool does."""
    from django.db import connections

    database = connections["default"]
    pooled = "pool" in database.settings_dict.get("OPTIONS", {}) or database.in_atomic_block
    saved = database.settings_dict.get("CONN_MAX_AGE", 0)
    if not pooled:
        database.close()
        database.settings_dict["CONN_MAX_AGE"] = None

    def restore():
        if not pooled:
            database.close()
            database.settings_dict["CONN_MAX_AGE"] = saved

    return restore


# --- The log: verification and Meine Daten ------------------------------------------------------


def ensure_events(count: int = EVENTS) -> dict:
    """Generate events until the log holds ``count``; ``seq`` has no gaps, so the head counts."""
    from bench.domains.audit import generate_events
    from munich_portal.audit.selectors import log_head

    present = log_head()[0]
    if present >= count:
        return {"events": present, "generated": 0, "seconds": 0.0}
    print(f"  generating {count - present:,} events (once; kept in the database) …", flush=True)
    result = generate_events(count - present)
    return {
        "events": result["head_seq"],
        "generated": result["events"],
        "seconds": result["seconds"],
    }


#: The overview, a page of staff uses only (each visit logs the resident's own view, so after a
#: few runs the first page holds mostly those), and the second page.
MEINE_DATEN_PATHS = [
    "/meine-daten/",
    "/meine-daten/?zweck=resident_support",
    "/meine-daten/?seite=2",
]


def measure_meine_daten(*, rounds: int = 20, warmup: int = 2) -> dict:
    """Server time of Meine Daten pages for the benchmark resident, in ms (p50, p95, max)."""
    from bench.domains.audit import bench_resident
    from munich_portal.audit.selectors import events_for_subject

    resident = bench_resident()
    client = _client()
    client.force_login(resident)
    restore = _keep_connection()
    try:
        for _ in range(warmup):
            for path in MEINE_DATEN_PATHS:
                client.get(path)
        timings, cpu = [], []
        for _ in range(rounds):
            for path in MEINE_DATEN_PATHS:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code}")
        uses = events_for_subject(resident).paginator.count
    finally:
        restore()
    return {
        "paths": MEINE_DATEN_PATHS,
        "requests": len(timings),
        "resident_uses": uses,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(_percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        # The Django process's own CPU time per request (without the database server's), to tell
        # a slow page from a busy machine.
        "cpu_p50_ms": round(statistics.median(cpu), 2),
    }


def run_log_benchmark() -> dict:
    import os

    from bench.domains.audit import bench_verify

    print(f"  load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)

    generated = ensure_events()
    verify_seconds = bench_verify()
    meine_daten = measure_meine_daten()
    verify_ok = verify_seconds < VERIFY_GOAL_SECONDS
    meine_daten_ok = meine_daten["p95_ms"] < MEINE_DATEN_GOAL_MS
    print(
        f"  log: {generated['events']:,} events"
        + (
            f" ({generated['generated']:,} generated in {generated['seconds']:.0f} s)"
            if generated["generated"]
            else ""
        ),
        flush=True,
    )
    print(
        f"  verify_audit_log: {verify_seconds:.2f} s (goal < {VERIFY_GOAL_SECONDS:.0f} s) "
        f"{'ok' if verify_ok else 'MISSED'}",
        flush=True,
    )
    print(
        f"  Meine Daten ({meine_daten['resident_uses']} uses of one resident), "
        f"{meine_daten['requests']} requests: p50 {meine_daten['p50_ms']} ms, "
        f"p95 {meine_daten['p95_ms']} ms, max {meine_daten['max_ms']} ms, "
        f"CPU p50 {meine_daten['cpu_p50_ms']} ms "
        f"(goal p95 < {MEINE_DATEN_GOAL_MS:.0f} ms) {'ok' if meine_daten_ok else 'MISSED'}",
        flush=True,
    )
    return {
        "events": generated["events"],
        "generated": generated["generated"],
        "generation_seconds": round(generated["seconds"], 1),
        "verify_seconds": round(verify_seconds, 2),
        "verify_goal_seconds": VERIFY_GOAL_SECONDS,
        "meine_daten": meine_daten,
        "meine_daten_goal_p95_ms": MEINE_DATEN_GOAL_MS,
        "goal_met": verify_ok and meine_daten_ok,
    }


def log_benchmark(context: BenchContext) -> dict:
    """``make bench`` hook (bench/targets.py): 1,000,000 events, verification, Meine Daten."""
    context.setup_django()
    from django.db import connections

    try:
        return run_log_benchmark()
    finally:
        connections.close_all()


# --- The chain under concurrent writers ---------------------------------------------------------

CONCURRENCY_WRITERS = (1, 8, 32)
CONCURRENCY_GOAL_WRITERS = 8
CONCURRENCY_GOAL_EVENTS_PER_SECOND = 1_000.0


def _chain_writer(user_id: int, seconds: float, ready, counts, times, index: int) -> None:
    """One writer process: ``record_use`` in a loop for ``seconds`` on its own connection (the
    resident viewing their own data, as Meine Daten logs it); its count goes to ``counts``."""
    import contextlib
    import os
    import uuid

    import django

    # One connection per writer (the production pool would open several per process).
    os.environ.update({"DATABASE_POOL_MIN_SIZE": "1", "DATABASE_POOL_MAX_SIZE": "1"})
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connections, transaction

    from munich_portal.audit.actions import record_use
    from munich_portal.audit.context import processing_context

    written = 0
    try:
        user = get_user_model().objects.get(pk=user_id)
        record_use(action="view", subject=user, actor=user)  # connect, warm up (not counted)
        ready.wait()
        started = time.perf_counter()
        deadline = started + seconds
        # Durable events, as staff's uses are (a resident's own views need not wait for the disk).
        # AUDIT_BENCH_IN_TRANSACTION=1: each event in a transaction of its own, the path that
        # holds the chain lock through the flush (all events took it before issue 17).
        in_transaction = os.environ.get("AUDIT_BENCH_IN_TRANSACTION") == "1"
        with processing_context(actor=user, channel="web", request_id=str(uuid.uuid4())):
            while time.perf_counter() < deadline:
                with transaction.atomic() if in_transaction else contextlib.nullcontext():
                    record_use(action="view", subject=user, details={"view": "bench"})
                written += 1
        times[index] = time.perf_counter() - started
        counts[index] = written
    except BaseException:
        counts[index] = -1
        raise
    finally:
        connections.close_all()


def measure_chain_concurrency(writers: int, *, seconds: float = 4.0) -> dict:
    """Events appended per second by ``writers`` processes, each with its own connection, then
    the chain verified from the head before the run and its order checked (gap-free ``seq``)."""
    import multiprocessing

    from bench.domains.audit import bench_resident
    from munich_portal.audit.actions import pseudonym_for
    from munich_portal.audit.chain import Anchor, chain_head, chain_pending, verify_chain
    from munich_portal.audit.models import DataUseEvent, SubjectUseCount

    resident = bench_resident()
    head_seq, head_hash = chain_head()
    counted = SubjectUseCount.objects.filter(pseudonym=pseudonym_for(resident)).values("uses")
    counted_before = counted.first() or {"uses": 0}
    # Spawned, not forked: a forked child would inherit the connection pool's state without its
    # threads. Each child sets Django up from the inherited environment.
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(writers + 1)
    counts = context.Array("i", writers)
    times = context.Array("d", writers)
    processes = [
        context.Process(
            target=_chain_writer, args=(resident.pk, seconds, ready, counts, times, index)
        )
        for index in range(writers)
    ]
    for process in processes:
        process.start()
    ready.wait()
    for process in processes:
        process.join()
    if any(count < 0 for count in counts):
        raise RuntimeError("a writer failed (see its traceback above)")
    # Each writer's events were in the log when its last call returned: the rate is over the
    # longest writer's time (the processes' start and exit are not counted).
    elapsed = max(times)
    events = sum(counts)
    left_in_queue = chain_pending()
    start = Anchor(head_seq, head_hash, "head before the run") if head_seq else None
    result = verify_chain(start=start)
    new_seqs = list(
        DataUseEvent.objects.filter(seq__gt=head_seq).order_by("seq").values_list("seq", flat=True)
    )
    total_order = new_seqs == list(range(head_seq + 1, head_seq + 1 + len(new_seqs)))
    # Every writer logs the same resident's uses: the kept number (one row, audit.0006) grew by
    # exactly the events appended.
    counted_after = counted.first() or {"uses": 0}
    return {
        "writers": writers,
        "events": events,
        "seconds": round(elapsed, 2),
        "events_per_second": round(events / elapsed, 1),
        # Each writer also wrote one warm-up event before the clock started.
        "appended": len(new_seqs),
        "left_in_queue": left_in_queue,
        "chain_ok": result.ok and len(new_seqs) == events + writers and not left_in_queue,
        "total_order": total_order,
        "count_kept": counted_after["uses"] - counted_before["uses"] == len(new_seqs),
        "problem": result.message if not result.ok else "",
    }


def run_chain_concurrency_benchmark(writers=CONCURRENCY_WRITERS, *, seconds: float = 4.0) -> dict:
    import os

    print(f"  load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    runs = []
    for count in writers:
        figures = measure_chain_concurrency(count, seconds=seconds)
        runs.append(figures)
        print(
            f"  chain appends, {count:>2} writer(s): {figures['events_per_second']:>7.1f} events/s "
            f"({figures['events']} in {figures['seconds']} s); chain "
            f"{'verifies' if figures['chain_ok'] else 'BROKEN ' + figures['problem']}, order "
            f"{'total' if figures['total_order'] else 'HAS GAPS'}, number of uses "
            f"{'kept' if figures['count_kept'] else 'WRONG'}",
            flush=True,
        )
    at_goal = next((run for run in runs if run["writers"] == CONCURRENCY_GOAL_WRITERS), None)
    rate_ok = (
        at_goal is not None and at_goal["events_per_second"] >= CONCURRENCY_GOAL_EVENTS_PER_SECOND
    )
    intact = all(run["chain_ok"] and run["total_order"] and run["count_kept"] for run in runs)
    print(
        f"  goal: ≥ {CONCURRENCY_GOAL_EVENTS_PER_SECOND:.0f} events/s at "
        f"{CONCURRENCY_GOAL_WRITERS} writers, chain verifying, order total, number kept: "
        f"{'ok' if rate_ok and intact else 'MISSED'}",
        flush=True,
    )
    return {
        "runs": runs,
        "goal_writers": CONCURRENCY_GOAL_WRITERS,
        "goal_events_per_second": CONCURRENCY_GOAL_EVENTS_PER_SECOND,
        "goal_met": rate_ok and intact,
    }


def chain_concurrency_benchmark(context: BenchContext) -> dict:
    """``make bench`` hook (bench/targets.py): data-use events appended per second by 1, 8 and
    32 concurrent writers (processes), the chain verified and the order total afterwards."""
    context.setup_django()
    from django.db import connections

    try:
        return run_chain_concurrency_benchmark()
    finally:
        connections.close_all()


# --- The admin with and without logging --------------------------------------------------------


def _bench_staff():
    """A superuser with a second factor (the admin requires one) and a purpose of work."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        email=BENCH_STAFF_EMAIL,
        defaults={"full_name": "Bench Admin", "is_staff": True, "is_superuser": True},
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    return user


def measure_admin(*, requests: int = 300, warmup: int = 10) -> dict:
    """Requests/s of a user's change view with the audit logging and without, and the ratio.

    The two modes alternate request by request, so that the machine's drift (other processes,
    the database's caches) hits both alike; the throughput of each mode is one over its median
    request time (a single slow request, a garbage collection or a neighbour's burst, moves a
    median little and a total much). Totals are reported too.
    """
    from bench.domains.audit import bench_resident
    from munich_portal.audit.admin_mixins import without_admin_logging
    from munich_portal.audit.context import set_work_purpose

    staff = _bench_staff()
    resident = bench_resident()
    client = _client()
    client.force_login(staff)
    session = client.session
    set_work_purpose(session, purpose="resident_support", case_number="BENCH-1")
    session.save()
    url = f"/admin/accounts/user/{resident.pk}/change/"
    restore = _keep_connection()

    def timed() -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return elapsed

    logged: list[float] = []
    unlogged: list[float] = []
    try:
        for _ in range(warmup):
            timed()
            with without_admin_logging():
                timed()
        for _ in range(requests):
            logged.append(timed())
            with without_admin_logging():
                unlogged.append(timed())
    finally:
        restore()
    with_ms, without_ms = statistics.median(logged) * 1000, statistics.median(unlogged) * 1000
    return {
        "path": "/admin/accounts/user/<id>/change/",
        "requests_each": requests,
        "with_logging_rps": round(1000 / with_ms, 1),
        "without_logging_rps": round(1000 / without_ms, 1),
        "with_logging_ms": round(with_ms, 2),
        "without_logging_ms": round(without_ms, 2),
        "ratio": round(without_ms / with_ms, 3),
        "ratio_of_totals": round(sum(unlogged) / sum(logged), 3),
    }


def run_admin_benchmark() -> dict:
    figures = measure_admin()
    ok = figures["ratio"] >= ADMIN_GOAL_RATIO
    print(
        f"  admin change view, {figures['requests_each']} requests each, in-process: "
        f"with logging {figures['with_logging_rps']} req/s ({figures['with_logging_ms']} ms), "
        f"without {figures['without_logging_rps']} req/s ({figures['without_logging_ms']} ms), "
        f"ratio {figures['ratio']:.2f} (of total times {figures['ratio_of_totals']:.2f}; "
        f"goal ≥ {ADMIN_GOAL_RATIO:.2f}) {'ok' if ok else 'MISSED'}",
        flush=True,
    )
    return {**figures, "goal_ratio": ADMIN_GOAL_RATIO, "goal_met": ok}


def admin_benchmark(context: BenchContext) -> dict:
    """``make bench`` hook (bench/targets.py): the admin change view with and without logging."""
    context.setup_django()
    from django.db import connections

    try:
        return run_admin_benchmark()
    finally:
        connections.close_all()


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - run by hand
    import os

    parser = argparse.ArgumentParser(
        prog="python -m bench.audit", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--database", default="portal_audit_bench")
    args = parser.parse_args(argv)

    import tempfile

    from bench.server import prepare, production_environment

    static_root = tempfile.mkdtemp(prefix="portal-audit-bench-")
    env = production_environment(
        args.database, DJANGO_LOG_LEVEL="WARNING", DJANGO_STATIC_ROOT=static_root
    )
    _create_database_if_missing(args.database)
    prepare(env)  # migrate, cache table, static files (templates need the manifest)
    os.environ.update(env)
    import django

    django.setup()
    started = time.perf_counter()
    results = {"log": run_log_benchmark(), "admin": run_admin_benchmark()}
    print(f"  audit benchmarks took {time.perf_counter() - started:.0f} s", flush=True)
    return 0 if all(result["goal_met"] for result in results.values()) else 1


def _create_database_if_missing(name: str) -> None:
    import os
    from pathlib import Path

    import psycopg
    from psycopg import sql

    from bench.server import REPO
    from munich_portal.embedded_db import ensure_server

    if not name.endswith("bench"):
        raise SystemExit(f"Refusing to fill {name!r} with generated events: not a *bench database.")
    params = ensure_server(
        Path(os.environ.get("EMBEDDED_POSTGRES_DIR", str(REPO / ".pgdata"))), "postgres"
    )
    with psycopg.connect(
        host=params["HOST"],
        port=params["PORT"],
        user=params["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

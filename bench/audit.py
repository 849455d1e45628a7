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

"""Benchmark of the shared capacity (issue 6): 500 simultaneous registrations for 50 places.

``bench_concurrent_registrations`` creates an event with 50 places in a draft process (invisible
on the site), then lets a pool of threads — each with its own database connection — register 500
people at once through :func:`participation.actions.register`, half online, half as clerks'
paper entries, all released together by a barrier. The goal: exactly 50 confirmed, 450 on the
waiting list, no error, and ``confirmed_places`` equal to the confirmed registrations. The event is
deleted afterwards. E-mails go to Django's in-memory backend (nothing is sent).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

REGISTRATIONS = 500
PLACES = 50
# Threads registering at once. Without a connection pool each holds its own connection (stay well
# below PostgreSQL's default max_connections of 100); with the production pool they take turns
# on its connections, as requests do.
WORKERS = 32


def run_concurrent_registrations(
    *, registrations: int = REGISTRATIONS, places: int = PLACES, workers: int = WORKERS
) -> dict:
    """Fire ``registrations`` registrations at an event with ``places`` places; count outcomes."""
    import datetime as dt

    from django.db import connection
    from django.db.models import Sum
    from django.test.utils import override_settings
    from django.utils import timezone

    from munich_portal.core.models import Department
    from participation import actions
    from participation.models import Event, Process, Registration, RegistrationStatus

    department = Department.objects.order_by("pk").first() or Department.objects.create(
        code="BENCH", name="Benchmark"
    )
    process, _created = Process.objects.get_or_create(
        slug="benchmark-anmeldungen",
        defaults={
            "title_de": "Benchmark: gleichzeitige Anmeldungen",
            "summary_de": "Nur für make bench (nicht veröffentlicht).",
            "topic": "urban_development",
            "department": department,
            "status": "draft",
        },
    )
    starts = timezone.now() + dt.timedelta(days=30)
    event = Event.objects.create(
        process=process,
        slug=f"benchmark-{time.time_ns()}",
        title_de="Benchmark-Werkstatt",
        kind=Event.Kind.WORKSHOP,
        place_name="Benchmark",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=places,
        waiting_list_enabled=True,
    )
    pooled = "pool" in connection.settings_dict.get("OPTIONS", {})
    barrier = threading.Barrier(workers)
    lock = threading.Lock()
    outcome = {"confirmed": 0, "waitlisted": 0, "errors": 0, "error_samples": []}
    jobs = list(range(registrations))
    chunks = [jobs[index::workers] for index in range(workers)]

    def worker(numbers: list[int]) -> None:
        try:
            try:
                local_event = Event.objects.get(pk=event.pk)  # opens this thread's connection
                if pooled:
                    connection.close()
            except Exception as error:
                barrier.abort()
                with lock:
                    outcome["errors"] += len(numbers)
                    outcome["error_samples"].append(f"connection: {error!r}"[:200])
                return
            try:
                barrier.wait(timeout=60)
            except threading.BrokenBarrierError:
                with lock:
                    outcome["errors"] += len(numbers)
                return
            for n in numbers:
                paper = n % 2 == 1
                person = {
                    "first_name": "Bench",
                    "last_name": f"Person {n}",
                    "email": "" if paper else f"bench{n}@example.org",
                    "street": "Marienplatz 8",
                    "postal_code": "80331",
                    "city": "München",
                }
                try:
                    registration = actions.register(
                        event=local_event,
                        channel="paper" if paper else "online",
                        person=person,
                        number_of_people=1,
                        access_needs=["sign_language"] if n % 10 == 0 else [],
                        consent_version="bench",
                        form_number=f"9{event.pk:05d}{n:05d}" if paper else None,
                    )
                    key = registration.status
                    with lock:
                        outcome[key if key in outcome else "errors"] += 1
                except Exception as error:  # every failure is counted and shown
                    with lock:
                        outcome["errors"] += 1
                        if len(outcome["error_samples"]) < 3:
                            outcome["error_samples"].append(repr(error)[:200])
                if pooled:
                    # Like a request: the connection goes back to the pool after each
                    # registration, so more threads than pooled connections take turns.
                    connection.close()
        finally:
            connection.close()

    locmem = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with override_settings(MAILERS=locmem):
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(worker, chunks))
        seconds = time.perf_counter() - started
    event.refresh_from_db()
    confirmed_people = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).aggregate(
            people=Sum("number_of_people")
        )["people"]
        or 0
    )
    result = {
        "registrations": registrations,
        "places": places,
        "workers": workers,
        "confirmed": outcome["confirmed"],
        "waitlisted": outcome["waitlisted"],
        "errors": outcome["errors"],
        "error_samples": outcome["error_samples"],
        "counter": event.confirmed_places,
        "counter_matches": event.confirmed_places == confirmed_people,
        "seconds": round(seconds, 3),
        "per_second": round(registrations / seconds, 1) if seconds else None,
    }
    result["ok"] = (
        result["confirmed"] == places
        and result["waitlisted"] == registrations - places
        and result["errors"] == 0
        and result["counter_matches"]
        and result["counter"] == places
    )
    event.delete()
    return result


def bench_concurrent_registrations(context) -> dict:
    """``make bench`` hook (bench/targets.py CUSTOM_BENCHMARKS)."""
    context.setup_django()
    from django.db import connections

    result = run_concurrent_registrations()
    connections.close_all()
    print(
        f"  concurrent registrations: {result['registrations']} at once for {result['places']} "
        f"places (online and paper mixed, {result['workers']} connections): "
        f"confirmed {result['confirmed']}, waitlisted {result['waitlisted']}, "
        f"errors {result['errors']}, counter {result['counter']}; "
        f"{result['seconds']} s ({result['per_second']} registrations/s) "
        f"{'ok' if result['ok'] else 'MISSED'}",
        flush=True,
    )
    for sample in result["error_samples"]:
        print(f"    error: {sample}", flush=True)
    return {**result, "goal_met": result["ok"]}

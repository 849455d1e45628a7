"""Benchmark of the appointment capacity (issue 5): 500 simultaneous booking attempts, 50 places.

``bench_concurrent_bookings`` creates an appointment type at a draft office (invisible on the
site) with one slot of 50 places, then lets a pool of threads — each with its own database
connection — book 500 people at once through :func:`appointments.actions.book`: guests
online (each with their own address) and clerks' phone bookings mixed, released together by a
barrier. The goal: exactly 50 booked, 450 refused with ``SlotFull`` (the clear message the page
shows), no other error, and the slot's counter equal to the bookings that hold a place. The test
rows are deleted afterwards; e-mails go to Django's in-memory backend.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

ATTEMPTS = 500
PLACES = 50
WORKERS = 32


def run_concurrent_bookings(
    *, attempts: int = ATTEMPTS, places: int = PLACES, workers: int = WORKERS
) -> dict:
    import datetime as dt

    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from appointments import actions
    from appointments.models import AppointmentType, Booking, Slot
    from services.models import Office

    office, _created = Office.objects.get_or_create(
        slug="benchmark-buergerbuero",
        defaults={
            "name_de": "Benchmark-Bürgerbüro",
            "street": "Marienplatz 8",
            "postal_code": "80331",
            "status": "draft",
        },
    )
    # At a draft office: never shown on the site; the benchmark books through the actions.
    appointment_type = AppointmentType.objects.create(
        office=office,
        name_de=f"Benchmark {time.time_ns()}",
        slots_generated_until=timezone.localdate() + dt.timedelta(days=3650),
    )
    starts = timezone.now() + dt.timedelta(days=10)
    slot = Slot.objects.create(
        appointment_type=appointment_type,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=20),
        capacity=places,
    )
    pooled = "pool" in connection.settings_dict.get("OPTIONS", {})
    barrier = threading.Barrier(workers)
    lock = threading.Lock()
    outcome = {"booked": 0, "refused": 0, "errors": 0, "error_samples": []}
    chunks = [list(range(attempts))[index::workers] for index in range(workers)]

    def worker(numbers: list[int]) -> None:
        try:
            try:
                local_slot = Slot.objects.get(pk=slot.pk)
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
                phone = n % 4 == 0
                try:
                    actions.book(
                        slot=local_slot,
                        name=f"Bench Person {n}",
                        email="" if phone else f"bench{n}@example.org",
                        channel="phone" if phone else "online",
                        language="de",
                    )
                    key = "booked"
                except actions.SlotFull:
                    key = "refused"
                except Exception as error:  # every other failure is counted and shown
                    key = "errors"
                    with lock:
                        if len(outcome["error_samples"]) < 3:
                            outcome["error_samples"].append(repr(error)[:200])
                with lock:
                    outcome[key] += 1
                if pooled:
                    connection.close()
        finally:
            connection.close()

    locmem = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with override_settings(MAILERS=locmem, APPOINTMENTS_MAX_OPEN_PER_PERSON=attempts):
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(worker, chunks))
        seconds = time.perf_counter() - started
    slot.refresh_from_db()
    holding = Booking.objects.filter(slot=slot, occupies_place=True).count()
    result = {
        "attempts": attempts,
        "places": places,
        "workers": workers,
        "booked": outcome["booked"],
        "refused": outcome["refused"],
        "errors": outcome["errors"],
        "error_samples": outcome["error_samples"],
        "counter": slot.taken,
        "counter_matches": slot.taken == holding,
        "seconds": round(seconds, 3),
        "per_second": round(attempts / seconds, 1) if seconds else None,
    }
    result["ok"] = (
        result["booked"] == places
        and result["refused"] == attempts - places
        and result["errors"] == 0
        and result["counter_matches"]
        and result["counter"] == places
    )
    for booking in Booking.objects.filter(slot=slot):  # one by one: each with its history row
        booking.delete()
    appointment_type.delete()
    return result


def bench_concurrent_bookings(context) -> dict:
    """``make bench`` hook (bench/targets.py CUSTOM_BENCHMARKS)."""
    context.setup_django()
    from django.db import connections

    result = run_concurrent_bookings()
    connections.close_all()
    print(
        f"  concurrent bookings: {result['attempts']} attempts at once for {result['places']} "
        f"places (online guests and phone bookings mixed, {result['workers']} connections): "
        f"booked {result['booked']}, refused {result['refused']}, errors {result['errors']}, "
        f"counter {result['counter']}; {result['seconds']} s ({result['per_second']} attempts/s) "
        f"{'ok' if result['ok'] else 'MISSED'}",
        flush=True,
    )
    for sample in result["error_samples"]:
        print(f"    error: {sample}", flush=True)
    return {**result, "goal_met": result["ok"]}


# --- the service-first page (issue 16) ----------------------------------------------------------
FINDER_OFFICES = 30
FINDER_DAYS = 60
FINDER_SLUG = "bench-reisepass"
FINDER_SMALL_SLUG = "bench-reisepass-klein"
FINDER_PATH = f"/dienstleistungen/{FINDER_SLUG}/termin/"
FINDER_GOAL_UNCACHED = 0.30
FINDER_GOAL_CACHED = 0.60
# A visitor with a messages cookie is never served from the page cache (core.page_cache): every
# request renders the page, which is what "uncached" measures. The invalid value costs no query.
UNCACHED_HEADERS = {"Cookie": "messages=bench"}


def seed_service_times(slug: str = FINDER_SLUG, offices: int = FINDER_OFFICES) -> dict[str, int]:
    """A published service at ``offices`` published offices, each with one type and slots
    08:00-16:00 every 20 minutes for ``FINDER_DAYS`` days, a third of them fully booked.
    Idempotent."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from appointments.models import AppointmentType, Slot
    from munich_portal.audit.guard import allow_untracked_writes
    from munich_portal.core.models import Department, Stadtbezirk
    from munich_portal.core.timezone import MUNICH
    from services.models import Office, Service

    rng = random.Random(16)
    department, _created = Department.objects.get_or_create(
        code="BENCH-TERMIN", defaults={"name": "Referat für Benchmarks (Termine)"}
    )
    districts = list(Stadtbezirk.objects.all()) or [None]
    with transaction.atomic(), allow_untracked_writes():
        service, _created = Service.objects.get_or_create(
            slug=slug,
            defaults={"name_de": f"Benchmark Reisepass ({slug})", "status": "published"},
        )
        first_day = timezone.localdate()
        for n in range(offices):
            office, _created = Office.objects.get_or_create(
                slug=f"{slug}-amt-{n}",
                defaults={
                    "name_de": f"Benchmark-Bürgerbüro {n}",
                    "street": "Marienplatz 8",
                    "postal_code": "80331",
                    "status": "published",
                    "department": department,
                    "stadtbezirk": rng.choice(districts),
                    "step_free_entrance": rng.choice([True, True, False, None]),
                    "lift": rng.choice([True, False, None]),
                    "accessible_toilet": rng.choice([True, False]),
                    "induction_loop": rng.choice([True, False, None]),
                },
            )
            appointment_type, created = AppointmentType.objects.get_or_create(
                office=office,
                name_de="Benchmark Ausweis und Pass",
                defaults={"slots_generated_until": first_day + dt.timedelta(days=3650)},
            )
            appointment_type.services.add(service)
            if not created:
                continue
            rows = []
            for day in range(FINDER_DAYS):
                date = first_day + dt.timedelta(days=day)
                for k in range(24):
                    starts = dt.datetime.combine(date, dt.time(8), tzinfo=MUNICH) + dt.timedelta(
                        minutes=20 * k
                    )
                    capacity = rng.choice([1, 2])
                    taken = capacity if rng.random() < 0.33 else 0
                    rows.append(
                        Slot(
                            appointment_type=appointment_type,
                            starts_at=starts,
                            ends_at=starts + dt.timedelta(minutes=20),
                            capacity=capacity,
                            taken=taken,
                        )
                    )
            Slot.objects.bulk_create(rows, batch_size=2000)
    return {
        "offices": offices,
        "slots": Slot.objects.filter(appointment_type__services=service).count(),
    }


def _finder_queries(slug: str) -> list[int]:
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from services.selectors import catalogue_token

    client = Client(HTTP_HOST="localhost")
    counts = []
    for query in ("", "?stufenlos=on", "?tageszeit=nachmittag&wc=on"):
        caches["pages"].clear()
        catalogue_token.forget()  # read it on every request: the counts do not depend on timing
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/dienstleistungen/{slug}/termin/{query}", secure=True)
        assert response.status_code == 200, response.status_code
        counts.append(len(queries))
    return counts


def bench_service_times(context) -> dict:
    """The service-first page at 30 offices x 60 days of slots: constant queries, uncached and
    cached throughput against the baseline (goals 30 % and 60 %)."""
    import statistics

    from bench import wrk
    from bench.runner import REQUEST_HEADERS

    context.setup_django()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    started = time.perf_counter()
    sizes = seed_service_times()
    seed_service_times(FINDER_SMALL_SLUG, offices=2)
    seeded_s = round(time.perf_counter() - started, 1)
    large, small = _finder_queries(FINDER_SLUG), _finder_queries(FINDER_SMALL_SLUG)
    client = Client(HTTP_HOST="localhost")
    times = []
    for _ in range(20):
        caches["pages"].clear()
        begun = time.perf_counter()
        client.get(FINDER_PATH, secure=True)
        times.append((time.perf_counter() - begun) * 1000)
    options = {"threads": context.args.threads, "connections": context.args.connections}

    def measure(path: str, extra: dict) -> float:
        probe = context.fetch(path)
        if probe.status != 200:
            raise RuntimeError(f"{path} answered {probe.status}")
        url = context.base_url + path
        headers = {**REQUEST_HEADERS, **extra}
        if context.args.warmup > 0:
            wrk.run(url, duration=context.args.warmup, headers=headers, **options)
        result, _output = wrk.run(url, duration=context.duration, headers=headers, **options)
        if result.errors:
            raise RuntimeError(f"{path}: {result.errors}")
        return result.requests_per_second

    # As in the pages' table (bench/runner.py): the baseline before, between and after the two
    # measurements, each ratio against the two baselines around it, so that the machine's speed
    # changing during the run moves both sides of a ratio alike.
    baselines = [measure("/_bench/baseline", {})]
    rates = {}
    for name, extra in (("cached", {}), ("uncached", UNCACHED_HEADERS)):
        rates[name] = measure(FINDER_PATH, extra)
        baselines.append(measure("/_bench/baseline", {}))
    around = {
        "cached": (baselines[0] + baselines[1]) / 2 or 1.0,
        "uncached": (baselines[1] + baselines[2]) / 2 or 1.0,
    }
    rates["baseline"] = sum(baselines) / len(baselines)
    cached, uncached = rates["cached"] / around["cached"], rates["uncached"] / around["uncached"]
    constant = large == small
    figures = {
        **sizes,
        "seed_seconds": seeded_s,
        "queries_30_offices": large,
        "queries_2_offices": small,
        "queries_constant": constant,
        "uncached_render_p50_ms": round(statistics.median(times), 1),
        "baseline_rps": round(rates["baseline"], 1),
        "baselines_rps": [round(rate, 1) for rate in baselines],
        "cached_rps": round(rates["cached"], 1),
        "uncached_rps": round(rates["uncached"], 1),
        "cached_ratio": round(cached, 3),
        "uncached_ratio": round(uncached, 3),
        "goal_cached": FINDER_GOAL_CACHED,
        "goal_uncached": FINDER_GOAL_UNCACHED,
        "goal_met": constant and cached >= FINDER_GOAL_CACHED and uncached >= FINDER_GOAL_UNCACHED,
    }
    print(
        f"  service-first page at {sizes['offices']} offices / {sizes['slots']} slots: "
        f"queries {large} (2 offices {small}, constant: {constant}); uncached render p50 "
        f"{figures['uncached_render_p50_ms']} ms; cached {figures['cached_rps']} req/s = "
        f"{cached:.0%} (goal {FINDER_GOAL_CACHED:.0%}), uncached {figures['uncached_rps']} req/s "
        f"= {uncached:.0%} (goal {FINDER_GOAL_UNCACHED:.0%}), each against the baselines "
        f"around it ({', '.join(str(rate) for rate in figures['baselines_rps'])} req/s)"
    )
    return figures

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

"""Booking under load: the booking POST's throughput and the 7:00 slot release (issue 17).

Both are custom benchmarks of ``make bench`` (bench/targets.py) against the running server:

- :func:`booking_post_benchmark`: the POST of the booking flow (the details step at
  ``/dienststellen/<office>/termin/?art=…&tag=…``) with the proof of work's verification, the
  rate limit, the row lock and the outbox e-mail. Each of :data:`POST_BODIES` bodies is prepared
  as a browser would: a GET of the form (CSRF cookie, token and a fresh challenge), the challenge
  solved in Python at the difficulty the page asks for (``data-pow-bits``); each from its own
  client address (``X-Forwarded-For`` behind the proxy: the limiter counts per address). wrk sends
  each body once (bench/lua/replay.lua) with the same connections as the baseline, which is
  measured just before; the rate is answers per second from the first request to the last answer.
  Goal ≥ 0.05 of the baseline, every booking made (302 to its page), none refused.
- :func:`peak_benchmark`: 200 concurrent clients for :data:`PEAK_SECONDS` seconds, each going
  round search (``/dienstleistungen/?q=reisepass``), the service-first page, a booking page and a
  booking POST (prepared as above) while bodies last. Reports throughput, p50/p99, errors (must
  be 0: statuses outside 2xx/3xx, socket errors, timeouts after :data:`PEAK_TIMEOUT_SECONDS`, a
  booking form shown again with errors) and checks in the database that no slot is overbooked.

The slots: a published benchmark office (``bench-peak-buergerbuero``) with one appointment type
and :data:`CAPACITY` places every 20 minutes on the next days (made once, reused while places
remain; a day is added when they run out). Several bodies share a slot up to its capacity, so
bookings of one slot race each other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from bench import wrk
from bench.server import fetch

if TYPE_CHECKING:
    from bench.runner import BenchContext

OFFICE_SLUG = "bench-peak-buergerbuero"
TYPE_NAME = "Benchmark: Termine um 7 Uhr"
CAPACITY = 5
SLOT_MINUTES = 20
FIRST_HOUR, LAST_HOUR = 7, 19
POST_BODIES = 200
PEAK_BODIES = 400
PEAK_CONNECTIONS = 200
PEAK_SECONDS = 20
# A request unanswered after this long counts as lost (a timeout error): gunicorn's worker timeout
# (GUNICORN_TIMEOUT); the proxy of docs/deployment.md waits 35 s before it answers 504.
PEAK_TIMEOUT_SECONDS = 30
POST_GOAL = 0.05
SEARCH_PATH = "/dienstleistungen/?q=reisepass"
SERVICE_FIRST_PATH = "/dienstleistungen/reisepass-beantragen/termin/"
BASELINE_PATH = "/_bench/baseline"
REPLAY_SCRIPT = wrk.LUA / "replay.lua"
# Bodies are prepared by this many clients at once.
PREPARE_CLIENTS = 4

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CHALLENGE = re.compile(r'name="pow_challenge" value="([^"]+)"')
_BITS = re.compile(r'data-pow-bits="(\d+)"')
_CSRF_COOKIE = re.compile(r"^csrftoken=([^;]+)")


# --- the slots ---------------------------------------------------------------------------------
def ensure_slots(days: int) -> Any:
    """The benchmark office's appointment type with slots on the next ``days`` days (idempotent;
    never past the booking horizon)."""
    from django.db import transaction
    from django.utils import timezone

    from appointments.models import AppointmentType, Slot
    from appointments.slots import horizon_days
    from munich_portal.audit.guard import allow_untracked_writes
    from munich_portal.core.models import Department
    from munich_portal.core.timezone import MUNICH
    from services.models import Office

    with transaction.atomic(), allow_untracked_writes():
        department, _created = Department.objects.get_or_create(
            code="BENCH-PEAK", defaults={"name": "Referat für Benchmarks (7 Uhr)"}
        )
        office, _created = Office.objects.get_or_create(
            slug=OFFICE_SLUG,
            defaults={
                "name_de": "Benchmark-Bürgerbüro (7 Uhr)",
                "street": "Marienplatz 8",
                "postal_code": "80331",
                "status": "published",
                "department": department,
            },
        )
        first_day = timezone.localdate()
        appointment_type, _created = AppointmentType.objects.get_or_create(
            office=office,
            name_de=TYPE_NAME,
            # Far ahead: the portal's slot generator (opening hours) leaves this type alone.
            defaults={"slots_generated_until": first_day + dt.timedelta(days=3650)},
        )
        rows = []
        for offset in range(1, min(days, horizon_days()) + 1):
            day = first_day + dt.timedelta(days=offset)
            start = dt.datetime.combine(day, dt.time(FIRST_HOUR), tzinfo=MUNICH)
            for k in range((LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MINUTES):
                starts = start + dt.timedelta(minutes=SLOT_MINUTES * k)
                rows.append(
                    Slot(
                        appointment_type=appointment_type,
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(minutes=SLOT_MINUTES),
                        capacity=CAPACITY,
                    )
                )
        Slot.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return appointment_type


def free_places(count: int) -> tuple[Any, list[tuple[int, dt.date]]]:
    """``count`` free places (slot id and day) of the benchmark type, a slot's places in a row;
    more days of slots are made when the existing ones are booked up."""
    from django.db.models import F
    from django.utils import timezone

    from appointments.models import Slot
    from munich_portal.core.timezone import MUNICH

    per_day = (LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MINUTES * CAPACITY
    days = 2
    while True:
        appointment_type = ensure_slots(days)
        places: list[tuple[int, dt.date]] = []
        slots = Slot.objects.filter(
            appointment_type=appointment_type,
            starts_at__gt=timezone.now() + dt.timedelta(hours=1),
            taken__lt=F("capacity"),
        ).order_by("starts_at")
        for slot in slots.iterator():
            day = timezone.localtime(slot.starts_at, MUNICH).date()
            places += [(slot.pk, day)] * (slot.capacity - slot.taken)
            if len(places) >= count:
                return appointment_type, places[:count]
        if days > 60:
            raise RuntimeError(f"fewer than {count} free places within the booking horizon")
        days += max(1, (count - len(places)) // per_day + 1)


# --- the bodies --------------------------------------------------------------------------------
def solve(challenge: str, bits: int) -> str:
    """The proof of work (as appointments.challenge.solve, without unsigning on every try):
    the first ``n`` whose SHA-256 of ``"<challenge>:<n>"`` starts with ``bits`` zero bits."""
    prefix = f"{challenge}:".encode()
    n = 0
    while True:
        digest = hashlib.sha256(prefix + str(n).encode()).digest()
        if int.from_bytes(digest[:4], "big") >> (32 - bits) == 0:
            return str(n)
        n += 1


def client_address(n: int) -> str:
    """The ``n``-th client's address (10.0.0.0/8): the rate limit counts per client."""
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


@dataclass(frozen=True)
class Record:
    """One request for bench/lua/replay.lua."""

    kind: str  # "book" (sent once) or "get" (repeated)
    method: str
    path: str
    headers: dict[str, str]
    body: str = ""

    def line(self) -> str:
        headers = "\x1f".join(f"{name}: {value}" for name, value in self.headers.items())
        for part in (self.path, headers, self.body):
            if "\t" in part or "\n" in part:
                raise ValueError(f"a tab or newline in a replay record: {part!r}")
        return "\t".join([self.kind, self.method, self.path, headers, self.body])


def details_path(appointment_type, day: dt.date) -> str:
    return f"/dienststellen/{OFFICE_SLUG}/termin/?art={appointment_type.pk}&tag={day:%Y-%m-%d}"


def booking_record(port: int, path: str, slot_id: int, n: int, stamp: str) -> Record:
    """GET the booking form as client ``n`` and build its POST: CSRF cookie and token, the
    challenge solved, a time of the day, a name and an address of its own."""
    from appointments.challenge import is_solution

    address = client_address(n)
    page = fetch(port, path, headers={"Accept-Encoding": "identity", "X-Forwarded-For": address})
    html = page.body.decode()
    if page.status != 200:
        raise RuntimeError(f"GET {path} answered {page.status}")
    cookies = [
        match.group(1)
        for value in page.headers.get_all("Set-Cookie") or []
        if (match := _CSRF_COOKIE.match(value))
    ]
    token, challenge, bits = _TOKEN.search(html), _CHALLENGE.search(html), _BITS.search(html)
    if not (cookies and token and challenge and bits):
        raise RuntimeError(f"GET {path}: no CSRF cookie, token or challenge in the booking form")
    solution = solve(challenge.group(1), int(bits.group(1)))
    if not is_solution(challenge.group(1), solution):
        raise RuntimeError("the proof of work's solution is not accepted")
    origin = f"https://127.0.0.1:{port}"
    body = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "slot": slot_id,
            "name": f"Bench Person {n}",
            "email": f"peak-{stamp}-{n}@example.org",
            "phone": "",
            "pow_challenge": challenge.group(1),
            "pow_solution": solution,
        }
    )
    headers = {
        "Cookie": f"csrftoken={cookies[0]}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": origin,
        "Referer": origin + path,
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": address,
    }
    return Record("book", "POST", path, headers, body)


def prepare_bookings(
    port: int, appointment_type, places: list[tuple[int, dt.date]], stamp: str, first: int = 0
) -> list[Record]:
    """One prepared booking POST per place (clients ``first``, ``first + 1``, …)."""
    with ThreadPoolExecutor(max_workers=PREPARE_CLIENTS) as pool:
        return list(
            pool.map(
                lambda item: booking_record(
                    port,
                    details_path(appointment_type, item[1][1]),
                    item[1][0],
                    first + item[0],
                    stamp,
                ),
                enumerate(places),
            )
        )


def get_record(path: str, n: int) -> Record:
    """A GET as a browser sends it through the proxy."""
    return Record(
        "get",
        "GET",
        path,
        {
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "gzip",
            "X-Forwarded-For": client_address(n),
        },
    )


def write_records(records: list[Record], folder: Path) -> Path:
    path = folder / "records.tsv"
    path.write_text("".join(record.line() + "\n" for record in records))
    return path


# --- the database checks -----------------------------------------------------------------------
def overbooked(appointment_type=None) -> dict[str, int]:
    """Slots whose counter or held places exceed their capacity (every slot), and slots of
    ``appointment_type`` whose counter differs from the places its bookings hold."""
    from django.db.models import F, Q, Sum
    from django.db.models.functions import Coalesce

    from appointments.models import Slot

    slots = Slot.objects.annotate(
        held=Coalesce(Sum("bookings__places", filter=Q(bookings__occupies_place=True)), 0)
    )
    figures = {
        "slots_taken_over_capacity": Slot.objects.filter(taken__gt=F("capacity")).count(),
        "slots_held_over_capacity": slots.filter(held__gt=F("capacity")).count(),
    }
    if appointment_type is not None:
        figures["slots_counter_mismatch"] = (
            slots.filter(appointment_type=appointment_type).exclude(held=F("taken")).count()
        )
    return figures


def bookings_made(stamp: str) -> int:
    from appointments.models import Booking

    return Booking.objects.filter(email__startswith=f"peak-{stamp}-").count()


# --- the benchmarks ----------------------------------------------------------------------------
def _stamp() -> str:
    return str(time.time_ns())[-10:]


def _wrk_options(context: BenchContext) -> dict[str, Any]:
    return {"threads": context.args.threads, "connections": context.args.connections}


def _baseline(context: BenchContext) -> wrk.WrkResult:
    from bench.runner import REQUEST_HEADERS

    result, _output = wrk.run(
        context.base_url + BASELINE_PATH,
        duration=context.duration,
        headers=REQUEST_HEADERS,
        **_wrk_options(context),
    )
    if result.errors:
        raise RuntimeError(f"baseline: {result.errors}")
    return result


def booking_post_benchmark(context: BenchContext) -> dict[str, Any]:
    """``make bench`` hook: booking POSTs per second against the baseline (goal ≥ 0.05)."""
    context.setup_django()
    from django.db import connections

    stamp = _stamp()
    appointment_type, places = free_places(POST_BODIES)
    started = time.perf_counter()
    records = prepare_bookings(context.port, appointment_type, places, stamp)
    prepared_s = time.perf_counter() - started
    baseline = _baseline(context)
    threads = context.args.threads
    with tempfile.TemporaryDirectory(prefix="bench-booking-") as folder:
        done = Path(folder) / "done"
        path = write_records([get_record(BASELINE_PATH, 0), *records], Path(folder))

        def finished() -> bool:
            return all(Path(f"{done}.{n}").exists() for n in range(threads))

        result, output = wrk.run(
            context.base_url + BASELINE_PATH,
            duration=max(60, len(records) / 5),
            threads=threads,
            connections=context.args.connections,
            headers={},
            script=REPLAY_SCRIPT,
            script_args=[str(path), str(threads), "once", str(done)],
            expected=("200", "302"),
            until=finished,
        )
    made = bookings_made(stamp)
    slots = overbooked(appointment_type)
    connections.close_all()
    figures = _booking_figures(result, records=len(records), made=made, slots=slots)
    rate = figures["answered"] / figures["seconds"] if figures["seconds"] else 0.0
    ratio = rate / baseline.requests_per_second if baseline.requests_per_second else 0.0
    figures.update(
        prepare_seconds=round(prepared_s, 1),
        baseline_rps=round(baseline.requests_per_second, 1),
        requests_per_second=round(rate, 1),
        ratio_to_baseline=round(ratio, 3),
        goal_ratio=POST_GOAL,
        latency_p50_ms=result.latency_p50_ms,
        latency_p99_ms=result.latency_p99_ms,
    )
    figures["goal_met"] = not figures["errors"] and ratio >= POST_GOAL
    print(
        f"  booking POST ({len(records)} bodies, {context.args.connections} connections): "
        f"{rate:.1f} req/s = {ratio:.3f} of the baseline's {baseline.requests_per_second:.0f} "
        f"(goal ≥ {POST_GOAL:.2f}) · p50 {result.latency_p50_ms or 0:.0f} ms, p99 "
        f"{result.latency_p99_ms or 0:.0f} ms · booked {made} · "
        f"{'ok' if figures['goal_met'] else 'MISSED'}",
        flush=True,
    )
    for error in figures["errors"]:
        print(f"    error: {error}", flush=True)
    if figures["errors"]:
        print(output[-3000:], flush=True)
    return figures


def _replay_errors(result: wrk.WrkResult) -> list[str]:
    """wrk's errors, and the bookings refused with the form or redirected elsewhere."""
    errors = list(result.errors)
    if form_again := int(result.replay.get("form_again", 0)):
        errors.append(f"{form_again} bookings answered with the form and its errors")
    if redirected := int(result.replay.get("redirected", 0)):
        errors.append(f"{redirected} requests redirected elsewhere than the booking's page")
    return errors


def _booking_figures(
    result: wrk.WrkResult, *, records: int, made: int, slots: dict[str, int]
) -> dict[str, Any]:
    """The replay's counts and every reason to call it failed (``errors``)."""
    replay = result.replay
    answered = int(
        replay.get("booked", 0)
        + replay.get("form_again", 0)
        + replay.get("redirected", 0)
        + replay.get("other", 0)
    )
    errors = _replay_errors(result)
    if answered < records:
        errors.append(f"{records - answered} of {records} bookings got no answer")
    if made != records:
        errors.append(f"{made} of {records} bookings in the database")
    errors += [f"{name}: {count}" for name, count in slots.items() if count]
    return {
        "bodies": records,
        "answered": answered,
        "booked_http": int(replay.get("booked", 0)),
        "booked_database": made,
        "seconds": round(replay.get("seconds", 0.0), 3),
        "statuses": result.statuses,
        "socket_errors": result.socket_errors,
        **slots,
        "errors": errors,
    }


def peak_benchmark(context: BenchContext) -> dict[str, Any]:
    """``make bench`` hook: the 7:00 slot release — 200 clients searching, opening the
    service-first page and a booking page, and booking, for 20 s; zero errors, no overbooking."""
    context.setup_django()
    from django.db import connections

    stamp = _stamp()
    for path in (SEARCH_PATH, SERVICE_FIRST_PATH):
        if (status := fetch(context.port, path).status) != 200:
            raise RuntimeError(f"{path} answered {status}")
    appointment_type, places = free_places(PEAK_BODIES)
    started = time.perf_counter()
    bookings = prepare_bookings(context.port, appointment_type, places, stamp, first=100_000)
    prepared_s = time.perf_counter() - started
    # Each client's round: search, service-first page, a booking page, then a booking.
    rounds = [
        get_record(SEARCH_PATH, 200_000),
        get_record(SERVICE_FIRST_PATH, 200_001),
        get_record(details_path(appointment_type, places[0][1]), 200_002),
    ]
    threads = context.args.threads
    with tempfile.TemporaryDirectory(prefix="bench-peak-") as folder:
        path = write_records([*rounds, *bookings], Path(folder))
        result, output = wrk.run(
            context.base_url + SEARCH_PATH,
            duration=PEAK_SECONDS,
            threads=threads,
            connections=PEAK_CONNECTIONS,
            headers={},
            script=REPLAY_SCRIPT,
            script_args=[str(path), str(threads), "peak"],
            expected=("200", "302"),
            timeout=PEAK_TIMEOUT_SECONDS,
        )
    time.sleep(1)  # bookings still in flight when wrk stopped finish on the server
    made = bookings_made(stamp)
    slots = overbooked(appointment_type)
    connections.close_all()
    replay = result.replay
    errors = _replay_errors(result)
    booked_http = int(replay.get("booked", 0))
    if not booked_http <= made <= int(replay.get("sent", 0)):
        errors.append(
            f"bookings: {booked_http} answered, {made} in the database, "
            f"{int(replay.get('sent', 0))} sent"
        )
    errors += [f"{name}: {count}" for name, count in slots.items() if count]
    figures = {
        "clients": PEAK_CONNECTIONS,
        "seconds": PEAK_SECONDS,
        "requests": result.requests,
        "requests_per_second": round(result.requests_per_second, 1),
        "latency_p50_ms": result.latency_p50_ms,
        "latency_p99_ms": result.latency_p99_ms,
        "bookings_prepared": len(bookings),
        "prepare_seconds": round(prepared_s, 1),
        "bookings_sent": int(replay.get("sent", 0)),
        "booked_http": booked_http,
        "booked_database": made,
        "bookings_per_second": round(booked_http / PEAK_SECONDS, 1),
        "statuses": result.statuses,
        "socket_errors": result.socket_errors,
        **slots,
        "errors": errors,
        "goal_met": not errors and booked_http > 0,
    }
    print(
        f"  7:00 peak ({PEAK_CONNECTIONS} clients, {PEAK_SECONDS} s: search, service-first page, "
        f"booking page, booking): {result.requests_per_second:.1f} req/s, p50 "
        f"{result.latency_p50_ms or 0:.0f} ms, p99 {result.latency_p99_ms or 0:.0f} ms · "
        f"{booked_http} booked ({made} in the database, {len(bookings)} prepared) · "
        f"errors {len(errors)} · overbooked slots "
        f"{slots['slots_taken_over_capacity'] + slots['slots_held_over_capacity']} · "
        f"{'ok' if figures['goal_met'] else 'MISSED'}",
        flush=True,
    )
    for error in errors:
        print(f"    error: {error}", flush=True)
    if errors:
        print(output[-3000:], flush=True)
    return figures

"""Benchmarks of the e-mail outbox (issue 13).

``bench_outbox_throughput`` — N registration confirmations rendered and stored by the real path
(``participation.notifications.queue_email`` → ``messaging.actions.queue_email``, each in its own
transaction, the task enqueued after commit in django-tasks-db), then delivered by the real
worker (``manage.py db_worker --batch``, a process of its own with the production settings) over
SMTP to a local sink (aiosmtpd on 127.0.0.1). Prints messages per second for rendering and
queueing, and for delivery (from the first to the last ``sent_at``, and with the worker's start).

``bench_registration_mail_latency`` — the cost of the outbox to the resident: a logged-in
resident's registration POST through the whole stack (Django's test client, middleware, session,
form, row locks), each with its confirmation e-mail rendered (text and calendar file), stored and
its task enqueued, against the same POST with the e-mail switched off in this process (the
registration's notification replaced by nothing: no rendering, no row, no task). The two kinds
alternate, each on a new account. Goal: less than 10 % added to the median. Without gunicorn and
the network in the measurement the added share is, if anything, overstated.
"""

from __future__ import annotations

import datetime as dt
import statistics
import threading
import time
from unittest import mock

from bench.server import free_port, manage

MESSAGES = 1000
REGISTRATIONS = 150  # per kind, after WARMUP of each
WARMUP = 20
LATENCY_GOAL_PERCENT = 10.0
EVENT_SLUG = "benchmark-outbox"
# Every task that is ready, then stop; no reloader, no random start delay, no log lines.
WORKER_OPTIONS = ("--batch", "--no-reload", "--no-startup-delay", "-v", "0")


def _event(*, published: bool, places: int):
    """A throw-away process and event (draft unless ``published``); deleted by the caller."""
    from django.utils import timezone

    from munich_portal.core.models import Department
    from participation.models import Event, Process

    department = Department.objects.order_by("pk").first() or Department.objects.create(
        code="BENCH", name="Benchmark"
    )
    stamp = time.time_ns()
    process = Process.objects.create(
        slug=f"{EVENT_SLUG}-{stamp}",
        title_de="Benchmark: Postausgang",
        summary_de="Nur für make bench.",
        topic="urban_development",
        department=department,
        status="published" if published else "draft",
    )
    starts = timezone.now() + dt.timedelta(days=30)
    event = Event.objects.create(
        process=process,
        slug=f"{EVENT_SLUG}-{stamp}",
        title_de="Benchmark-Werkstatt Postausgang",
        kind=Event.Kind.WORKSHOP,
        place_name="Rathaus, Marienplatz 8",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=places,
        waiting_list_enabled=True,
    )
    return process, event


class _Sink:
    """An SMTP server on 127.0.0.1 that accepts every message and counts it."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.count = 0
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.count += 1
        return "250 Message accepted for delivery"

    def __enter__(self) -> _Sink:
        self.controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.controller.stop()


def run_outbox_throughput(env: dict[str, str], *, messages: int = MESSAGES) -> dict:
    process, event = _event(published=False, places=10)
    try:
        return _measure_outbox(env, event, messages)
    finally:
        event.delete()
        process.delete()


def _measure_outbox(env: dict[str, str], event, messages: int) -> dict:
    from django.db import transaction

    from munich_portal.messaging.models import EmailStatus
    from participation import actions, notifications

    registration = actions.register(
        event=event,
        channel="online",
        person={
            "first_name": "Bench",
            "last_name": "Postausgang",
            "email": "bench-outbox@example.org",
            "street": "Marienplatz 8",
            "postal_code": "80331",
            "city": "München",
        },
        number_of_people=1,
        access_needs=[],
        consent_version="bench",
    )
    started = time.perf_counter()
    for _ in range(messages):
        with transaction.atomic():
            notifications.queue_email(registration, "confirmation")
    queue_seconds = time.perf_counter() - started
    # The benchmark's messages and the registration's own confirmation.
    emails = registration.emails.all()
    with _Sink() as sink:
        worker_env = {
            **env,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }
        started = time.perf_counter()
        # The real worker as production runs it; raises with its output if it fails.
        manage(worker_env, "db_worker", "--queue-name", "default", *WORKER_OPTIONS, timeout=1800)
        worker_seconds = time.perf_counter() - started
        received = sink.count
    sent = emails.filter(status=EmailStatus.SENT)
    times = sorted(sent.values_list("sent_at", flat=True))
    span = (times[-1] - times[0]).total_seconds() if len(times) > 1 else 0.0
    result = {
        "messages": messages,
        "sent": sent.count(),
        "received_by_sink": received,
        "queue_seconds": round(queue_seconds, 3),
        "queued_per_second": round(messages / queue_seconds, 1),
        "delivery_seconds": round(span, 3),
        "delivered_per_second": round((len(times) - 1) / span, 1) if span else None,
        "worker_seconds_with_start": round(worker_seconds, 3),
        "delivered_per_second_with_start": round(len(times) / worker_seconds, 1),
    }
    result["ok"] = (
        result["sent"] == messages + 1
        and received >= result["sent"]
        and not emails.exclude(status=EmailStatus.SENT).exists()
    )
    return result


def bench_outbox_throughput(context) -> dict:
    """``make bench`` hook (bench/targets.py CUSTOM_BENCHMARKS)."""
    context.setup_django()
    from django.db import connections

    result = run_outbox_throughput(context.env)
    connections.close_all()
    print(
        f"  outbox: {result['messages']} registration e-mails rendered and queued at "
        f"{result['queued_per_second']}/s ({result['queue_seconds']} s); delivered by "
        f"db_worker over SMTP to a local sink at {result['delivered_per_second']}/s "
        f"({result['sent']} sent, {result['received_by_sink']} received; "
        f"{result['delivered_per_second_with_start']}/s counting the worker's start) "
        f"{'ok' if result['ok'] else 'ERROR'}",
        flush=True,
    )
    return {**result, "goal_met": result["ok"]}


def run_registration_mail_latency(
    *, registrations: int = REGISTRATIONS, warmup: int = WARMUP
) -> dict:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.test import Client

    from participation import notifications
    from participation.models import Registration

    total = 2 * (registrations + warmup)
    process, event = _event(published=True, places=total + 10)
    User = get_user_model()
    stamp = time.time_ns()
    users = []
    for n in range(total):
        # No password: the accounts log in with force_login (hashing would take minutes).
        user = User.objects.create_user(f"bench-mail-{stamp}-{n}@example.org", None)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        users.append(user)
    path = f"/veranstaltungen/{event.slug}/"
    data = {"first_name": "Bench", "last_name": "Person", "number_of_people": "1", "consent": "on"}
    samples: dict[bool, list[float]] = {True: [], False: []}
    # The CPU time of this process's thread per POST: the app server's own work, which the load
    # of a shared machine does not stretch as it stretches the time on the clock.
    cpu: dict[bool, list[float]] = {True: [], False: []}
    errors: list[str] = []

    def post(user, *, with_mail: bool) -> tuple[float, float]:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        client.force_login(user)
        switch = (
            mock.patch.object(notifications, "queue_email", lambda *args, **kwargs: None)
            if not with_mail
            else mock.patch.object(notifications, "queue_email", notifications.queue_email)
        )
        with switch:
            started, started_cpu = time.perf_counter(), time.thread_time()
            response = client.post(path, data)
            seconds, cpu_seconds = time.perf_counter() - started, time.thread_time() - started_cpu
        if response.status_code != 302 or "/angemeldet/" not in response["Location"]:
            errors.append(f"{response.status_code} {response.get('Location', '')}"[:200])
        return seconds, cpu_seconds

    for index, user in enumerate(users):
        # with, without, without, with, …: neither kind always runs first.
        with_mail = (index % 4) in (0, 3)
        seconds, cpu_seconds = post(user, with_mail=with_mail)
        if index >= 2 * warmup:
            samples[with_mail].append(seconds)
            cpu[with_mail].append(cpu_seconds)
    emails = Registration.objects.filter(
        event=event, emails__kind="participation.confirmation"
    ).count()
    with_ms = statistics.median(samples[True]) * 1000
    without_ms = statistics.median(samples[False]) * 1000
    added = (with_ms / without_ms - 1) * 100
    cpu_with_ms = statistics.median(cpu[True]) * 1000
    cpu_without_ms = statistics.median(cpu[False]) * 1000
    result = {
        "registrations_per_kind": len(samples[True]),
        "median_ms_with_mail": round(with_ms, 2),
        "median_ms_without_mail": round(without_ms, 2),
        "mean_ms_with_mail": round(statistics.mean(samples[True]) * 1000, 2),
        "mean_ms_without_mail": round(statistics.mean(samples[False]) * 1000, 2),
        "added_latency_percent": round(added, 1),
        "median_cpu_ms_with_mail": round(cpu_with_ms, 2),
        "median_cpu_ms_without_mail": round(cpu_without_ms, 2),
        "added_cpu_percent": round((cpu_with_ms / cpu_without_ms - 1) * 100, 1),
        "goal_percent": LATENCY_GOAL_PERCENT,
        "emails_stored": emails,
        "errors": len(errors),
        "error_samples": errors[:3],
    }
    result["ok"] = (
        not errors
        and emails == registrations + warmup
        and result["added_latency_percent"] < LATENCY_GOAL_PERCENT
    )
    event.delete()
    process.delete()
    User.objects.filter(pk__in=[user.pk for user in users]).delete()
    return result


def bench_registration_mail_latency(context) -> dict:
    """``make bench`` hook (bench/targets.py CUSTOM_BENCHMARKS)."""
    context.setup_django()
    from django.db import connections

    result = run_registration_mail_latency()
    connections.close_all()
    print(
        f"  registration with its e-mail (outbox) vs. without any: median "
        f"{result['median_ms_with_mail']} ms vs. {result['median_ms_without_mail']} ms "
        f"({result['registrations_per_kind']} POSTs each), "
        f"{result['added_latency_percent']:+} % (goal < {result['goal_percent']:g} %) "
        f"{'ok' if result['ok'] else 'MISSED'}; CPU of the app process "
        f"{result['median_cpu_ms_with_mail']} ms vs. {result['median_cpu_ms_without_mail']} ms "
        f"({result['added_cpu_percent']:+} %); {result['emails_stored']} e-mails stored, "
        f"errors {result['errors']}",
        flush=True,
    )
    for sample in result["error_samples"]:
        print(f"    error: {sample}", flush=True)
    return {**result, "goal_met": result["ok"]}

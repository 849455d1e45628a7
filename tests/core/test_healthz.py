"""``/healthz`` (issue 13, part 3): the database's state and the outbox's backlog, answered within
a second whatever the database does; and the 503 page for requests the database fails.

The probe runs in a thread with its own database connection, which sees only committed rows:
the tests that read rows through it are transactional."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, OperationalError, connection, connections
from django.test import Client
from django.utils import timezone

from accessibility import actions as accessibility_actions
from munich_portal.core import health
from munich_portal.messaging.models import EmailStatus, OutgoingEmail
from tests.messaging.test_outbox import queue

ANSWER_LIMIT = 1.0


def get_healthz(client):
    started = time.monotonic()
    response = client.get("/healthz")
    return response, time.monotonic() - started


def wait_for_idle_probe() -> None:
    """Let a probe the test left running finish, so that the next test starts its own."""
    probe = health._running_probe
    if probe is not None:
        probe.exception(timeout=10)


def change(email: OutgoingEmail, **values) -> None:
    """Put ``email`` into another delivery state (the row is its own log: no history)."""
    for name, value in values.items():
        setattr(email, name, value)
    email.save(update_fields=list(values))


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_the_database_and_the_outbox_backlog(client):
    """200 with the outbox's counts, the oldest queued e-mail's age and how long the first due
    one waits; sent e-mails are not counted."""
    now = timezone.now()
    queued, sending, failed, sent = (queue(to=f"{n}@example.org") for n in range(4))
    change(
        queued,
        status=EmailStatus.QUEUED,
        sent_at=None,
        created_at=now - timedelta(minutes=10),
        next_attempt_at=now - timedelta(minutes=5),
    )
    change(
        sending,
        status=EmailStatus.SENDING,
        sent_at=None,
        claimed_at=now,
    )
    change(
        failed,
        status=EmailStatus.FAILED,
        sent_at=None,
        failed_at=now,
    )
    assert OutgoingEmail.objects.get(pk=sent.pk).status == EmailStatus.SENT

    response, seconds = get_healthz(client)

    assert response.status_code == 200
    report = response.json()
    outbox = report.pop("outbox")
    assert report == {"status": "ok", "database": "ok"}
    assert {key: outbox[key] for key in ("queued", "sending", "failed")} == {
        "queued": 1,
        "sending": 1,
        "failed": 1,
    }
    assert 600 <= outbox["oldest_queued_seconds"] < 660
    assert 300 <= outbox["overdue_seconds"] < 360
    assert seconds < ANSWER_LIMIT
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_with_an_empty_outbox_names_no_ages(client):
    response, _ = get_healthz(client)

    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "outbox": {
            "queued": 0,
            "sending": 0,
            "failed": 0,
            "oldest_queued_seconds": None,
            "overdue_seconds": None,
        },
    }


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_refuses_connections(client, monkeypatch):
    """The probe's connection goes to a port nobody listens on: 503 "unavailable", at once."""
    wait_for_idle_probe()
    with monkeypatch.context() as patch:
        patch.setitem(connection.settings_dict, "PORT", "1")
        response, seconds = get_healthz(client)
        wait_for_idle_probe()

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert seconds < ANSWER_LIMIT


@pytest.mark.django_db
def test_healthz_answers_503_within_a_second_while_the_probe_hangs(client, monkeypatch):
    """A database that accepts but never answers: the probe is still waiting after 0.5 s, so the
    answer is 503 "timeout"; a second probe meanwhile waits for the same one instead of starting
    another thread."""
    wait_for_idle_probe()
    release = threading.Event()
    monkeypatch.setitem(health._checks, "hanging", lambda: release.wait(10) and {})
    try:
        first, first_seconds = get_healthz(client)
        probe = health._running_probe
        second, second_seconds = get_healthz(client)
        assert health._running_probe is probe
    finally:
        release.set()
        wait_for_idle_probe()

    for response, seconds in ((first, first_seconds), (second, second_seconds)):
        assert response.status_code == 503
        assert response.json() == {"status": "error", "database": "timeout"}
        assert seconds < ANSWER_LIMIT


@pytest.mark.django_db(transaction=True)
def test_a_slow_outbox_query_is_cancelled_and_the_server_stays_healthy(client):
    """The outbox table is locked by another transaction: the statement timeout cancels the
    probe's query after 0.2 s; the database answered, so the server is healthy (200)."""
    wait_for_idle_probe()
    locker = connections.create_connection("default")
    try:
        locker.set_autocommit(False)
        with locker.cursor() as cursor:
            cursor.execute("LOCK TABLE messaging_outgoingemail IN ACCESS EXCLUSIVE MODE")
        response, seconds = get_healthz(client)
    finally:
        locker.rollback()
        locker.close()

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "outbox": {"error": "unavailable"}}
    assert seconds < ANSWER_LIMIT


# --- The 503 page ---------------------------------------------------------------------------------


@pytest.fixture
def visitor():
    """A browser: Django's test client would raise the view's exception instead of answering."""
    return Client(raise_request_exception=False)


def report_fails_with(monkeypatch, error: Exception) -> None:
    def submit_barrier_report(**kwargs):
        raise error

    monkeypatch.setattr(accessibility_actions, "submit_barrier_report", submit_barrier_report)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/barriere-melden/", "de", "Vorübergehend nicht erreichbar"),
        ("/en/barriere-melden/", "en", "Temporarily unavailable"),
    ],
)
def test_a_report_the_database_fails_answers_the_503_page(
    visitor, monkeypatch, path, language, heading
):
    """The database refuses the report: the 503 page in the page's language, with Retry-After,
    never cached — not the 500 page."""
    report_fails_with(monkeypatch, OperationalError("connection refused"))

    response = visitor.post(path, {"description": "Kontrast zu schwach"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.django_db
def test_a_session_the_database_cannot_load_answers_the_503_page(visitor, monkeypatch):
    """The database fails outside the view too (here loading the visitor's session in the
    middleware, before any view code): still the 503 page."""

    def unavailable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", unavailable)
    visitor.cookies["sessionid"] = "a" * 32

    response = visitor.get("/en/meine-daten/")

    assert response.status_code == 503
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_other_database_errors_stay_500(visitor, monkeypatch):
    """A broken constraint is a bug, not an outage: the 500 page, no Retry-After."""
    report_fails_with(monkeypatch, IntegrityError("duplicate key"))

    response = visitor.post("/barriere-melden/", {"description": "Kontrast zu schwach"})

    assert response.status_code == 500
    assert "Retry-After" not in response

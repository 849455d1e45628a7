"""The pieces of the e-mail fault tests (issue 13): what listens on the relay's port, the task
worker as a process, a visitor of the production server, and the outbox as the database holds it.

- :class:`Relay` — the mail relay's loopback port: nothing (down), :class:`HangingRelay` (accepts,
  never answers) or :class:`SmtpSink` (aiosmtpd, records every message; can hold a conversation
  at ``RCPT TO`` until told to go on);
- :class:`TaskWorker` — ``manage.py db_worker --queue-name default --no-reload`` as production
  runs it, started, stopped and killed by the test;
- :class:`Visitor` — one visitor behind the TLS proxy, with its own client address and cookies;
  :func:`register_guest`, :func:`book_appointment`, :func:`sign_up`, :func:`reset_password` fill
  in the forms whose change queues an e-mail;
- :class:`Outbox` — the outbox's rows and the task queue, read with SQL from the server's database;
- :func:`wait_until` — polls for a state with a deadline (never a fixed sleep).
"""

from __future__ import annotations

import asyncio
import collections
import email
import email.policy
import gzip
import ipaddress
import itertools
import re
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
from aiosmtpd.controller import Controller

from bench.server import PYTHON, BackgroundProcess, Response, fetch

#: Short timings, so that each test is bounded: a failed attempt is tried again after 1-2 s, a
#: claim whose worker died is taken back after 3 s. (The sink speaks plain SMTP.)
FAST_OUTBOX = {
    "EMAIL_USE_TLS": "false",
    "OUTBOX_RETRY_SECONDS": "1",
    "OUTBOX_RETRY_MAX_SECONDS": "2",
    "OUTBOX_ABANDONED_SECONDS": "3",
    # The proxy in front names the client (X-Forwarded-For): each visitor of a test is a client of
    # its own, as residents are, so the per-client limits count each of them once.
    "DJANGO_TRUSTED_PROXY_COUNT": "1",
}

#: The worker's and the sweep's attempt against a hanging relay gives up after this. The web
#: server keeps production's 10 s: a request that talked to the relay itself would show it.
WORKER_EMAIL_TIMEOUT = {"EMAIL_TIMEOUT": "2"}


def wait_until(check: Callable[[], object], *, timeout: float, what: str, every: float = 0.1):
    """Poll ``check`` until it returns something true (returned) or fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Not within {timeout} s: {what}")
        time.sleep(every)


# --- the relay ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    message_id: str
    to: tuple[str, ...]
    subject: str


class _Recorder:
    """aiosmtpd handler: keeps every accepted message; ``RCPT TO`` waits while the sink holds."""

    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.sink.recipients_seen += 1
        while self.sink.holding:
            await asyncio.sleep(0.02)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.sink.messages.append(
            Received(str(message["Message-ID"]), tuple(envelope.rcpt_tos), str(message["Subject"]))
        )
        return "250 Message accepted for delivery"


class SmtpSink:
    """A mail relay on ``port`` that accepts every message and records it.

    With ``hold=True`` each conversation stops at ``RCPT TO`` until :meth:`release`: the sender
    has connected and named the recipient, and the relay has accepted nothing yet.
    """

    def __init__(self, port: int, *, hold: bool = False):
        self.messages: list[Received] = []
        self.recipients_seen = 0
        self.holding = hold
        self.controller = Controller(_Recorder(self), hostname="127.0.0.1", port=port)
        self.controller.start()

    def release(self) -> None:
        self.holding = False

    def stop(self) -> None:
        self.release()
        self.controller.stop()

    def count_by_message_id(self) -> collections.Counter[str]:
        return collections.Counter(message.message_id for message in self.messages)

    def count_by_recipient(self) -> collections.Counter[str]:
        return collections.Counter(to for message in self.messages for to in message.to)


class HangingRelay:
    """A relay that accepts connections and never answers (no SMTP greeting, ever)."""

    def __init__(self, port: int):
        self.connections: list[socket.socket] = []
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(16)
        self.listener.settimeout(0.1)
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)

    def stop(self) -> None:
        self.running = False
        self.thread.join(timeout=2)
        self.listener.close()
        for connection in self.connections:
            connection.close()


class Relay:
    """What listens on the relay's port (EMAIL_HOST=127.0.0.1, EMAIL_PORT=``port``): at first
    nothing — the relay is down — until the test starts a sink or a hanging relay there."""

    def __init__(self, port: int):
        self.port = port
        self.current: SmtpSink | HangingRelay | None = None

    def sink(self, *, hold: bool = False) -> SmtpSink:
        self.stop()
        self.current = SmtpSink(self.port, hold=hold)
        return self.current

    def hang(self) -> HangingRelay:
        self.stop()
        self.current = HangingRelay(self.port)
        return self.current

    def stop(self) -> None:
        """The relay is down again: nothing listens on its port."""
        if self.current is not None:
            self.current.stop()
            self.current = None


# --- the task worker ------------------------------------------------------------------------------


class TaskWorker(BackgroundProcess):
    """The outbox's task worker as production runs it (docs/deployment.md, "The worker")."""

    COMMAND = ("manage.py", "db_worker", "--queue-name", "default", "--no-reload")
    stop_timeout = 15

    def __init__(self, env: dict[str, str], log_path: Path):
        super().__init__(log_path=log_path)
        self.env = env

    def start(self) -> None:
        self.spawn([PYTHON, *self.COMMAND], self.env)

    def kill(self) -> None:
        """kill -9: no signal handler runs, the database connection simply drops."""
        assert self.process is not None and self.process.poll() is None, self.log()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def child_pids(pid: int) -> list[int]:
    """The processes ``pid`` started (gunicorn's workers under its master)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


# --- a visitor ------------------------------------------------------------------------------------

_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_addresses = itertools.count(1)


@dataclass
class Answer:
    """A response and how long the server took to give it."""

    response: Response
    seconds: float

    @property
    def status(self) -> int:
        return self.response.status

    @property
    def location(self) -> str:
        return urlsplit(self.response.header("Location")).path

    @property
    def text(self) -> str:
        body = self.response.body
        if self.response.header("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode(errors="replace")


class Visitor:
    """One visitor behind the TLS proxy: X-Forwarded-Proto: https and a client address of its own
    (X-Forwarded-For, as the proxy adds it). Production cookies are ``Secure``, which cookie jars
    do not send over the plain HTTP between proxy and server, so the visitor sends them itself."""

    def __init__(self, port: int):
        self.port = port
        self.address = str(ipaddress.ip_address("10.13.0.0") + next(_addresses))
        self.cookies: dict[str, str] = {}
        self.csrf_token = ""

    def _request(self, path: str, *, timeout: float, **options) -> Answer:
        headers = {
            "X-Forwarded-For": self.address,
            "Origin": f"https://127.0.0.1:{self.port}",
            **options.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.monotonic()
        response = fetch(self.port, path, headers=headers, timeout=timeout, **options)
        answer = Answer(response, time.monotonic() - started)
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        token = (
            _CSRF_FIELD.search(answer.text) if "html" in response.header("Content-Type") else None
        )
        if token:
            self.csrf_token = token.group(1)
        return answer

    def get(self, path: str, *, timeout: float = 10) -> Answer:
        return self._request(path, timeout=timeout)

    def post(self, path: str, data: dict, *, timeout: float = 10) -> Answer:
        """POST ``data`` with the CSRF token of the last form page this visitor saw."""
        body = urlencode({"csrfmiddlewaretoken": self.csrf_token, **data}, doseq=True).encode()
        return self._request(
            path,
            timeout=timeout,
            method="POST",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://127.0.0.1:{self.port}{path}",
            },
        )

    def fill_in(self, path: str, data: dict, *, timeout: float = 10) -> Answer:
        """Open the form page at ``path`` and send it; the answer is the POST's."""
        page = self.get(path, timeout=timeout)
        assert page.status == 200, (path, page.status, page.text[:2000])
        return self.post(path, data, timeout=timeout)


#: Each form whose change queues an e-mail: what it sends and where its success page is.
SUCCESS_PAGES = {
    "registration": "/angemeldet/",
    "booking": "/termine/gebucht/",
    "signup": "/konto/confirm-email/",
    "password_reset": "/konto/password/reset/done/",
}


def succeeded(answer: Answer, form: str) -> bool:
    return answer.status == 302 and SUCCESS_PAGES[form] in answer.location


def register_guest(visitor: Visitor, event_path: str, address: str, **options) -> Answer:
    """A guest registers for the event (the e-mail asks them to confirm their address)."""
    data = {
        "first_name": "Maria",
        "last_name": "Huber",
        "email": address,
        "number_of_people": "1",
        "consent": "on",
    }
    return visitor.fill_in(event_path, data, **options)


def book_appointment(visitor: Visitor, booking_path: str, address: str) -> Answer:
    """A guest books the first free time: a hold, confirmed by the e-mail's link. Without the
    browser's proof of work, as a visitor without JavaScript books."""
    page = visitor.get(booking_path)
    assert page.status == 200, page.text[:2000]
    slot = re.search(r'name="slot" value="(\d+)"', page.text)
    assert slot, page.text[:2000]
    return visitor.post(
        booking_path, {"slot": slot.group(1), "name": "Max Maier", "email": address}
    )


def sign_up(visitor: Visitor, address: str) -> Answer:
    password = "Ein-sicheres-Passwort-2026"
    data = {"email": address, "password1": password, "password2": password}
    return visitor.fill_in("/konto/signup/", data)


def reset_password(visitor: Visitor, address: str) -> Answer:
    return visitor.fill_in("/konto/password/reset/", {"email": address})


# --- the outbox in the database -------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    to: str
    kind: str
    status: str
    message_id: str
    attempts: int
    last_error: str


class Outbox:
    """The server's outbox and task queue, read (and emptied) with SQL."""

    def __init__(self, connection_parameters: dict):
        self.parameters = connection_parameters

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(**self.parameters, autocommit=True)

    def rows(self) -> list[Row]:
        with self._connect() as connection:
            return [
                Row(*values)
                for values in connection.execute(
                    "SELECT to_address, kind, status, message_id, attempts, last_error"
                    " FROM messaging_outgoingemail ORDER BY id"
                )
            ]

    def open_tasks(self) -> int:
        """Tasks that are waiting or running (a killed worker's task stays running for ever)."""
        with self._connect() as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()
        return count

    def empty(self) -> None:
        """A test starts with no e-mails and no tasks."""
        with self._connect() as connection:
            connection.execute("DELETE FROM django_tasks_database_dbtaskresult")
            connection.execute("DELETE FROM messaging_outgoingemail")

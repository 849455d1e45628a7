"""``make run`` (scripts/run.sh): the development server and the worker run together, the worker
sends what a change queued, and Ctrl-C stops both, the server's autoreloader child included."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from bench.server import REPO, fetch, free_port
from munich_portal.messaging.models import EmailStatus
from tests.messaging.test_outbox import database_queue, queue  # noqa: F401 (a fixture)

SCRIPT = REPO / "scripts" / "run.sh"
# What the script may inherit: how to find programs and the embedded database, nothing of the
# test settings (they put development defaults, the immediate task backend among them, into
# os.environ).
_PASSTHROUGH = ("PATH", "HOME", "LANG", "TMPDIR", "XDG_RUNTIME_DIR", "EMBEDDED_POSTGRES_DIR")


def _descendants(pid: int) -> set[int]:
    """The processes below ``pid`` (children, grandchildren, …)."""
    output = subprocess.run(
        ["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True
    ).stdout
    children: dict[int, list[int]] = {}
    for line in output.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, what: str, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not within {timeout} s:\n{log.read_text(errors='replace')}")
        time.sleep(0.3)


def _healthy(port: int) -> bool:
    try:
        return fetch(port, "/healthz", https=False, timeout=2).status == 200
    except OSError:
        return False


@pytest.mark.django_db(transaction=True)
def test_make_run_serves_the_portal_runs_the_worker_and_stops_both_on_ctrl_c(
    database_queue,  # noqa: F811
    tmp_path,
):
    port = free_port()
    env = {name: os.environ[name] for name in _PASSTHROUGH if name in os.environ}
    # The test database: migrated, and what this test commits is what the script's processes see.
    env |= {"EMBEDDED_POSTGRES_DB": connection.settings_dict["NAME"], "PY": sys.executable}
    log = tmp_path / "run.log"
    with log.open("wb") as output:
        script = subprocess.Popen(
            [str(SCRIPT), f"127.0.0.1:{port}"],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # as a terminal would: Ctrl-C goes to the script's group
        )
    processes: set[int] = set()
    try:
        _wait_for(lambda: _healthy(port), "the development server", log)
        _wait_for(lambda: "Starting worker" in log.read_text(), "the worker", log)

        email = queue()  # committed: the e-mail row and its task, as a request writes them
        _wait_for(
            lambda: (email.refresh_from_db() or email.status) == EmailStatus.SENT,
            "the worker sending the e-mail",
            log,
            timeout=60,
        )
        assert email.message_id in log.read_text()  # the console backend printed it

        processes = _descendants(script.pid)
        assert len(processes) >= 3  # the worker, the server and its autoreloader's child
        os.killpg(script.pid, signal.SIGINT)  # Ctrl-C
        assert script.wait(timeout=60) == 130
        _wait_for(lambda: not any(map(_alive, processes)), "every process ending", log, 30)
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGKILL)
            script.wait()
        for pid in filter(_alive, processes | _descendants(script.pid)):
            os.kill(pid, signal.SIGKILL)

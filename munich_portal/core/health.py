"""The health report behind ``/healthz`` (issue 13, part 3; docs/deployment.md, "Health check").

A load balancer probes each app server every few seconds with a short timeout, so the report must
come within :data:`ANSWER_SECONDS` whatever the database does — answering, refusing connections
or hanging. The probe therefore runs in a thread of its own and the view waits for it at most that
long; a probe still running after that counts as "timeout". At most one probe runs per process at
a time: requests that arrive meanwhile wait for the running one, so a hanging database never holds
more than one thread per process. Inside the probe every statement is bounded by
:data:`STATEMENT_TIMEOUT_MS`.

The report names the database's state and, for each check registered with :func:`register`, what
that check found (the outbox registers its backlog from ``munich_portal.messaging``'s app config:
the kernel imports no upper layer). Only the database decides the status: without it this server
can serve nothing, whereas a backlog means the worker or the mail relay is behind — taking web
servers out of the load balancer would not help it, so operators alert on the figures instead.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from django.db import DatabaseError, connections, transaction

__all__ = ["ANSWER_SECONDS", "STATEMENT_TIMEOUT_MS", "Report", "health_report", "register"]

logger = logging.getLogger(__name__)

#: The longest ``/healthz`` waits for the probe: the answer comes within a second.
ANSWER_SECONDS = 0.5
#: The longest any statement of the probe may run (``SET LOCAL statement_timeout``): a slow check
#: is cancelled, and reported as failed, well before the answer is due.
STATEMENT_TIMEOUT_MS = 200

Check = Callable[[], dict[str, Any]]
#: ``(healthy, report)``: the report is the JSON ``/healthz`` answers with.
Report = tuple[bool, dict[str, Any]]

_checks: dict[str, Check] = {}
_probe_lock = threading.Lock()
_running_probe: Future[Report] | None = None


def register(name: str, check: Check) -> None:
    """Add ``check``'s findings to the report under ``name``.

    ``check`` runs inside the probe's transaction, after the database answered; it returns
    JSON-serialisable figures and must not write. Its findings never make the server unhealthy.
    """
    _checks[name] = check


def health_report(*, timeout: float = ANSWER_SECONDS) -> Report:
    """The database's state and every registered check's findings, within ``timeout`` seconds."""
    try:
        return _probe().result(timeout=timeout)
    except FutureTimeout:
        return False, {"status": "error", "database": "timeout"}


def _probe() -> Future[Report]:
    """The running probe, or a new one when none runs."""
    global _running_probe
    with _probe_lock:
        if _running_probe is None or _running_probe.done():
            _running_probe = Future()
            threading.Thread(
                target=_run_probe, args=(_running_probe,), name="healthz-probe", daemon=True
            ).start()
        return _running_probe


def _run_probe(future: Future[Report]) -> None:
    try:
        future.set_result(_collect())
    except DatabaseError as error:
        logger.warning("Health check: the database is unavailable: %s", error)
        future.set_result((False, {"status": "error", "database": "unavailable"}))
    except Exception as error:  # a bug in a check: the waiting view raises it (a 500)
        future.set_exception(error)
    finally:
        # The thread's connection goes back to the pool (or is closed without one).
        connections.close_all()


def _collect() -> Report:
    report: dict[str, Any] = {"status": "ok", "database": "ok"}
    with transaction.atomic(), connections["default"].cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = %s", [STATEMENT_TIMEOUT_MS])
        cursor.execute("SELECT 1")
        cursor.fetchone()
        for name, check in _checks.items():
            report[name] = _run_check(name, check)
    return True, report


def _run_check(name: str, check: Check) -> dict[str, Any]:
    """A check that fails (its query too slow, say) is reported as such; the database answered,
    so the server stays healthy. Its savepoint keeps the probe's transaction usable."""
    try:
        with transaction.atomic():
            return check()
    except DatabaseError as error:
        logger.warning("Health check %s failed: %s", name, error)
        return {"error": "unavailable"}

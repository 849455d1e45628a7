"""Changes of free times, checked with one cheap round trip instead of a query (issue 17).

The triggers that raise a type's change counter (:class:`appointments.models.SlotChanges`,
migrations ``0007`` and ``0009``) also send ``NOTIFY appointments_free_times`` at commit: a slot
added, changed (``taken`` on every hold, booking, cancellation, release, expiry; capacity; times)
or deleted, a type changed, a type's services changed — whatever code wrote, in whatever process.
Each process keeps one connection of its own that listens on that channel and counts the
notifications; :func:`token` returns "session.count". A cached copy stored under one token is not
served once another notification has arrived.

- **Strict**: :func:`token` sends an empty query on the listening session and waits for the
  answer. PostgreSQL signals every listening session during a commit, before the writer learns
  that it has committed, and a signalled session sends its notifications before it answers the
  next query. So a change committed before :func:`token` is called is always counted when it
  returns — the guarantee the counters read on every hit gave, at a fraction of the cost (no pooled
  connection, no query plan, no join: about a tenth). Reading only what has already arrived on the
  socket (no round trip) is not enough: a notification can still be on its way (measured: one
  read in ten right after a commit in another thread missed it).
- **No listener, no token**: before the first ``LISTEN`` has succeeded, after the connection is
  lost and with ``APPOINTMENTS_LISTEN`` off, :func:`token` returns ``None`` and the caller reads
  the counters from the database (``finder.times_token``): never a guess. A new connection is a new
  session, so copies stored under the old one never match again.
- **Order**: the page renders after the token was read, so a copy can only be newer than its
  token (an unneeded re-render later), never older.

The listener needs a direct (session) connection to PostgreSQL: behind a pooler in transaction
mode ``LISTEN`` receives nothing, so ``APPOINTMENTS_LISTEN`` must then be off.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid

import psycopg
from django.conf import settings
from django.db import connections

__all__ = ["CHANNEL", "close", "token"]

#: The channel the triggers notify on (migration ``0009``).
CHANNEL = "appointments_free_times"
#: After a failed connection, wait this long before the next attempt (the counters are read).
RETRY_SECONDS = 1.0


class _Listener:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: psycopg.Connection | None = None
        self._pid = 0
        self._session = ""
        self._seen = 0
        self._retry_at = 0.0

    def token(self) -> str | None:
        if not settings.APPOINTMENTS_LISTEN:
            return None
        with self._lock:
            stale = self._connection is None or self._pid != os.getpid()
            if stale and not self._connect():
                return None
            connection = self._connection
            assert connection is not None
            try:
                # One round trip on this process's own session (no pooled connection, no query
                # plan): PostgreSQL passes a listening session the notifications it was signalled
                # before it answers, so every change committed before this call is counted by
                # the time it returns; psycopg hands them to _count on the way.
                connection.execute("")
            except psycopg.Error:
                self._drop()
                return None
            return f"{self._session}.{self._seen}"

    def _count(self, _notification) -> None:
        self._seen += 1  # called by psycopg inside execute(), under self._lock

    def _connect(self) -> bool:
        self._connection = None  # a connection inherited from a parent process is not ours
        if time.monotonic() < self._retry_at:
            return False
        params = connections["default"].get_connection_params()
        params.pop("cursor_factory", None)
        params.setdefault("connect_timeout", 2)
        try:
            connection = psycopg.Connection.connect(**params, autocommit=True)
            connection.add_notify_handler(self._count)
            connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self._retry_at = time.monotonic() + RETRY_SECONDS
            return False
        self._connection, self._pid = connection, os.getpid()
        self._session, self._seen = uuid.uuid4().hex[:12], 0
        return True

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(psycopg.Error):
                connection.close()

    def close(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                self._drop()
            self._connection = None


_listener = _Listener()


def token() -> str | None:
    """This process's token of the free times' changes, or ``None``: not listening (read the
    counters instead)."""
    return _listener.token()


def close() -> None:
    """Stop listening (tests: before their database is dropped). The next :func:`token` listens
    again, as a new session."""
    _listener.close()

"""The database pool's check before it hands out a connection: a round trip only after a pause.

psycopg's pool can check every connection before handing it out (``ConnectionPool
.check_connection``: an empty query, one round trip), so that a connection the server closed
while it sat in the pool is replaced instead of failing the request. Under load the pool hands
the same few connections out again within milliseconds, and that check was one round trip more
on every request that touches the database: a third of a logged-in home page's round trips
(issue 17, round 6; docs/performance.md).

:func:`check_after_pause` checks a connection only when it has not been handed out within the
last ``DATABASE_POOL_CHECK_AFTER`` seconds (settings; 0 checks every time, as before), or when
psycopg already knows it is not usable. A connection lost while idle for longer is still
replaced before any request sees it: after a restart of the server (which takes longer than the
pause), or a connection closed by a firewall or ``idle_session_timeout``. What is given up: a
connection the server drops within the pause after its last use fails the one request that gets
it next; that request answers the 503 page like any request during an outage, and the pool
discards the connection when it comes back.

Settings import this module while they are read: it imports nothing of Django.
"""

from __future__ import annotations

import time

from psycopg import pq
from psycopg_pool import ConnectionPool

__all__ = ["HANDED_OUT_AT", "check_after_pause", "checker"]

#: The attribute of a pooled connection holding when (``time.monotonic()``) it was last handed out.
HANDED_OUT_AT = "_portal_handed_out_at"


def check_after_pause(conn, *, pause: float, clock=time.monotonic) -> None:
    """The pool's ``check``: psycopg's own check (raises for a dead connection, which the pool then
    replaces) unless the connection was handed out less than ``pause`` seconds ago and psycopg
    still sees it open, idle and not broken."""
    now = clock()
    last = getattr(conn, HANDED_OUT_AT, None)
    setattr(conn, HANDED_OUT_AT, now)
    if (
        last is not None
        and now - last < pause
        and not conn.broken
        and conn.pgconn.status == pq.ConnStatus.OK
        and conn.pgconn.transaction_status == pq.TransactionStatus.IDLE
    ):
        return
    ConnectionPool.check_connection(conn)


def checker(pause: float):
    """The ``check`` option for a pause of ``pause`` seconds (0 or less: psycopg's own check on
    every hand-out)."""
    if pause <= 0:
        return ConnectionPool.check_connection

    def check(conn) -> None:
        check_after_pause(conn, pause=pause)

    check.pause = pause  # type: ignore[attr-defined]  # for tests and the settings' report
    return check

"""The one rate limiter: how often one account, one client address or one person may do a thing.

- :func:`hit` — ``True`` and counted when ``weight`` more stays within ``limit`` in the sliding
  window of ``period`` before ``now``; ``False`` (nothing counted) past it.
- :func:`check` — the same, raising :class:`RateLimited` (or a subclass the caller names).
- :func:`undo` — take back a hit counted at ``now`` when the action then failed.
- :func:`client_key`, :func:`account_key` — keys per client address (a keyed hash: the store never
  holds an IP address) and per account.

The store is a table of its own, :class:`~munich_portal.core.models.RateLimitWindow`, shared by
every app server, so a limit holds across a load-balanced cluster (docs/decisions.md, "One rate
limiter" and "Issue 17, round 2: the rate limiter in one statement"). One row per key holds the
times and weights of the uses in its window. A hit is **one** statement: ``INSERT … ON CONFLICT
(key) DO UPDATE … WHERE <it fits> RETURNING``. The row lock that ``ON CONFLICT`` takes makes the
read, the test and the write one step: of two app servers hitting the last allowed use of a key
at the same moment, the second waits for the first and then sees its use, so exactly one wins. A
refused hit writes nothing (the ``WHERE`` is false, no row comes back). A database that fails
raises :class:`~django.db.DatabaseError` (the 503 page), never a 429 and never a pass: the limiter
fails closed. Rows past their window are deleted by the scheduled ``clear_ratelimits`` job
(docs/deployment.md, "Scheduled jobs").

When what is limited is a row the person writes (ideas, comments, reports), pass those rows as
``rows``: the rows are then the log — :func:`hit` counts the ones created in the window and writes
nothing. One API, two stores.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

__all__ = [
    "RateLimited",
    "account_key",
    "check",
    "clear_expired",
    "client_key",
    "hit",
    "undo",
]

# The account of an account_key() key: the row names it for erasure and Meine Daten.
_ACCOUNT = re.compile(r":account:(\d+)$")


class RateLimited(Exception):
    """The limit is used up; apps subclass it for their own messages."""


def _table() -> str:
    from munich_portal.core.models import RateLimitWindow

    return connection.ops.quote_name(RateLimitWindow._meta.db_table)


def _store_key(key: str) -> str:
    # The key column holds 255 characters; a long key is replaced by its digest.
    if len(key) > 200:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def _stamp(now: datetime | None) -> float:
    return now.timestamp() if now is not None else time.time()


# One statement per hit. The new row, or the row as it is pruned to the window with the use
# appended, but only WHERE the window's weights plus this one stay within the limit: otherwise
# nothing is written and nothing comes back. ``w`` is the row as it was (locked by ON CONFLICT),
# ``excluded`` the row this hit would insert.
_HIT = """
INSERT INTO {table} AS w (key, stamps, weights, expires_at, account_id)
VALUES (%(key)s, ARRAY[%(stamp)s]::double precision[], ARRAY[%(weight)s]::integer[],
        to_timestamp(%(expires)s), %(account)s)
ON CONFLICT (key) DO UPDATE SET (stamps, weights, expires_at) = (
    SELECT coalesce(array_agg(use.stamp ORDER BY use.n), '{{}}') || excluded.stamps,
           coalesce(array_agg(use.weight ORDER BY use.n), '{{}}') || excluded.weights,
           greatest(w.expires_at, excluded.expires_at)
    FROM unnest(w.stamps, w.weights) WITH ORDINALITY AS use(stamp, weight, n)
    WHERE use.stamp > %(since)s
)
WHERE (
    SELECT coalesce(sum(use.weight), 0)
    FROM unnest(w.stamps, w.weights) AS use(stamp, weight)
    WHERE use.stamp > %(since)s
) + %(weight)s <= %(limit)s
RETURNING true
"""

# One statement per undo: the first use counted at exactly that time leaves the row.
_UNDO = """
UPDATE {table} SET
    stamps = stamps[:array_position(stamps, %(stamp)s) - 1]
             || stamps[array_position(stamps, %(stamp)s) + 1:],
    weights = weights[:array_position(stamps, %(stamp)s) - 1]
              || weights[array_position(stamps, %(stamp)s) + 1:]
WHERE key = %(key)s AND array_position(stamps, %(stamp)s) IS NOT NULL
"""


def hit(
    key: str,
    *,
    limit: int,
    period: timedelta,
    weight: int = 1,
    now: datetime | None = None,
    rows=None,
) -> bool:
    """Count one use of ``key`` weighing ``weight``; ``False`` (and nothing counted) past ``limit``.

    A use counts while it is younger than ``period``. With ``rows`` (a queryset with a
    ``created_at`` column) the rows created within ``period`` are counted instead of the table, and
    nothing is written: the row the caller then creates is the record.
    """
    if rows is not None:
        moment = now or timezone.now()
        return rows.filter(created_at__gt=moment - period).count() + weight <= limit
    if weight > limit:
        return False  # would not fit into an empty window either
    stamp = _stamp(now)
    seconds = period.total_seconds()
    with connection.cursor() as cursor:
        cursor.execute(
            _HIT.format(table=_table()),
            {
                "key": _store_key(key),
                "account": int(match[1]) if (match := _ACCOUNT.search(key)) else None,
                "stamp": stamp,
                "weight": weight,
                "limit": limit,
                "since": stamp - seconds,
                "expires": stamp + seconds,
            },
        )
        return cursor.fetchone() is not None


def check(key: str, *, error: type[RateLimited] = RateLimited, **limits) -> None:
    """:func:`hit` with the same arguments, raising ``error`` (a :class:`RateLimited`) past it."""
    if not hit(key, **limits):
        raise error


def undo(key: str, *, period: timedelta, now: datetime) -> None:
    """Take back the hit counted at ``now`` (the action failed and should not count).

    ``period`` is the limit's (kept for the callers; the row's window is pruned by the next hit).
    """
    with connection.cursor() as cursor:
        cursor.execute(_UNDO.format(table=_table()), {"key": _store_key(key), "stamp": _stamp(now)})


def clear_expired(*, now: datetime | None = None) -> int:
    """Delete the windows whose last use has left them (``clear_ratelimits``); how many."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_table()} WHERE expires_at < %s",  # noqa: S608  # our table's name
            [now or timezone.now()],
        )
        return cursor.rowcount


def client_key(request_or_address, scope: str) -> str:
    """The key of a client address for the limit ``scope``: a keyed hash, never the address.

    Takes a request (the address as allauth reads it, trusting ``DJANGO_TRUSTED_PROXY_COUNT``
    proxies, like the login limits) or the address itself.
    """
    address = request_or_address
    if not isinstance(address, str):
        from allauth.account.adapter import get_adapter

        address = get_adapter(request_or_address).get_client_ip(request_or_address)
    digest = salted_hmac(f"ratelimit.{scope}", address, algorithm="sha256").hexdigest()
    return f"{scope}:address:{digest}"


def account_key(user, scope: str) -> str:
    """The key of an account for the limit ``scope``."""
    return f"{scope}:account:{user.pk}"

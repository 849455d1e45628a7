"""The one rate limiter: how often one account, one client address or one person may do a thing.

- :func:`hit` — ``True`` and counted when ``weight`` more stays within ``limit`` in the sliding
  window of ``period`` before ``now``; ``False`` (nothing counted) past it.
- :func:`check` — the same, raising :class:`RateLimited` (or a subclass the caller names).
- :func:`undo` — take back a hit counted at ``now`` when the action then failed.
- :func:`client_key`, :func:`account_key` — keys per client address (a keyed hash: the store never
  holds an IP address) and per account.

The store is the ``default`` cache — the database cache in production, shared by every app server,
so a limit holds across a load-balanced cluster (docs/decisions.md, "One rate limiter"). One entry
per key holds the ``[timestamp, weight]`` pairs of its window; each hit reads and writes it under a
short lock (``cache.add``, atomic in the database cache), so two app servers cannot both let the
last allowed hit through. A lock that cannot be had within a second refuses the hit (fail closed:
only a flood on one key waits that long).

When what is limited is a row the person writes (ideas, comments, reports), pass those rows as
``rows``: the rows are then the log — :func:`hit` counts the ones created in the window and writes
nothing, exact even after a cache flush. One API, two stores.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.core.cache import caches
from django.db import DatabaseError
from django.utils import timezone
from django.utils.crypto import salted_hmac

__all__ = ["RateLimited", "account_key", "check", "client_key", "hit", "undo"]

CACHE_ALIAS = "default"
PREFIX = "ratelimit:"
LOCK_SECONDS = 10
LOCK_WAIT_SECONDS = 1.0


class RateLimited(Exception):
    """The limit is used up; apps subclass it for their own messages."""


def _cache():
    return caches[CACHE_ALIAS]


def _store_key(key: str) -> str:
    # Database cache keys are at most 255 characters; a long key is replaced by its digest.
    if len(key) > 200:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return PREFIX + key


def _stamp(now: datetime | None) -> float:
    return now.timestamp() if now is not None else time.time()


@contextmanager
def _locked(store_key: str) -> Iterator[bool]:
    cache = _cache()
    lock = store_key + ":lock"
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.01
    while not cache.add(lock, 1, timeout=LOCK_SECONDS):
        # The database cache's add() also answers False when its insert fails: only a lock that
        # is there refuses (has_key raises while the database is down: the 503 page, not 429).
        if time.monotonic() >= deadline and cache.has_key(lock):
            yield False
            return
        time.sleep(pause)
        pause = min(pause * 2, 0.1)
    database_failed = False
    try:
        yield True
    except DatabaseError:
        # The lock expires after LOCK_SECONDS; deleting it now would wait for the database that
        # just failed a second time (the pool's timeout) before the visitor sees the 503 page.
        database_failed = True
        raise
    finally:
        if not database_failed:
            cache.delete(lock)


def _window(entries, since: float) -> list[list[float]]:
    """The ``[stamp, weight]`` pairs younger than ``since``; anything malformed is dropped."""
    kept = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            stamp, weight = float(entry[0]), float(entry[1])
        except (TypeError, ValueError, IndexError):
            continue
        if stamp > since:
            kept.append([stamp, weight])
    return kept


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
    ``created_at`` column) the rows created within ``period`` are counted instead of the cache, and
    nothing is written: the row the caller then creates is the record.
    """
    if rows is not None:
        moment = now or timezone.now()
        return rows.filter(created_at__gt=moment - period).count() + weight <= limit
    stamp = _stamp(now)
    since = stamp - period.total_seconds()
    store_key = _store_key(key)
    with _locked(store_key) as locked:
        if not locked:
            return False
        cache = _cache()
        recent = _window(cache.get(store_key), since)
        if sum(w for _stamp, w in recent) + weight > limit:
            return False
        recent.append([stamp, weight])
        cache.set(store_key, recent, timeout=max(int(period.total_seconds()) + 1, 1))
        return True


def check(key: str, *, error: type[RateLimited] = RateLimited, **limits) -> None:
    """:func:`hit` with the same arguments, raising ``error`` (a :class:`RateLimited`) past it."""
    if not hit(key, **limits):
        raise error


def undo(key: str, *, period: timedelta, now: datetime) -> None:
    """Take back the hit counted at ``now`` (the action failed and should not count).

    If the lock cannot be had the hit stays counted: that only makes the limit stricter.
    """
    store_key = _store_key(key)
    stamp = _stamp(now)
    with _locked(store_key) as locked:
        if not locked:
            return
        cache = _cache()
        recent = _window(cache.get(store_key), stamp - period.total_seconds())
        for index, entry in enumerate(recent):
            if entry[0] == stamp:
                del recent[index]
                break
        cache.set(store_key, recent, timeout=max(int(period.total_seconds()) + 1, 1))


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

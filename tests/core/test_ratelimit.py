"""The one rate limiter (munich_portal/core/ratelimit.py): exact limits, a sliding window, keys."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import timezone

from munich_portal.core import ratelimit

HOUR = dt.timedelta(hours=1)
T0 = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


def hits(key, count, *, limit=3, period=HOUR, now=T0, weight=1):
    return [
        ratelimit.hit(key, limit=limit, period=period, now=now, weight=weight) for _ in range(count)
    ]


def test_the_limit_is_reached_at_exactly_n():
    assert hits("t:exact", 3) == [True, True, True]
    assert hits("t:exact", 2) == [False, False]


def test_refused_hits_are_not_counted():
    hits("t:refused", 5)  # three counted, two refused
    later = T0 + HOUR + dt.timedelta(seconds=1)
    assert hits("t:refused", 3, now=later) == [True, True, True]


def test_the_window_slides():
    first, second = T0, T0 + dt.timedelta(minutes=30)
    assert ratelimit.hit("t:slide", limit=2, period=HOUR, now=first)
    assert ratelimit.hit("t:slide", limit=2, period=HOUR, now=second)
    # An hour after the first, only the second still counts: exactly one more fits.
    at = first + HOUR
    assert ratelimit.hit("t:slide", limit=2, period=HOUR, now=at)
    assert not ratelimit.hit("t:slide", limit=2, period=HOUR, now=at)
    # Just before the second is an hour old nothing fits; at an hour it no longer counts.
    just_before = second + HOUR - dt.timedelta(seconds=1)
    assert not ratelimit.hit("t:slide", limit=2, period=HOUR, now=just_before)
    assert ratelimit.hit("t:slide", limit=2, period=HOUR, now=second + HOUR)


def test_keys_are_separate():
    assert hits("t:a", 3) == [True] * 3
    assert hits("t:a", 1) == [False]
    assert hits("t:b", 3) == [True] * 3


def test_weights_count_against_the_limit():
    assert ratelimit.hit("t:w", limit=6, period=HOUR, now=T0, weight=3)
    assert ratelimit.hit("t:w", limit=6, period=HOUR, now=T0, weight=3)
    assert not ratelimit.hit("t:w", limit=6, period=HOUR, now=T0, weight=1)
    assert not ratelimit.hit("t:heavy", limit=2, period=HOUR, now=T0, weight=3)


def test_check_raises_the_callers_error():
    class Custom(ratelimit.RateLimited):
        pass

    ratelimit.check("t:check", limit=1, period=HOUR, now=T0)
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check("t:check", limit=1, period=HOUR, now=T0)
    with pytest.raises(Custom):
        ratelimit.check("t:check", limit=1, period=HOUR, now=T0, error=Custom)


def test_undo_takes_back_one_hit():
    assert hits("t:undo", 2, limit=2) == [True, True]
    ratelimit.undo("t:undo", period=HOUR, now=T0)
    assert hits("t:undo", 2, limit=2) == [True, False]


def test_a_garbled_entry_counts_as_empty():
    cache.set(ratelimit.PREFIX + "t:garbled", "not a list")
    assert hits("t:garbled", 2, limit=1) == [True, False]


def test_a_held_lock_refuses(monkeypatch):
    monkeypatch.setattr(ratelimit, "LOCK_WAIT_SECONDS", 0.05)
    cache.add(ratelimit.PREFIX + "t:locked:lock", 1)
    assert ratelimit.hit("t:locked", limit=5, period=HOUR, now=T0) is False


def test_long_keys_are_hashed_into_the_cache():
    key = "t:" + "x" * 500
    assert hits(key, 2, limit=1) == [True, False]
    assert all(len(k) < 250 for k in cache._cache)  # LocMemCache in tests


def test_client_key_hashes_the_address():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    key = ratelimit.client_key(request, "t.scope")
    assert "203.0.113.9" not in key
    assert key == ratelimit.client_key("203.0.113.9", "t.scope")
    assert key != ratelimit.client_key("203.0.113.10", "t.scope")
    assert key != ratelimit.client_key("203.0.113.9", "t.other")


@pytest.mark.django_db
def test_account_key_is_per_account(django_user_model):
    one = django_user_model.objects.create_user(email="eins@example.org", password="x" * 12)
    two = django_user_model.objects.create_user(email="zwei@example.org", password="x" * 12)
    assert ratelimit.account_key(one, "t") != ratelimit.account_key(two, "t")
    key = ratelimit.account_key(one, "t")
    assert hits(key, 2, limit=1) == [True, False]
    assert hits(ratelimit.account_key(two, "t"), 1, limit=1) == [True]


@pytest.mark.django_db
def test_rows_are_the_log_when_given():
    """With ``rows`` the rows created in the window count, older ones do not, nothing is written."""
    from tests.factories import UserFactory
    from tests.ideas.conftest import make_idea, make_process

    author = UserFactory()
    process = make_process("during")
    for n in range(3):
        make_idea(process, author, title=f"Idee {n}")
    rows = type(make_idea(process, title="fremd")).objects.filter(author=author)
    now = timezone.now()
    assert ratelimit.hit("t:ideas", limit=3, period=HOUR, now=now, rows=rows) is False
    assert ratelimit.hit("t:ideas", limit=4, period=HOUR, now=now, rows=rows) is True
    assert ratelimit.hit("t:ideas", limit=4, period=HOUR, now=now, rows=rows) is True
    later = now + HOUR + dt.timedelta(seconds=1)
    assert ratelimit.hit("t:ideas", limit=1, period=HOUR, now=later, rows=rows) is True
    assert not any("t:ideas" in key for key in cache._cache)  # LocMemCache in tests


def test_a_database_failure_leaves_the_lock_to_expire(monkeypatch):
    """The database fails while the lock is held: the error goes on to the 503 page at once,
    without a second wait for the database to delete the lock (it expires by itself)."""
    deleted = []

    def unavailable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(cache, "get", unavailable)
    monkeypatch.setattr(cache, "delete", deleted.append)

    with pytest.raises(OperationalError):
        ratelimit.hit("t:outage", limit=3, period=HOUR, now=T0)

    assert deleted == []


def test_a_lock_not_taken_because_the_database_failed_is_no_refusal(monkeypatch):
    """The database cache's add() answers False when its insert fails, as if the lock were held:
    the limiter asks whether the lock is there, and the database's error (the 503 page) wins over
    a refusal (the 429 page)."""
    monkeypatch.setattr(ratelimit, "LOCK_WAIT_SECONDS", 0)

    def unavailable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(cache, "has_key", unavailable)

    with pytest.raises(OperationalError):
        ratelimit.hit("t:outage-start", limit=3, period=HOUR, now=T0)

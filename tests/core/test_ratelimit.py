"""The one rate limiter (munich_portal/core/ratelimit.py): exact limits, a sliding window, keys,
one statement per hit in its own table, exactly one winner of the last allowed use."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, OperationalError, connection, connections
from django.test import RequestFactory
from django.utils import timezone

from munich_portal.core import ratelimit
from munich_portal.core.models import RateLimitWindow

pytestmark = pytest.mark.django_db

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


def test_long_keys_are_hashed_into_the_table():
    key = "t:" + "x" * 500
    assert hits(key, 2, limit=1) == [True, False]
    (stored,) = RateLimitWindow.objects.values_list("key", flat=True)
    assert stored.startswith("sha256:") and len(stored) < 80


def test_a_hit_is_one_statement(django_assert_num_queries):
    """The first hit inserts, a later one updates, a refused one writes nothing: one query each."""
    for expected in (True, True, False):
        with django_assert_num_queries(1):
            assert ratelimit.hit("t:one", limit=2, period=HOUR, now=T0) is expected


def test_undo_is_one_statement(django_assert_num_queries):
    ratelimit.hit("t:undo-one", limit=2, period=HOUR, now=T0)
    with django_assert_num_queries(1):
        ratelimit.undo("t:undo-one", period=HOUR, now=T0)
    assert RateLimitWindow.objects.get(key="t:undo-one").stamps == []


def test_undo_takes_back_only_the_use_counted_at_that_time():
    later = T0 + dt.timedelta(minutes=1)
    ratelimit.hit("t:undo-which", limit=5, period=HOUR, now=T0, weight=2)
    ratelimit.hit("t:undo-which", limit=5, period=HOUR, now=later, weight=3)
    ratelimit.undo("t:undo-which", period=HOUR, now=T0)
    row = RateLimitWindow.objects.get(key="t:undo-which")
    assert (row.stamps, row.weights) == ([later.timestamp()], [3])
    ratelimit.undo("t:undo-which", period=HOUR, now=T0)  # nothing left at T0: nothing changes
    assert RateLimitWindow.objects.get(key="t:undo-which").weights == [3]


def test_a_refused_hit_writes_nothing():
    assert hits("t:nothing", 2, limit=1) == [True, False]
    row = RateLimitWindow.objects.get(key="t:nothing")
    assert (row.stamps, row.weights) == ([T0.timestamp()], [1])
    # Too heavy even for an empty window: refused without a row.
    assert ratelimit.hit("t:too-heavy", limit=2, period=HOUR, now=T0, weight=3) is False
    assert not RateLimitWindow.objects.filter(key="t:too-heavy").exists()


def test_a_hit_prunes_the_uses_that_left_the_window():
    ratelimit.hit("t:prune", limit=5, period=HOUR, now=T0)
    later = T0 + HOUR + dt.timedelta(seconds=1)
    ratelimit.hit("t:prune", limit=5, period=HOUR, now=later, weight=2)
    row = RateLimitWindow.objects.get(key="t:prune")
    assert (row.stamps, row.weights) == ([later.timestamp()], [2])
    assert row.expires_at == later + HOUR


def test_the_cleanup_job_deletes_expired_windows_only():
    ratelimit.hit("t:old", limit=5, period=HOUR, now=T0)
    ratelimit.hit("t:fresh", limit=5, period=HOUR, now=T0 + HOUR)
    assert ratelimit.clear_expired(now=T0 + HOUR + dt.timedelta(seconds=1)) == 1
    assert list(RateLimitWindow.objects.values_list("key", flat=True)) == ["t:fresh"]
    ratelimit.hit("t:now", limit=5, period=HOUR)
    call_command("clear_ratelimits", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(RateLimitWindow.objects.values_list("key", flat=True)) == ["t:now"]


@pytest.mark.django_db(transaction=True)
def test_two_connections_racing_for_the_last_use_one_wins():
    """Two servers (two connections) hit the last allowed use of a key at once: the second
    statement waits for the first one's row lock and then sees its use — exactly one wins."""
    key, limit = "t:race", 3
    assert hits(key, limit - 1, limit=limit) == [True] * (limit - 1)
    connection.close()
    barrier = threading.Barrier(2)
    results: list[bool] = []

    def racer():
        try:
            barrier.wait()
            results.append(ratelimit.hit(key, limit=limit, period=HOUR, now=T0))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=racer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert RateLimitWindow.objects.get(key=key).weights == [1] * limit


@pytest.mark.django_db(transaction=True)
def test_a_hit_waits_for_the_row_lock_of_an_open_transaction():
    """The row lock is what makes a hit atomic: while another transaction holds the key's row
    with its use, a hit for the last use waits, then counts that use and is refused."""
    from django.db import transaction

    key = "t:lock"
    assert hits(key, 1, limit=2) == [True]
    held, done = threading.Event(), threading.Event()
    results: list[bool] = []

    def holder():
        try:
            with transaction.atomic():
                results.append(ratelimit.hit(key, limit=2, period=HOUR, now=T0))
                held.set()
                done.wait(timeout=0.5)  # the other hit is waiting for this row meanwhile
        finally:
            connections.close_all()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(timeout=10)
    waiter = ratelimit.hit(key, limit=2, period=HOUR, now=T0)
    done.set()
    thread.join()
    assert results == [True]
    assert waiter is False


def test_erasure_deletes_the_accounts_windows():
    """Keys of ``account_key`` hold an account id: erasing the account deletes its windows
    (declared personal data, on_erasure="delete"), another account's stay."""
    from munich_portal.audit import actions
    from tests.factories import UserFactory

    resident, other = UserFactory(), UserFactory()
    for user in (resident, other):
        ratelimit.hit(ratelimit.account_key(user, "t.erase"), limit=5, period=HOUR)
    ratelimit.hit(f"t.erase:account:{resident.pk}1", limit=5, period=HOUR)

    actions.erase_subject(user=resident, reason="request")

    assert sorted(RateLimitWindow.objects.values_list("key", flat=True)) == sorted(
        [ratelimit.account_key(other, "t.erase"), f"t.erase:account:{resident.pk}1"]
    )


def test_client_key_hashes_the_address():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    key = ratelimit.client_key(request, "t.scope")
    assert "203.0.113.9" not in key
    assert key == ratelimit.client_key("203.0.113.9", "t.scope")
    assert key != ratelimit.client_key("203.0.113.10", "t.scope")
    assert key != ratelimit.client_key("203.0.113.9", "t.other")


def test_account_key_is_per_account(django_user_model):
    one = django_user_model.objects.create_user(email="eins@example.org", password="x" * 12)
    two = django_user_model.objects.create_user(email="zwei@example.org", password="x" * 12)
    assert ratelimit.account_key(one, "t") != ratelimit.account_key(two, "t")
    key = ratelimit.account_key(one, "t")
    assert hits(key, 2, limit=1) == [True, False]
    assert hits(ratelimit.account_key(two, "t"), 1, limit=1) == [True]
    # The row names the account (erasure and Meine Daten find it); other keys name none.
    hits("t:address", 1)
    assert dict(RateLimitWindow.objects.values_list("key", "account_id")) == {
        key: one.pk,
        ratelimit.account_key(two, "t"): two.pk,
        "t:address": None,
    }


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
    assert not RateLimitWindow.objects.exists()


def test_a_database_failure_is_an_error_not_a_pass(monkeypatch):
    """Fail closed: with the database down the limiter raises (the 503 page), it neither lets
    the use through nor answers 429."""

    class Broken:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, *args, **kwargs):
            raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", Broken)
    with pytest.raises(DatabaseError):
        ratelimit.hit("t:outage", limit=3, period=HOUR, now=T0)
    with pytest.raises(DatabaseError):
        ratelimit.undo("t:outage", period=HOUR, now=T0)


def test_the_table_has_only_its_primary_key_and_room_for_updates_in_place():
    """A new key (each proof-of-work challenge is one) writes one index (two for an account's),
    a hit's update can stay on its page (fillfactor 70, no indexed column changes): 0004."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s",
            [RateLimitWindow._meta.db_table],
        )
        assert sorted(name for (name,) in cursor.fetchall()) == [
            "core_ratelimitwindow_pkey",
            "ratelimitwindow_account",  # partial: only rows of account keys
        ]
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", [RateLimitWindow._meta.db_table]
        )
        assert cursor.fetchone()[0] == ["fillfactor=70"]

"""The pool's check before a connection is handed out (``munich_portal/core/db_pool.py``, issue 17,
round 6): one round trip only after a pause, and a connection lost in the pool still replaced.

Each test opens a real psycopg pool on the test database and ends connections the way a server
restart or an idle timeout does (``pg_terminate_backend`` from another connection). The pause is
measured on a clock the test moves, so nothing sleeps."""

import psycopg
import pytest
from django.db import connection
from psycopg_pool import ConnectionPool

from munich_portal.core import db_pool

pytestmark = pytest.mark.django_db

PAUSE = 1.0


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def psycopg_checks(monkeypatch):
    """Every round trip psycopg's own check makes, as the connection it checked."""
    checked = []
    real = ConnectionPool.check_connection

    def counted(conn):
        checked.append(conn)
        real(conn)

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(counted))
    return checked


@pytest.fixture
def clock():
    return Clock()


def database_arguments() -> dict:
    """Connection arguments for the test database, for psycopg directly."""
    settings = connection.settings_dict
    return {
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "host": settings["HOST"],
        "port": settings["PORT"],
        "password": settings.get("PASSWORD") or None,
    }


@pytest.fixture
def pool(clock):
    opened = ConnectionPool(
        kwargs=database_arguments(),
        min_size=1,
        max_size=2,
        timeout=5,
        check=lambda conn: db_pool.check_after_pause(conn, pause=PAUSE, clock=clock),
        open=True,
    )
    opened.wait()
    yield opened
    opened.close()


def backend_of(conn) -> int:
    return conn.execute("SELECT pg_backend_pid()").fetchone()[0]


def end_backend(pid: int) -> None:
    """End a server process from outside, as a restart or an idle timeout would."""
    with psycopg.connect(**database_arguments(), autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0] is True
        # The signal is sent; the backend is gone once the server no longer lists it.
        for _attempt in range(200):
            if not other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
                return
            other.execute("SELECT pg_sleep(0.01)")
    raise AssertionError(f"backend {pid} did not end")


def test_a_connection_handed_out_again_within_the_pause_is_not_checked(pool, clock, psycopg_checks):
    conn = pool.getconn()
    first_backend = backend_of(conn)
    pool.putconn(conn)
    assert len(psycopg_checks) == 1  # never handed out before: checked

    clock.now += PAUSE / 2
    again = pool.getconn()

    assert again is conn
    assert len(psycopg_checks) == 1  # no round trip for the check
    assert backend_of(again) == first_backend
    pool.putconn(again)


def test_a_connection_handed_out_after_the_pause_is_checked(pool, clock, psycopg_checks):
    conn = pool.getconn()
    pool.putconn(conn)
    clock.now += PAUSE
    again = pool.getconn()

    assert again is conn
    assert psycopg_checks == [conn, conn]
    pool.putconn(again)


def test_the_pause_counts_from_the_last_hand_out_not_from_the_first(pool, clock, psycopg_checks):
    conn = pool.getconn()
    pool.putconn(conn)
    for _use in range(3):
        clock.now += PAUSE * 0.6
        pool.putconn(pool.getconn())

    assert psycopg_checks == [conn]  # each hand-out within the pause of the one before


def test_a_connection_lost_in_the_pool_after_the_pause_is_replaced(pool, clock):
    conn = pool.getconn()
    lost = backend_of(conn)
    pool.putconn(conn)
    end_backend(lost)

    clock.now += PAUSE
    replacement = pool.getconn()

    # The check found the connection dead: the pool discarded it and handed out a working one.
    assert replacement.execute("SELECT 1").fetchone() == (1,)
    assert backend_of(replacement) != lost
    pool.putconn(replacement)


def test_a_connection_lost_within_the_pause_fails_one_use_and_is_then_discarded(pool, clock):
    """The price of the pause, as docs/decisions.md states it: one request fails, not more."""
    conn = pool.getconn()
    lost = backend_of(conn)
    pool.putconn(conn)
    end_backend(lost)

    clock.now += PAUSE / 2
    unchecked = pool.getconn()
    assert unchecked is conn
    with pytest.raises(psycopg.OperationalError):
        unchecked.execute("SELECT 1")
    pool.putconn(unchecked)

    clock.now += PAUSE / 10
    next_one = pool.getconn()

    assert next_one is not conn
    assert next_one.execute("SELECT 1").fetchone() == (1,)
    pool.putconn(next_one)


def test_a_connection_psycopg_knows_is_lost_is_checked_within_the_pause(clock, psycopg_checks):
    conn = psycopg.connect(**database_arguments(), autocommit=True)
    try:
        db_pool.check_after_pause(conn, pause=PAUSE, clock=clock)
        end_backend(backend_of(conn))
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT 1")

        clock.now += PAUSE / 2
        with pytest.raises(psycopg.OperationalError):
            db_pool.check_after_pause(conn, pause=PAUSE, clock=clock)
        assert psycopg_checks == [conn, conn]
    finally:
        conn.close()


def test_no_pause_is_psycopgs_own_check():
    assert db_pool.checker(0) is ConnectionPool.check_connection
    assert db_pool.checker(-1) is ConnectionPool.check_connection
    assert db_pool.checker(1.5).pause == 1.5

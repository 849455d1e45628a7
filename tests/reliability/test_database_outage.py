"""Fault test (c) of issue 13: PostgreSQL stops for 20 s while residents send barrier reports.

Real processes on loopback: a PostgreSQL server of the test's own (the suite's shared server is
never stopped) with a migrated database; gunicorn with the production settings pointed at it
(``DATABASE_URL``); two residents sending reports one after another. During the stream the
server is stopped (a fast shutdown, as a restart or failover does) and started again 20 s later.
The test then holds the portal to what docs/deployment.md promises ("A database outage"):

- no report that was answered with success is missing afterwards;
- every other answer is the 503 page (HTML, ``Retry-After``, in the visitor's language), never a
  500, and comes within a few seconds, not after the pool's old 10 s;
- ``/healthz`` answers within 1 s while the database is down, with 503;
- reports are accepted again within 5 s of PostgreSQL being back.

Against the settings before the fix (pool timeout 10 s, psycopg_pool's default reconnect back-off
of up to 5 minutes) the same run failed: the failures were 500 pages after 10 s, ``/healthz`` took
10 s, and the first report was accepted 5.8 s after the server was back (the back-off grows with
the outage: issue 13 measured 45.7 s after 70 s).
"""

import time

import pytest

from bench.server import GunicornServer, manage, production_environment
from tests.reliability.database_outage_support import (
    Answer,
    PostgresCluster,
    ResidentClient,
    SubmissionStream,
    description,
    succeeded,
)

# One test worker runs this module (``make test`` distributes by group).
pytestmark = pytest.mark.xdist_group("reliability_database")

DATABASE = "portal_outage"
OUTAGE_SECONDS = 20
# What docs/deployment.md promises.
RECOVERY_SECONDS = 5
HEALTHZ_SECONDS = 1
# A request may wait for a connection more than once before its error page (each wait is
# DATABASE_POOL_TIMEOUT, 2 s): 2.3 s in quiet runs, 4.03 s once on a loaded CI machine. Twice
# the timeout and rendering the page on a busy machine; the old pool waited 10 s each time.
FAILURE_SECONDS = 2 * 2 + 1.5


@pytest.fixture(scope="module")
def portal(tmp_path_factory, django_db_setup):
    """gunicorn with production settings on a database of its own PostgreSQL server.

    The database is a copy of the suite's test database (the migrations' result, made once per
    test worker anyway) plus the production cache table; static files are not collected (the
    pages link them unhashed), which the production server test covers.
    """
    from django.db import connection

    folder = tmp_path_factory.mktemp("outage")
    cluster = PostgresCluster()
    try:
        cluster.init()
        cluster.start()
        cluster.copy_database(connection.settings_dict, DATABASE)
        env = production_environment(
            DATABASE,
            DATABASE_URL=cluster.url(DATABASE),
            DJANGO_STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
            DJANGO_STATIC_ROOT=str(folder / "static"),
            PORTAL_MEDIA_ROOT=str(folder / "media"),
            PORTAL_PRIVATE_UPLOAD_ROOT=str(folder / "uploads"),
            # Each resident's reports come from their own address (the limit counts per address).
            DJANGO_TRUSTED_PROXY_COUNT="1",
            DJANGO_LOG_LEVEL="WARNING",
        )
        manage(env, "createcachetable")
        with GunicornServer(
            env, workers=1, log_path=folder / "gunicorn.log", access_log=False
        ) as server:
            yield cluster, server
    finally:
        cluster.remove()


def probe_health_until(client: ResidentClient, deadline: float) -> list[Answer]:
    """``/healthz`` every half second until ``deadline``, as a load balancer probes."""
    probes = []
    while time.monotonic() < deadline:
        probes.append(client.healthz())
        time.sleep(min(0.5, max(deadline - time.monotonic(), 0)))
    return probes


def accepted_after(moment: float):
    return lambda answers: any(succeeded(a) and a.started > moment for a in answers)


def stored_descriptions(cluster: PostgresCluster) -> set[str]:
    with cluster.connect(DATABASE) as connection:
        rows = connection.execute("SELECT description FROM accessibility_barrierreport")
        return {description for (description,) in rows}


# The mark makes pytest-django create the test database, which the portal's database copies.
@pytest.mark.django_db
def test_database_outage_costs_no_accepted_report_and_recovers_within_5_s(portal):
    """PostgreSQL down for 20 s: failures are quick 503 pages, /healthz answers 503 within 1 s,
    every accepted report is stored, and reports are accepted within 5 s of the server's return."""
    cluster, server = portal
    client = ResidentClient(server.port)
    client.open_report_form()

    with SubmissionStream(client) as stream:
        stream.wait_for(lambda a: sum(map(succeeded, a)) >= 3, timeout=30, what="3 reports")
        cluster.stop()
        down_at = time.monotonic()
        probes = probe_health_until(client, down_at + OUTAGE_SECONDS)
        cluster.start()
        back_at = time.monotonic()
        stream.wait_for(accepted_after(back_at), timeout=60, what="a report after the outage")
    answers = stream.recorded()
    first_back = min(a.finished for a in answers if succeeded(a) and a.finished > back_at)
    failures = [a for a in answers if not succeeded(a)]
    print(
        f"\noutage: {len(answers)} reports sent, {len(failures)} failed "
        f"(statuses {sorted({a.status for a in failures})}, slowest "
        f"{max((a.seconds for a in failures), default=0):.2f} s); /healthz while down: "
        f"{sorted({p.status for p in probes})}, slowest {max(p.seconds for p in probes):.2f} s; "
        f"first report accepted {first_back - back_at:.2f} s after PostgreSQL was back"
    )

    accepted = {description(int(a.label)) for a in answers if succeeded(a)}
    assert accepted - stored_descriptions(cluster) == set()
    assert any(a.started > down_at and a.finished < back_at for a in failures), (
        "no report was sent during the outage"
    )
    for failure in failures:
        assert_service_unavailable_page(failure)
    assert {probe.status for probe in probes} == {503}
    assert max(probe.seconds for probe in probes) < HEALTHZ_SECONDS
    assert first_back - back_at < RECOVERY_SECONDS
    assert client.healthz().status == 200


def assert_service_unavailable_page(answer: Answer) -> None:
    """The portal's 503 page in the sender's language, quickly (reports alternate en/de)."""
    language = "en" if int(answer.label) % 2 else "de"
    summary = f"report {answer.label}: {answer.status} {answer.error} after {answer.seconds:.2f} s"
    assert answer.status == 503, summary
    assert answer.seconds < FAILURE_SECONDS, summary
    assert answer.headers["content-type"].startswith("text/html"), summary
    assert int(answer.headers["retry-after"]) > 0, summary
    assert f'<html lang="{language}"' in answer.body, summary

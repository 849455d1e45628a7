"""The portal as production runs it: gunicorn, production settings, whitenoise, real HTTP.

One gunicorn server (on one test worker, kept for the session), on its own freshly migrated
database (production settings use the DatabaseCache, so its table is created too; a copy of the
migrated template, bench/server.py ``create_migrated_database``) and static files collected into
a temporary STATIC_ROOT. Requests carry X-Forwarded-Proto: https as the TLS-terminating proxy
sends them."""

import gzip
import json
import os
import re
import time

import pytest

from bench import residents
from bench.server import (
    REPO,
    GunicornServer,
    create_migrated_database,
    drop_database,
    fetch,
    manage,
    prepare,
    production_environment,
)

# One worker runs the whole module: the server's database is migrated and the static files are
# collected once, not once per test worker (``make test`` distributes by group).
pytestmark = pytest.mark.xdist_group("production_server")

HASHED_CSS = re.compile(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"')


def _database_name() -> str:
    # Each xdist worker that runs tests of this module starts its own server on its own database.
    base = os.environ.get("EMBEDDED_POSTGRES_DB", "portal")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"{base}_prodtest" + (f"_{worker}" if worker else "")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    database = _database_name()
    env = production_environment(
        database,
        DJANGO_STATIC_ROOT=str(folder / "static"),
        PORTAL_MEDIA_ROOT=str(folder / "media"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    create_migrated_database(database, env)
    prepare(env, migrated=True)
    with GunicornServer(env, workers=1, log_path=folder / "gunicorn.log") as running:
        yield running
    drop_database(database)


def test_healthz_answers_a_load_balancer_over_plain_http(server):
    """/healthz is exempt from the HTTPS redirect and reports the database and the outbox."""
    response = fetch(server.port, "/healthz", https=False)

    assert response.status == 200
    report = json.loads(response.body)
    assert report["status"] == report["database"] == "ok"
    assert report["outbox"]["queued"] == 0
    assert "no-cache" in response.header("Cache-Control")


def test_plain_http_is_redirected_to_https(server):
    response = fetch(server.port, "/", https=False)

    assert response.status == 301
    assert response.header("Location") == f"https://127.0.0.1:{server.port}/"


def html_of(response) -> str:
    """The page's HTML; the page cache sends it gzip-compressed to clients that accept it."""
    if response.header("Content-Encoding") == "gzip":
        return gzip.decompress(response.body).decode()
    return response.body.decode()


def test_home_page_answers_with_the_security_headers(server):
    """Behind the TLS proxy the home page is served with CSP, HSTS and the other headers."""
    response = fetch(server.port, "/")

    assert response.status == 200
    assert '<html lang="de"' in html_of(response)
    assert response.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.header("Vary")
    csp = response.header("Content-Security-Policy")
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.header("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.header("Permissions-Policy")
    assert "geolocation=()" in response.header("Permissions-Policy")
    assert response.header("X-Frame-Options") == "DENY"
    assert response.header("Cross-Origin-Opener-Policy") == "same-origin"


def test_stylesheet_is_served_by_whitenoise_hashed_compressed_cached_for_years(server):
    """The page links portal.<hash>.css; whitenoise sends it gzip-compressed and immutable."""
    page = fetch(server.port, "/")
    match = HASHED_CSS.search(html_of(page))
    assert match, "the home page links no hashed portal.css"

    response = fetch(server.port, match.group(1))

    assert response.status == 200
    assert response.header("Content-Type").startswith("text/css")
    assert response.header("Content-Encoding") == "gzip"
    assert response.header("Cache-Control") == "max-age=315360000, public, immutable"
    assert gzip.decompress(response.body) == (REPO / "static/css/portal.css").read_bytes()


def test_forms_set_secure_http_only_csrf_cookie(server):
    """The login form's CSRF cookie is Secure, HttpOnly and SameSite=Lax."""
    response = fetch(server.port, "/konto/login/")

    assert response.status == 200
    cookie = next(
        value for value in response.headers.get_all("Set-Cookie") if value.startswith("csrftoken=")
    )
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_unknown_host_is_rejected(server):
    response = fetch(server.port, "/", headers={"Host": "portal.attacker.example"})

    assert response.status == 400


def test_errors_show_no_debug_page_and_no_bench_route(server):
    """DEBUG is off (no technical 404) and the benchmark's baseline view does not exist."""
    missing = fetch(server.port, "/gibt-es-nicht/")
    baseline = fetch(server.port, "/_bench/baseline")

    assert missing.status == 404
    assert b"URLconf" not in missing.body
    assert baseline.status == 404


def test_the_logs_hold_no_address_query_value_or_token(server):
    """Issue 14, part 3: gunicorn's access line and Django's "Not Found" warning for a search
    with an address, a signed link's token and a referrer carrying both hold none of them."""
    token = "S3cretToken-abc"
    referer = f"https://digitales.muenchen.de/anmeldung/stornieren/{token}/?e=anna@example.org"

    missing = fetch(
        server.port,
        f"/termine/verwalten/{token}/?q=anna%40example.org&page=2",
        headers={"Referer": referer},
    )

    assert missing.status == 404
    access_line = '"GET /termine/verwalten/[token]/?q=&page= HTTP/1.1" 404'
    deadline = time.monotonic() + 5
    while access_line not in (log := server.log_path.read_text(errors="replace")):
        assert time.monotonic() < deadline, log[-2000:]
        time.sleep(0.1)
    assert '"https://digitales.muenchen.de/anmeldung/stornieren/[token]/?e="' in log
    assert "WARNING django.request Not Found: /termine/verwalten/[token]/" in log
    assert "anna" not in log
    assert token not in log


def _printed(server, code: str, marker: str) -> str:
    """What ``code`` prints after ``marker``, run by manage.py shell with the server's settings
    and database (and its secret key, which signs sessions and challenges)."""
    output = manage(server.env, "shell", "-c", code)
    match = re.search(rf"^{marker} (.+)$", output, re.MULTILINE)
    assert match, output[-2000:]
    return match.group(1)


def test_the_bench_residents_cookie_logs_them_in(server):
    """make bench's logged-in mode: the session bench/residents.py writes (no login form) is a
    login to the server, as wrk sends it."""
    cookie = _printed(
        server,
        "from bench import residents; "
        "print('COOKIE', residents.session_cookie(residents.ensure_resident()))",
        "COOKIE",
    )

    anonymous = fetch(server.port, "/konto/")
    logged_in = fetch(server.port, "/konto/", headers={"Cookie": cookie})

    assert anonymous.status == 302
    assert logged_in.status == 200
    assert residents.EMAIL in html_of(logged_in)


def test_a_prepared_booking_post_books_its_slot(server):
    """The booking benchmarks' requests (bench/peak.py): the form's CSRF cookie and token and the
    solved challenge, sent as wrk sends them, book the slot."""
    line = _printed(
        server,
        "from bench import peak; "
        "kind, places = peak.free_places(1); "
        "slot, day = places[0]; "
        f"port = {server.port}; "
        "record = peak.booking_record(port, peak.details_path(kind, day), slot, 1, 'pt'); "
        "print('RECORD', record.line())",
        "RECORD",
    )
    kind, method, path, header_lines, body = line.split("\t")
    headers = dict(header.split(": ", 1) for header in header_lines.split("\x1f"))

    response = fetch(server.port, path, method=method, headers=headers, body=body.encode())

    assert kind == "book"
    assert response.status == 302, html_of(response)[:2000]
    assert response.header("Location").startswith("/termine/gebucht/")
    overbooked = _printed(
        server,
        "from bench import peak; "
        "from appointments.models import Booking; "
        "print('CHECK', peak.overbooked(), Booking.objects.filter(email='peak-pt-1@example.org')"
        ".count())",
        "CHECK",
    )
    assert overbooked == ("{'slots_taken_over_capacity': 0, 'slots_held_over_capacity': 0} 1")

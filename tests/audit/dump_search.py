"""Test helpers that look at the whole database from outside, as an attacker with a backup would.

- :func:`dump_database` — ``pg_dump`` of the test database (plain SQL, data only);
- :func:`search_dump` — which of some strings occur in that dump (case-insensitive), and where;
- :func:`join_paths` — data-use events that still point to a surviving row of a person;
- :func:`backup_database` / :func:`restored_database` — a custom-format backup, and a restore of
  it into a new database that the test's connection uses for a while.

They read committed data only (another process runs ``pg_dump``): use them with the
``committed_db`` fixture (tests/audit/conftest.py).
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from munich_portal.audit.models import DataUseEvent
from munich_portal.audit.registry import declaration_for
from tests.audit.conftest import pg_binary


def _server_arguments() -> list[str]:
    settings = connection.settings_dict
    return [
        "--host",
        str(settings["HOST"]),
        "--port",
        str(settings["PORT"]),
        "--username",
        settings["USER"],
    ]


def dump_database(database: str | None = None) -> str:
    """The data of every table of ``database`` (default: the connection's) as plain SQL."""
    result = subprocess.run(
        [
            pg_binary("pg_dump"),
            "--data-only",
            "--no-owner",
            *_server_arguments(),
            database or connection.settings_dict["NAME"],
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout


def search_dump(strings: Iterable[str], dump: str | None = None) -> dict[str, list[str]]:
    """``{string: [lines of the dump containing it]}`` for the strings found (case-insensitive).

    Also looks for the JSON-escaped form of non-ASCII strings (``Zwiebelh\\u00fcber``), as JSON
    columns and the admin log store them.
    """
    lines = (dump if dump is not None else dump_database()).splitlines()
    folded = [line.casefold() for line in lines]
    found: dict[str, list[str]] = {}
    for string in strings:
        forms = {string.casefold()}
        escaped = string.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")
        forms.add(escaped.casefold())
        hits = [lines[i] for i, line in enumerate(folded) if any(form in line for form in forms)]
        if hits:
            found[string] = hits
    return found


@dataclass(frozen=True)
class JoinPath:
    """An event that names a row of the person that still exists."""

    seq: int
    record_type: str
    record_id: str
    #: The row still leads to the person: its subject path gives their user id.
    links_user: bool
    #: The row still holds personal data (its declaration's personal fields are not anonymised).
    personal: bool


def join_paths(records: dict[str, list], user_id: int | None = None) -> list[JoinPath]:
    """Events whose ``record_type``/``record_id`` point to a surviving row of ``records``.

    ``records`` maps declaration labels to the primary keys the person's rows had *before* the
    erasure (``declaration.rows_for(user)``). For deleted rows there is no path. A surviving row
    (anonymised and kept, e.g. for statistics) is a path; whether it leads anywhere says
    ``links_user`` (still related to ``user_id``) and ``personal`` (still holds personal data).
    """
    paths = []
    for label, pks in records.items():
        declaration = declaration_for(label)
        if declaration is None or not pks:
            continue
        rows = declaration.model._base_manager.filter(pk__in=pks)
        surviving = {str(pk): pk for pk in rows.values_list("pk", flat=True)}
        if not surviving:
            continue
        personal_q = declaration.not_yet_anonymised_q()
        personal = (
            set(map(str, rows.filter(personal_q).values_list("pk", flat=True)))
            if personal_q is not None
            else set(surviving)
        )
        path = declaration.subject_id_path()
        linked = set()
        if path and user_id is not None:
            linked = set(map(str, rows.filter(**{path: user_id}).values_list("pk", flat=True)))
        events = DataUseEvent.objects.filter(record_type=label, record_id__in=list(surviving))
        for seq, record_id in events.values_list("seq", "record_id"):
            paths.append(
                JoinPath(seq, label, record_id, record_id in linked, record_id in personal)
            )
    return paths


def backup_database(target: Path) -> Path:
    """A ``pg_dump --format=custom`` backup of the connection's database (schema and data)."""
    subprocess.run(
        [
            pg_binary("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--file",
            str(target),
            *_server_arguments(),
            connection.settings_dict["NAME"],
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target


@contextlib.contextmanager
def restored_database(backup: Path) -> Iterator[str]:
    """Restore ``backup`` into a new database and point the connection at it while inside.

    The original database stays as it is; the restored one is dropped afterwards.
    """
    settings = connection.settings_dict
    original = settings["NAME"]
    name = f"{original}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        subprocess.run(
            [
                pg_binary("pg_restore"),
                "--no-owner",
                *_server_arguments(),
                "--dbname",
                name,
                str(backup),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        connection.close()
        settings["NAME"] = name
        yield name
    finally:
        connection.close()
        settings["NAME"] = original
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')

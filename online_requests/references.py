"""Reference numbers of submitted requests: ``A-2026-000123-4``.

"A" (Antrag) tells them apart from printed participation forms; then the year of submission, a
serial of at least six digits from a PostgreSQL sequence (no two requests share one, whatever
runs in parallel) and a Damm check digit over year and serial. The check digit is the one of the
printed participation forms (:mod:`munich_portal.core.numbers`): it catches every single
mistyped digit and every swap of two neighbouring digits when a resident reads the number out on
the phone or types it into a search.
"""

from __future__ import annotations

import re

from django.db import connection

from munich_portal.core.numbers import InvalidFormNumber, make_number
from munich_portal.core.numbers import parse as parse_number
from online_requests.models import REQUEST_SERIAL_SEQUENCE

__all__ = ["PREFIX", "is_valid", "new_reference", "normalise"]

PREFIX = "A"
_PREFIX = re.compile(r"^\s*A[\s\-]*", re.IGNORECASE)


def new_reference(*, year: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [REQUEST_SERIAL_SEQUENCE])
        (serial,) = cursor.fetchone()
    return f"{PREFIX}-{make_number(year=year, serial=serial).printed}"


def normalise(value: str) -> str | None:
    """A typed reference in its printed form (``a 2026 000123 4`` → ``A-2026-000123-4``), or
    ``None`` when it cannot be one (wrong format or check digit)."""
    try:
        number = parse_number(_PREFIX.sub("", value or ""))
    except InvalidFormNumber:
        return None
    return f"{PREFIX}-{number.printed}"


def is_valid(value: str) -> bool:
    return normalise(value) == value

"""The reader of the demo data files: YAML under ``demo/`` at the project root, one folder per app.

The demo loaders (``*/demo.py``, run by ``manage.py loaddemo``) read their content through
:func:`load_yaml`; the files hold only data, the loaders the logic (dates relative to the day of
loading, idempotency). German/English texts are ``{de: ..., en: ...}`` mappings, read with
:func:`de` and :func:`en`. See docs/demo-data.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

#: Every file :func:`load_yaml` has read in this process (relative names), for the test that
#: checks no file under ``demo/`` is left unread.
READ_FILES: set[str] = set()


def demo_dir() -> Path:
    return Path(settings.BASE_DIR) / "demo"


def load_yaml(name: str) -> Any:
    """The data of ``demo/<name>`` (e.g. ``"services/catalogue-buerger.yaml"``)."""
    path = demo_dir() / name
    with path.open(encoding="utf-8") as file:
        data = yaml.safe_load(file)
    READ_FILES.add(name)
    return data


def time_of_day(value: str | dt.time) -> dt.time:
    """A time written ``'HH:MM'`` (quoted: YAML 1.1 reads an unquoted ``12:00`` as the number
    720, and that is an error here rather than a wrong time)."""
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise ValueError(f"A time in demo/ must be quoted, e.g. '12:00', not {value!r}.")
    return dt.time.fromisoformat(value)


def de(text: dict | None) -> str:
    """The German text of a ``{de: ..., en: ...}`` mapping ("" when missing)."""
    return (text or {}).get("de") or ""


def en(text: dict | None) -> str:
    """The English text of a ``{de: ..., en: ...}`` mapping ("" when missing)."""
    return (text or {}).get("en") or ""

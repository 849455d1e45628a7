"""The participation figures as open data (CSV and JSON): aggregates only, small counts withheld.

One record per process, district (or all districts), channel (or all channels) and measure, from
the same protected tables the results page shows (:mod:`results.suppression`): a
count from 1 to 4 is published as an empty value (JSON ``null``) with ``withheld = "small"``, a
count withheld so that a total does not give a small one away has ``withheld = "secondary"``.
No record names or describes a person. Licence: the portal's open data licence (dl-de/by-2-0).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from munich_portal.core.opendata import LICENCE
from participation.models import Process
from results import statistics
from results.suppression import THRESHOLD

__all__ = ["COLUMNS", "csv_text", "json_text", "records"]

COLUMNS: list[tuple[str, object]] = [
    ("process", _("identifier of the process (as in its address)")),
    ("process_title", _("title of the process, German")),
    ("district_number", _("city district 1 to 25; 0: no district; empty: all districts")),
    ("district_name", _("name of the city district")),
    ("channel", _("online, paper, phone, on_site; empty: all channels")),
    (
        "measure",
        _("registrations, attendance (checked in), ideas, comments or supports"),
    ),
    ("value", _("the count; empty (JSON: null) when withheld")),
    (
        "withheld",
        _(
            "empty; small: a count from 1 to 4; secondary: withheld so that a total does not "
            "reveal a small count"
        ),
    ),
]
COLUMN_NAMES = [name for name, _description in COLUMNS]


def records(processes: Iterable[Process]) -> Iterator[dict]:
    """The published figures of ``processes`` as flat records (four queries for all of them)."""
    processes = list(processes)
    figures = statistics.figures_for(process.pk for process in processes)
    for process in processes:
        tables = statistics.published(figures[process.pk])
        for district, channel, measure, cell in tables.rows():
            yield {
                "process": process.slug,
                "process_title": process.title_de,
                "district_number": None if district is None else district.number,
                "district_name": "" if district is None or not district.number else district.name,
                "channel": channel or "",
                "measure": measure,
                "value": cell.value,
                "withheld": cell.suppressed,
            }


def csv_text(rows: Iterable[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue()


def json_text(rows: Iterable[dict]) -> str:
    return json.dumps(
        {
            "licence": LICENCE,
            "threshold": THRESHOLD,
            "note": (
                "Counts from 1 to 4 are withheld (value null, withheld 'small'); where a total "
                "would reveal one, another count is withheld too (withheld 'secondary')."
            ),
            "records": list(rows),
        },
        ensure_ascii=False,
        indent=1,
    )

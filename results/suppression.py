"""Statistical disclosure control for the published participation figures.

A figure about a handful of people can point to them ("the two phone contributions from
Aubing"), so every table the portal publishes — on the results page and as open data — goes
through :func:`protect` first:

- **Primary suppression:** a count from 1 to ``THRESHOLD - 1`` (1 to 4) is shown as "<5" and
  published as ``null`` with the flag ``"small"``. Zero is shown: it is about nobody.
- **Secondary suppression:** a table is published with its totals (per row, per column, overall).
  Where a line (a row or a column with its total) has exactly one withheld entry, the total would
  give it away (total minus the others), so a second entry of that line is withheld too — the
  smallest non-zero count, else the total, else a zero — flagged ``"secondary"`` and shown as
  "x". This repeats until no line has exactly one withheld entry.

The tests (tests/results/test_suppression.py) check with generated tables that no
count from 1 to 4 is ever published and that no line is left with a single withheld entry.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["SECONDARY", "SMALL", "THRESHOLD", "TOTAL", "Cell", "ProtectedTable", "protect"]

#: Counts below this (and above zero) are never published.
THRESHOLD = 5
SMALL = "small"
SECONDARY = "secondary"
#: The key of the totals row and column.
TOTAL = "total"


@dataclass(frozen=True)
class Cell:
    """A published figure: its value, or ``None`` with the reason it is withheld."""

    value: int | None
    suppressed: str = ""  # "", SMALL or SECONDARY

    @property
    def display(self) -> str:
        if self.suppressed == SMALL:
            return f"<{THRESHOLD}"
        if self.suppressed == SECONDARY:
            return "x"
        return str(self.value)

    @property
    def is_suppressed(self) -> bool:
        return bool(self.suppressed)


@dataclass
class ProtectedTable:
    """A table of counts with row and column totals, safe to publish."""

    rows: list
    columns: list
    cells: dict[tuple, Cell]

    def cell(self, row, column) -> Cell:
        return self.cells[(row, column)]

    def row(self, row) -> list[Cell]:
        return [self.cells[(row, column)] for column in [*self.columns, TOTAL]]

    def column_totals(self) -> list[Cell]:
        return self.row(TOTAL)

    def total(self) -> Cell:
        return self.cells[(TOTAL, TOTAL)]


def _lines(rows: Sequence, columns: Sequence) -> list[tuple[list[tuple], tuple]]:
    """Every line as (its inner keys, the key of its total)."""
    lines = [([(row, column) for column in columns], (row, TOTAL)) for row in rows]
    lines += [([(row, column) for row in rows], (TOTAL, column)) for column in columns]
    lines.append(([(TOTAL, column) for column in columns], (TOTAL, TOTAL)))
    lines.append(([(row, TOTAL) for row in rows], (TOTAL, TOTAL)))
    return lines


def protect(
    counts: dict[tuple[Hashable, Hashable], int],
    rows: Iterable[Hashable],
    columns: Iterable[Hashable],
    *,
    threshold: int = THRESHOLD,
) -> ProtectedTable:
    """The table of ``counts`` (missing cells are 0) with totals, small counts withheld."""
    rows, columns = list(rows), list(columns)
    values: dict[tuple, int] = {}
    for row in rows:
        for column in columns:
            values[(row, column)] = int(counts.get((row, column), 0))
        values[(row, TOTAL)] = sum(values[(row, column)] for column in columns)
    for column in columns:
        values[(TOTAL, column)] = sum(values[(row, column)] for row in rows)
    values[(TOTAL, TOTAL)] = sum(values[(row, TOTAL)] for row in rows)

    flags: dict[tuple, str] = {key: SMALL for key, value in values.items() if 0 < value < threshold}
    lines = _lines(rows, columns)
    changed = True
    while changed:
        changed = False
        for inner, total in lines:
            members = [*inner, total]
            if sum(1 for key in members if key in flags) != 1:
                continue
            open_inner = [key for key in inner if key not in flags]
            nonzero = sorted(
                (key for key in open_inner if values[key] > 0), key=lambda key: values[key]
            )
            zero = [key for key in open_inner if values[key] == 0]
            candidates = [*nonzero, *([total] if total not in flags else []), *zero]
            if candidates:
                flags[candidates[0]] = SECONDARY
                changed = True
    cells = {
        key: Cell(None, flags[key]) if key in flags else Cell(value)
        for key, value in values.items()
    }
    return ProtectedTable(rows=rows, columns=columns, cells=cells)

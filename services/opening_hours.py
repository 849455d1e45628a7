"""Opening hours as data: is an office open at a moment, when does that change, what is the week.

Hours are wall-clock times in Munich (Europe/Berlin), whatever the server's time zone: an office
that opens at 08:00 opens at 08:00 local time on the days the clocks change, too. Exceptions for
a date (holidays, closing days, other hours) replace that day's regular hours; one exception
marked closed closes the whole day.

Pure functions over already loaded rows: the pages prefetch hours and exceptions once, so the
number of database queries does not grow with the number of offices.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from munich_portal.core.timezone import MUNICH

# How far ahead "next opening" looks; beyond that an office counts as closed until further notice.
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True, order=True)
class Interval:
    opens: dt.time
    closes: dt.time

    def contains(self, moment: dt.time) -> bool:
        return self.opens <= moment < self.closes


@dataclass(frozen=True)
class DayException:
    date: dt.date
    closed: bool
    intervals: tuple[Interval, ...]
    note_de: str = ""
    note_en: str = ""

    @property
    def note(self) -> str:
        """The note in the active language (German when there is no English one)."""
        from django.utils.translation import get_language

        if (get_language() or "de").startswith("en") and self.note_en:
            return self.note_en
        return self.note_de


@dataclass(frozen=True)
class OpenStatus:
    """What "open now" says: open until ``closes_at``, or closed until ``opens_at`` (if known)."""

    is_open: bool
    closes_at: dt.datetime | None = None
    opens_at: dt.datetime | None = None
    note: str = ""


@dataclass
class Schedule:
    """The regular week and the exceptions of one office."""

    regular: dict[int, list[Interval]] = field(default_factory=dict)
    exceptions: dict[dt.date, DayException] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, hours: Iterable, exceptions: Iterable = ()) -> Schedule:
        """Build from OpeningHours / OpeningException rows (or objects with the same fields)."""
        regular: dict[int, list[Interval]] = defaultdict(list)
        for row in hours:
            regular[row.weekday].append(Interval(row.opens, row.closes))
        by_date: dict[dt.date, list] = defaultdict(list)
        for row in exceptions:
            by_date[row.date].append(row)
        days = {}
        for date, rows in by_date.items():
            closed = any(row.closed for row in rows)
            intervals = (
                () if closed else tuple(sorted(Interval(row.opens, row.closes) for row in rows))
            )
            noted = next((row for row in rows if getattr(row, "note_de", "")), None)
            days[date] = DayException(
                date=date,
                closed=closed,
                intervals=intervals,
                note_de=getattr(noted, "note_de", "") or "",
                note_en=getattr(noted, "note_en", "") or "",
            )
        return cls(
            regular={day: sorted(intervals) for day, intervals in regular.items()},
            exceptions=days,
        )

    def intervals_on(self, day: dt.date) -> tuple[Interval, ...]:
        exception = self.exceptions.get(day)
        if exception is not None:
            return exception.intervals
        return tuple(self.regular.get(day.weekday(), ()))

    def status_at(self, moment: dt.datetime | None = None) -> OpenStatus:
        """Open or closed at ``moment`` (default: now), with the next change."""
        local = _local(moment)
        today = local.date()
        wall = local.time().replace(tzinfo=None)
        note = self.exceptions[today].note if today in self.exceptions else ""
        for interval in self.intervals_on(today):
            if interval.contains(wall):
                return OpenStatus(is_open=True, closes_at=_aware(today, interval.closes), note=note)
        return OpenStatus(is_open=False, opens_at=self.next_opening(local), note=note)

    def next_opening(self, moment: dt.datetime | None = None) -> dt.datetime | None:
        """The next time the office opens after ``moment``, within :data:`LOOKAHEAD_DAYS`."""
        local = _local(moment)
        for offset in range(LOOKAHEAD_DAYS + 1):
            day = local.date() + dt.timedelta(days=offset)
            for interval in self.intervals_on(day):
                opens = _aware(day, interval.opens)
                if opens > local:
                    return opens
        return None

    def next_change(self, moment: dt.datetime | None = None) -> dt.datetime | None:
        """The next moment "open now" may change (an opening or closing time, or midnight)."""
        local = _local(moment)
        candidates = [_aware(local.date() + dt.timedelta(days=1), dt.time(0, 0))]
        for offset in (0, 1):
            day = local.date() + dt.timedelta(days=offset)
            for interval in self.intervals_on(day):
                for boundary in (interval.opens, interval.closes):
                    when = _aware(day, boundary)
                    if when > local:
                        candidates.append(when)
        return min(candidates)

    def week(self) -> list[tuple[int, tuple[Interval, ...]]]:
        """The regular week, Monday first: (weekday, intervals)."""
        return [(day, tuple(self.regular.get(day, ()))) for day in range(7)]

    def upcoming_exceptions(
        self, moment: dt.datetime | None = None, *, days: int = 56
    ) -> list[DayException]:
        """Exceptions from today on for the next ``days`` days, in date order."""
        start = _local(moment).date()
        end = start + dt.timedelta(days=days)
        return [self.exceptions[day] for day in sorted(self.exceptions) if start <= day <= end]

    def osm_opening_hours(self) -> str:
        """The regular week in OpenStreetMap's opening_hours syntax: "Mo 08:00-12:00; Tu ..."."""
        names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        parts = []
        for day, intervals in self.week():
            if intervals:
                spans = ",".join(f"{i.opens:%H:%M}-{i.closes:%H:%M}" for i in intervals)
                parts.append(f"{names[day]} {spans}")
        return "; ".join(parts)


def _local(moment: dt.datetime | None) -> dt.datetime:
    moment = moment or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("status_at needs an aware datetime")
    return moment.astimezone(MUNICH)


def _aware(day: dt.date, wall: dt.time) -> dt.datetime:
    # zoneinfo resolves wall-clock times on the days the clocks change (fold=0: the first one).
    return dt.datetime.combine(day, wall, tzinfo=MUNICH)

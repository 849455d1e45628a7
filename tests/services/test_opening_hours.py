"""Opening hours: "open now" in Munich time, exceptions, and the days the clocks change.

Real dates: summer time starts on 29 March 2026 and 28 March 2027 (02:00 → 03:00) and ends on
25 October 2026 (03:00 → 02:00). Moments are given in UTC, as the server sees them.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import translation

from munich_portal.core.timezone import MUNICH
from services.opening_hours import Schedule

UTC = dt.UTC


def hours(*rows):
    return [
        SimpleNamespace(weekday=day, opens=dt.time(*opens), closes=dt.time(*closes))
        for day, opens, closes in rows
    ]


def exception(date, *, closed=True, opens=None, closes=None, note_de="", note_en=""):
    return SimpleNamespace(
        date=date,
        closed=closed,
        opens=dt.time(*opens) if opens else None,
        closes=dt.time(*closes) if closes else None,
        note_de=note_de,
        note_en=note_en,
    )


WEEKDAYS = hours(*[(day, (8, 0), (12, 0)) for day in range(5)], (3, (14, 0), (18, 0)))


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        # Monday 7 December 2026, winter time (UTC+1)
        (utc(2026, 12, 7, 6, 59, 59), False),  # 07:59:59 local
        (utc(2026, 12, 7, 7, 0, 0), True),  # 08:00 local: opening time counts as open
        (utc(2026, 12, 7, 10, 59, 59), True),  # 11:59:59 local
        (utc(2026, 12, 7, 11, 0, 0), False),  # 12:00 local: closing time counts as closed
        # Thursday 10 December 2026: closed over lunch, open again in the afternoon
        (utc(2026, 12, 10, 12, 0), False),  # 13:00 local
        (utc(2026, 12, 10, 13, 0), True),  # 14:00 local
        (utc(2026, 12, 10, 16, 59), True),  # 17:59 local
        (utc(2026, 12, 10, 17, 0), False),  # 18:00 local
        # Saturday
        (utc(2026, 12, 12, 9, 0), False),
        # Monday 6 July 2026, summer time (UTC+2): 08:00 local is 06:00 UTC
        (utc(2026, 7, 6, 5, 59), False),
        (utc(2026, 7, 6, 6, 0), True),
        (utc(2026, 7, 6, 9, 59), True),
        (utc(2026, 7, 6, 10, 0), False),
    ],
)
def test_open_now_follows_munich_wall_clock(moment, is_open):
    """Opening hours are local times in Munich, in summer and in winter."""
    assert Schedule.from_rows(WEEKDAYS).status_at(moment).is_open is is_open


SUNDAY = hours((6, (9, 0), (12, 0)))


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        # 25 October 2026: clocks go back at 03:00 CEST to 02:00 CET; 09:00 local is 08:00 UTC
        (utc(2026, 10, 25, 7, 30), False),  # 08:30 local
        (utc(2026, 10, 25, 8, 0), True),  # 09:00 local
        (utc(2026, 10, 25, 10, 59), True),  # 11:59 local
        (utc(2026, 10, 25, 11, 0), False),  # 12:00 local
        # the Sunday before, still summer time: 09:00 local is 07:00 UTC
        (utc(2026, 10, 18, 7, 0), True),
        (utc(2026, 10, 18, 10, 0), False),
        # 28 March 2027: clocks go forward at 02:00 CET to 03:00 CEST; 09:00 local is 07:00 UTC
        (utc(2027, 3, 28, 6, 30), False),  # 08:30 local
        (utc(2027, 3, 28, 7, 0), True),  # 09:00 local
        (utc(2027, 3, 28, 9, 59), True),  # 11:59 local
        (utc(2027, 3, 28, 10, 0), False),  # 12:00 local
        # the Sunday before, still winter time: 09:00 local is 08:00 UTC
        (utc(2027, 3, 21, 7, 30), False),
        (utc(2027, 3, 21, 8, 0), True),
        # 29 March 2026, the same change a year earlier
        (utc(2026, 3, 29, 7, 0), True),
        (utc(2026, 3, 29, 6, 59), False),
    ],
)
def test_open_now_on_the_days_the_clocks_change(moment, is_open):
    """On both switch days "open now" still follows the local clock."""
    assert Schedule.from_rows(SUNDAY).status_at(moment).is_open is is_open


def test_closing_time_on_a_switch_day_is_given_in_local_time():
    """The closing time is 12:00 local on the autumn switch day, which is 11:00 UTC."""
    status = Schedule.from_rows(SUNDAY).status_at(utc(2026, 10, 25, 9, 0))
    assert status.closes_at.astimezone(MUNICH).time() == dt.time(12, 0)
    assert status.closes_at.astimezone(UTC) == utc(2026, 10, 25, 11, 0)


def test_next_opening_across_the_spring_switch():
    """Closed on Saturday 27 March 2027; next opening Sunday 09:00 CEST = 07:00 UTC."""
    status = Schedule.from_rows(SUNDAY).status_at(utc(2027, 3, 27, 12, 0))
    assert status.is_open is False
    assert status.opens_at.astimezone(UTC) == utc(2027, 3, 28, 7, 0)


def test_closed_day_exception_overrides_regular_hours():
    """Thursday 24 December 2026 is closed although Thursdays have hours."""
    schedule = Schedule.from_rows(
        WEEKDAYS,
        [
            exception(dt.date(2026, 12, 24), note_de="Heiligabend", note_en="Christmas Eve"),
            exception(dt.date(2026, 12, 25)),
        ],
    )
    with translation.override("de"):
        status = schedule.status_at(utc(2026, 12, 24, 9, 0))
    assert status.is_open is False
    assert status.note == "Heiligabend"
    with translation.override("en"):
        assert schedule.status_at(utc(2026, 12, 24, 9, 0)).note == "Christmas Eve"
    # the 25th is closed too, the 26th and 27th are a weekend: Monday 28th at 08:00
    assert status.opens_at.astimezone(MUNICH) == dt.datetime(2026, 12, 28, 8, 0, tzinfo=MUNICH)


def test_exception_with_other_hours_replaces_the_day():
    """On 31 December 2026 the office opens only 08:00 to 10:00 (and not in the afternoon)."""
    schedule = Schedule.from_rows(
        WEEKDAYS, [exception(dt.date(2026, 12, 31), closed=False, opens=(8, 0), closes=(10, 0))]
    )
    assert schedule.status_at(utc(2026, 12, 31, 8, 30)).is_open is True  # 09:30 local
    assert schedule.status_at(utc(2026, 12, 31, 9, 30)).is_open is False  # 10:30 local
    assert schedule.status_at(utc(2026, 12, 31, 13, 30)).is_open is False  # 14:30 local


def test_exception_on_a_usually_closed_day_opens_it():
    """A Saturday opening (e.g. before an election) is an exception with hours."""
    schedule = Schedule.from_rows(
        WEEKDAYS, [exception(dt.date(2026, 12, 12), closed=False, opens=(9, 0), closes=(13, 0))]
    )
    assert schedule.status_at(utc(2026, 12, 12, 9, 0)).is_open is True


def test_closed_row_wins_over_hours_on_the_same_date():
    schedule = Schedule.from_rows(
        WEEKDAYS,
        [
            exception(dt.date(2026, 12, 7), closed=False, opens=(8, 0), closes=(9, 0)),
            exception(dt.date(2026, 12, 7)),
        ],
    )
    assert schedule.status_at(utc(2026, 12, 7, 7, 30)).is_open is False


def test_next_opening_later_the_same_day():
    """Thursday over lunch: opens again at 14:00 today."""
    status = Schedule.from_rows(WEEKDAYS).status_at(utc(2026, 12, 10, 12, 0))
    assert status.opens_at.astimezone(MUNICH) == dt.datetime(2026, 12, 10, 14, 0, tzinfo=MUNICH)


def test_no_hours_means_closed_without_next_opening():
    status = Schedule.from_rows([]).status_at(utc(2026, 12, 7, 9, 0))
    assert status.is_open is False
    assert status.opens_at is None


def test_next_change_is_the_next_boundary_or_midnight():
    """Pages showing "open now" expire at the next opening, closing or midnight."""
    schedule = Schedule.from_rows(WEEKDAYS)
    assert schedule.next_change(utc(2026, 12, 7, 8, 0)) == dt.datetime(
        2026, 12, 7, 12, 0, tzinfo=MUNICH
    )
    assert schedule.next_change(utc(2026, 12, 7, 18, 0)) == dt.datetime(
        2026, 12, 8, 0, 0, tzinfo=MUNICH
    )


def test_upcoming_exceptions_lists_the_next_weeks_only():
    schedule = Schedule.from_rows(
        WEEKDAYS,
        [
            exception(dt.date(2026, 12, 1)),
            exception(dt.date(2026, 12, 24)),
            exception(dt.date(2027, 6, 1)),
        ],
    )
    upcoming = schedule.upcoming_exceptions(utc(2026, 12, 7, 9, 0))
    assert [day.date for day in upcoming] == [dt.date(2026, 12, 24)]


def test_week_and_openstreetmap_syntax():
    schedule = Schedule.from_rows(WEEKDAYS)
    assert [len(intervals) for _day, intervals in schedule.week()] == [1, 1, 1, 2, 1, 0, 0]
    assert schedule.osm_opening_hours() == (
        "Mo 08:00-12:00; Tu 08:00-12:00; We 08:00-12:00; Th 08:00-12:00,14:00-18:00; Fr 08:00-12:00"
    )


def test_naive_moments_are_refused():
    with pytest.raises(ValueError, match="aware"):
        Schedule.from_rows(WEEKDAYS).status_at(dt.datetime(2026, 12, 7, 9, 0))

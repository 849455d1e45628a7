"""The city's time zone: dates residents see are Munich dates, whatever the server's zone."""

import datetime as dt
from calendar import monthrange
from zoneinfo import ZoneInfo

from django.utils import timezone

__all__ = ["MUNICH", "add_months", "today_in_munich"]

MUNICH = ZoneInfo("Europe/Berlin")


def today_in_munich(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Munich (or the date of ``now`` there)."""
    return timezone.localtime(now or timezone.now(), MUNICH).date()


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 31 January plus one month is 28/29 February
    (deadlines of one month: barrier reports, rights requests)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))

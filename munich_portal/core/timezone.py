"""The city's time zone: dates residents see are Munich dates, whatever the server's zone."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

__all__ = ["MUNICH", "today_in_munich"]

MUNICH = ZoneInfo("Europe/Berlin")


def today_in_munich(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Munich (or the date of ``now`` there)."""
    return timezone.localtime(now or timezone.now(), MUNICH).date()

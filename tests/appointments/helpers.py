"""Helpers of the appointment tests that watch caches: count a function's calls, hold the minute
the booking pages are kept for, book like another server process."""

import datetime as dt
import threading

from django.db import connection
from django.utils import timezone

from appointments import actions, views
from appointments.models import Slot


def count_calls(monkeypatch, module, name: str) -> list[int]:
    """A list that grows by one with every call of ``module.name`` (which still runs)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def hold_the_minute(monkeypatch) -> None:
    """The booking pages keep their fragments and cached copies until the end of the current
    minute (``views._this_minute``): a test counting renders whose requests straddle a minute's
    end would count one more (CI saw it on a loaded machine). Here the minute ends ten minutes
    after the test starts."""
    until = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=10)
    monkeypatch.setattr(views, "_this_minute", lambda: (timezone.now(), until))


def book_from_another_connection(slot_pk: int) -> None:
    """Book like another server process: its own thread, its own database connection."""
    outcome = []

    def book():
        try:
            outcome.append(actions.book(slot=Slot.objects.get(pk=slot_pk), name="Anna",
                                        email="anna@example.org"))  # fmt: skip
        finally:
            connection.close()

    thread = threading.Thread(target=book)
    thread.start()
    thread.join()
    assert outcome, "the booking failed"

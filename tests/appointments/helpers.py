"""Helpers of the appointment tests that watch caches: count a function's calls, book like another
server process."""

import threading

from django.db import connection

from appointments import actions
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

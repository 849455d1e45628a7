"""Never overbooked: many simultaneous bookings for the last places of a slot, from threads with
their own PostgreSQL connections, released together by a barrier. Exactly the free places are
booked; everyone else gets ``SlotFull`` (the page's clear message); nothing else fails."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from appointments import actions
from appointments.models import Booking, Slot
from tests.appointments.factories import SlotFactory
from tests.factories import UserFactory

THREADS = 24


def _fire(slot_id: int, jobs: list[dict]) -> tuple[list, list, list]:
    barrier = threading.Barrier(len(jobs))
    booked, refused, errors = [], [], []
    lock = threading.Lock()

    def one(job):
        try:
            slot = Slot.objects.get(pk=slot_id)
            barrier.wait(timeout=30)
            booking = actions.book(slot=slot, **job)
            with lock:
                booked.append(booking.pk)
        except actions.SlotFull:
            with lock:
                refused.append(job["name"])
        except Exception as error:  # every other failure is a finding
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        list(pool.map(one, jobs))
    return booked, refused, errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_bookings_fill_exactly_the_last_places():
    """5 places, 2 taken; 24 bookings at once (guests, verified residents, clerks): exactly 3
    booked, 21 refused with SlotFull, no errors, the counter equals the bookings holding a place."""
    slot = SlotFactory(capacity=5)
    for n in range(2):
        actions.book(slot=slot, name=f"Early {n}", email=f"early{n}@example.org")
    users = [UserFactory() for _ in range(6)]
    jobs = []
    for n in range(THREADS):
        if n % 4 == 0:
            jobs.append({"name": f"Caller {n}", "channel": "phone"})
        elif n % 4 == 1 and users:
            user = users.pop()
            jobs.append({"name": f"R {n}", "email": user.email, "user": user, "verified": True})
        else:
            jobs.append({"name": f"Guest {n}", "email": f"guest{n}@example.org"})

    booked, refused, errors = _fire(slot.pk, jobs)

    assert errors == []
    assert len(booked) == 3
    assert len(refused) == THREADS - 3
    slot.refresh_from_db()
    assert slot.taken == slot.capacity == 5
    assert Booking.objects.filter(slot=slot, occupies_place=True).count() == 5


@pytest.mark.django_db(transaction=True)
def test_simultaneous_bookings_of_one_address_respect_the_per_person_limit(settings):
    """The same e-mail address books 10 different slots at once with a limit of 2: the advisory
    lock on the person lets exactly 2 through."""
    settings.APPOINTMENTS_MAX_OPEN_PER_PERSON = 2
    first = SlotFactory(capacity=20)
    slots = [first] + [SlotFactory(appointment_type=first.appointment_type) for _ in range(9)]
    barrier = threading.Barrier(len(slots))
    outcomes, lock = [], threading.Lock()

    def one(slot_id):
        try:
            slot = Slot.objects.get(pk=slot_id)
            barrier.wait(timeout=30)
            actions.book(slot=slot, name="Bulk", email="bulk@example.org")
            result = "booked"
        except actions.TooManyOpen:
            result = "limited"
        except Exception as error:
            result = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    with ThreadPoolExecutor(max_workers=len(slots)) as pool:
        list(pool.map(one, [s.pk for s in slots]))
    assert sorted(outcomes) == ["booked"] * 2 + ["limited"] * 8

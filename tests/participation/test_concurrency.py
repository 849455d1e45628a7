"""One capacity for every channel, enforced by the database under simultaneous registrations.

Threads with their own database connections register at once (a barrier releases them together)
for the last places of an event, online and clerk entries (channel "paper") mixed. Exactly the
capacity is confirmed, the rest waitlisted, and no registration fails.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.models import Sum

from participation import actions
from participation.models import Event, Registration, RegistrationStatus
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, person

# Each thread holds a connection of the shared test server; stay well below max_connections.
THREADS = 24


def _fire(event_id: int, jobs: list[dict]) -> tuple[list, list]:
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []
    lock = threading.Lock()

    def one(job):
        try:
            event = Event.objects.get(pk=event_id)
            barrier.wait(timeout=30)
            registration = actions.register(
                event=event,
                channel=job["channel"],
                person=person(job["n"]),
                number_of_people=job.get("people", 1),
                access_needs=[],
                consent_version="2026-11",
                form_number=job.get("form_number"),
                user=job.get("user"),
            )
            with lock:
                results.append(registration.status)
        except Exception as error:  # every failure is a finding
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        list(pool.map(one, jobs))
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_of_both_channels_fill_exactly_the_last_places():
    """20 places, 16 taken; 24 registrations at once (online with and without account, paper):
    exactly 4 confirmed, 20 waitlisted, no errors, the counter equals the confirmed people."""
    event = EventFactory(capacity=20)
    for n in range(16):
        actions.register(
            event=event,
            channel="online",
            person=person(1000 + n),
            number_of_people=1,
            access_needs=[],
            consent_version="2026-11",
        )
    users = [UserFactory() for _ in range(4)]
    jobs = []
    for n in range(THREADS):
        if n % 3 == 0:
            jobs.append({"n": n, "channel": "paper", "form_number": f"{20000000000 + n}"})
        elif n % 3 == 1 and users:
            jobs.append({"n": n, "channel": "online", "user": users.pop()})
        else:
            jobs.append({"n": n, "channel": "online"})

    statuses, errors = _fire(event.pk, jobs)

    assert errors == []
    assert statuses.count(RegistrationStatus.CONFIRMED) == 4
    assert statuses.count(RegistrationStatus.WAITLISTED) == THREADS - 4
    event.refresh_from_db()
    assert event.confirmed_places == event.capacity == 20
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    assert confirmed.aggregate(people=Sum("number_of_people"))["people"] == 20


@pytest.mark.django_db(transaction=True)
def test_simultaneous_groups_never_overbook_and_the_counter_stays_true():
    """Groups of 1 to 4 people at once for 10 places: never more than 10 people confirmed, and
    ``confirmed_places`` is exactly the sum of the confirmed registrations' people."""
    event = EventFactory(capacity=10)
    jobs = [
        {"n": n, "channel": "paper" if n % 2 else "online", "people": 1 + n % 4,
         "form_number": f"{30000000000 + n}" if n % 2 else None}
        for n in range(16)
    ]  # fmt: skip

    statuses, errors = _fire(event.pk, jobs)

    assert errors == []
    assert len(statuses) == 16
    event.refresh_from_db()
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    people = confirmed.aggregate(people=Sum("number_of_people"))["people"]
    assert people == event.confirmed_places <= 10
    # Nobody on the waiting list would still fit into the free places.
    free = event.capacity - event.confirmed_places
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
    assert all(registration.number_of_people > free for registration in waiting)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_promote_each_waiting_registration_once():
    """Five confirmed people cancel at once: the first five on the waiting list move up, each
    once, and the counter ends at the capacity again."""
    event = EventFactory(capacity=5)
    holders = [
        actions.register(
            event=event, channel="online", person=person(n), number_of_people=1,
            access_needs=[], consent_version="x",
        )
        for n in range(5)
    ]  # fmt: skip
    waiting = [
        actions.register(
            event=event, channel="paper", person=person(100 + n), number_of_people=1,
            access_needs=[], consent_version="x",
        )
        for n in range(8)
    ]  # fmt: skip
    barrier = threading.Barrier(len(holders))
    errors = []

    def cancel(registration):
        try:
            barrier.wait(timeout=30)
            actions.cancel_registration(registration=registration, by=None)
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(holders)) as pool:
        list(pool.map(cancel, holders))

    assert errors == []
    event.refresh_from_db()
    assert event.confirmed_places == 5
    promoted = Registration.objects.filter(
        pk__in=[r.pk for r in waiting], status=RegistrationStatus.CONFIRMED
    ).order_by("received_at")
    assert [r.pk for r in promoted] == [r.pk for r in waiting[:5]]

"""Erasure cancels what lies ahead and keeps past attendance as counts (issue 14).

A resident's registrations for events that have not ended are cancelled as if they had cancelled
themselves (places freed, the waiting list promoted and told) but they get no message; past
registrations leave only counts behind, and every figure computed from registrations stays right.
"""

import datetime as dt

import pytest
from django.utils import timezone

from munich_portal.audit.actions import ErasureReason, erase_subject
from munich_portal.audit.registry import ANONYMISED, CANCELLED, DELETED, Erasure
from munich_portal.messaging.models import OutgoingEmail
from participation import actions, selectors
from participation.erasure import describe_registrations, erase_registrations
from participation.models import (
    ErasedRegistrations,
    Event,
    Registration,
    RegistrationStatus,
)
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, RegistrationFactory, person

pytestmark = pytest.mark.django_db


def register(event, n=0, *, people=1, channel="online", **kwargs):
    return actions.register(
        event=event,
        channel=channel,
        person=person(n),
        number_of_people=people,
        access_needs=[],
        consent_version="2026-11",
        **kwargs,
    )


def past_event(**kwargs):
    starts = timezone.now() - dt.timedelta(days=3)
    return EventFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **kwargs)


def emails_to(address):
    return OutgoingEmail.objects.filter(to_address=address)


def test_erasure_frees_the_place_and_promotes_the_first_waiting_person():
    resident = UserFactory()
    event = EventFactory(capacity=2)
    mine = register(event, 1, people=2, user=resident)
    first = register(event, 2)
    second = register(event, 3)
    assert first.status == second.status == RegistrationStatus.WAITLISTED
    told = set(OutgoingEmail.objects.values_list("pk", flat=True))

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert not Registration.objects.filter(pk=mine.pk).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == RegistrationStatus.CONFIRMED
    assert Event.objects.get(pk=event.pk).confirmed_places == 2
    # The promoted people are told through the outbox, as when a resident cancels; the erased
    # person is not (and the e-mails queued about their registration went with it).
    new = OutgoingEmail.objects.exclude(pk__in=told)
    assert sorted(new.values_list("to_address", flat=True)) == sorted([first.email, second.email])
    assert not emails_to(mine.email).exists()


def test_erasure_queues_the_promotion_e_mail_of_the_waiting_person():
    resident = UserFactory()
    event = EventFactory(capacity=1)
    register(event, 1, user=resident)
    waiting = register(event, 2)
    queued_before = set(emails_to(waiting.email).values_list("pk", flat=True))

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    new = emails_to(waiting.email).exclude(pk__in=queued_before)
    assert new.count() == 1  # exactly the promotion, once


def test_waiting_list_registrations_of_the_erased_person_are_removed():
    resident = UserFactory()
    event = EventFactory(capacity=1)
    holder = register(event, 1)
    mine = register(event, 2, user=resident)
    assert mine.status == RegistrationStatus.WAITLISTED

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert not Registration.objects.filter(pk=mine.pk).exists()
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED
    assert Event.objects.get(pk=event.pk).confirmed_places == 1


def test_past_attendance_stays_as_counts_in_every_figure():
    """A past event's registration is deleted; the organisers' counts, the door's figures and the
    results statistics are the same before and after."""
    from results import statistics

    resident = UserFactory()
    event = past_event()
    RegistrationFactory(
        event=event, user=resident, number_of_people=3, checked_in_at=event.starts_at
    )
    RegistrationFactory(event=event, channel="paper", number_of_people=1)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED, user=None)
    figures = statistics.figures_for([event.process_id])[event.process_id]
    before = (
        selectors.registration_counts(event),
        selectors.checked_in_people(event),
        figures.total("registrations"),
        figures.total("attendance"),
    )

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert not Registration.objects.filter(event=event, user=resident).exists()
    assert Registration.objects.filter(event=event).count() == 2
    counts = ErasedRegistrations.objects.get(event=event)
    assert (counts.channel, counts.status) == ("online", RegistrationStatus.CONFIRMED)
    assert (counts.registrations, counts.people, counts.checked_in, counts.checked_in_people) == (
        1,
        3,
        1,
        3,
    )
    figures = statistics.figures_for([event.process_id])[event.process_id]
    after = (
        selectors.registration_counts(event),
        selectors.checked_in_people(event),
        figures.total("registrations"),
        figures.total("attendance"),
    )
    assert after == before
    assert selectors.checked_in_people(event) == {"registrations": 1, "people": 3, "expected": 4}


def test_paper_registrations_typed_in_for_the_account_count_the_same():
    resident = UserFactory()
    clerk = UserFactory()
    event = EventFactory(capacity=1)
    paper = register(
        event, 1, channel="paper", user=resident, form_number="10000000077", entered_by=clerk
    )
    waiting = register(event, 2, channel="phone")

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert not Registration.objects.filter(pk=paper.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_the_hook_works_from_the_records_without_a_user():
    """The data-protection officer erases a person without an account: ``Erasure.user`` is None
    and the hook works from ``erasure.records`` alone."""
    ahead = EventFactory(capacity=1)
    guest = RegistrationFactory(event=ahead, user=None)
    Event.objects.filter(pk=ahead.pk).update(confirmed_places=1)
    waiting = register(ahead, 5)
    past = past_event()
    old = RegistrationFactory(event=past, user=None, number_of_people=2)
    erasure = Erasure(
        user=None,
        reason="request",
        records={"participation.registration": [guest.pk, old.pk]},
    )

    erase_registrations(erasure)

    assert not Registration.objects.filter(pk__in=[guest.pk, old.pk]).exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert ErasedRegistrations.objects.get(event=past).people == 2
    cancelled = ErasedRegistrations.objects.get(event=ahead)
    assert (cancelled.status, cancelled.registrations) == (RegistrationStatus.CANCELLED, 1)


def test_the_deletion_page_is_told_what_is_cancelled_and_what_stays_as_a_count():
    resident = UserFactory()
    ahead = EventFactory(title_de="Werkstatt Innenstadt", capacity=1)
    register(ahead, 1, user=resident)
    full = EventFactory(title_de="Spaziergang", capacity=1)
    register(full, 2)
    register(full, 3, user=resident)
    past = past_event(title_de="Infoabend")
    RegistrationFactory(event=past, user=resident)
    RegistrationFactory(event=EventFactory(title_de="Abgesagt"), user=resident, status="cancelled")

    items = list(describe_registrations(Registration.objects.filter(user=resident)))

    by_outcome = {(item.outcome, item.text.split(",")[0]) for item in items}
    assert (CANCELLED, "Werkstatt Innenstadt") in by_outcome
    assert (ANONYMISED, "Infoabend") in by_outcome
    assert (DELETED, "Abgesagt") in by_outcome
    waiting = next(item for item in items if item.text.startswith("Spaziergang"))
    assert waiting.outcome == CANCELLED
    assert "Alte Kongresshalle" in items[0].text


def test_a_paper_form_linked_to_the_erased_registration_loses_only_the_link():
    """A clerk linked a duplicate paper form (no account) to the resident's registration: the
    form stays (it is another record, maybe another person's) and points to nothing now."""
    resident = UserFactory()
    event = EventFactory(capacity=3)
    mine = register(event, 1, user=resident)
    duplicate = register(event, 2, channel="paper", form_number="10000000088", linked_to=mine)

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    duplicate.refresh_from_db()
    assert duplicate.linked_to_id is None
    assert duplicate.status == RegistrationStatus.CANCELLED
    assert Event.objects.get(pk=event.pk).confirmed_places == 0

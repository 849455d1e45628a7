"""Registering, the waiting list, cancelling and checking in (participation.actions)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from participation import actions
from participation.models import Event, Registration, RegistrationStatus
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, RegistrationFactory, person

pytestmark = pytest.mark.django_db


def register(event, n=0, *, channel="online", people=1, **kwargs):
    return actions.register(
        event=event,
        channel=channel,
        person=kwargs.pop("who", None) or person(n),
        number_of_people=people,
        access_needs=kwargs.pop("access_needs", []),
        consent_version="2026-11",
        **kwargs,
    )


def confirmed_places(event) -> int:
    return Event.objects.get(pk=event.pk).confirmed_places


def test_registration_is_confirmed_while_places_remain_and_counts_people():
    """Places count people: a registration for 3 takes 3 of the event's places."""
    event = EventFactory(capacity=5)
    registration = register(event, people=3)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.confirmed_at is not None
    assert confirmed_places(event) == 3


def test_registration_is_waitlisted_when_its_people_do_not_fit():
    """Two places left and a group of three: the group goes on the waiting list, whole."""
    event = EventFactory(capacity=5)
    register(event, 1, people=3)
    group = register(event, 2, people=3)
    assert group.status == RegistrationStatus.WAITLISTED
    assert confirmed_places(event) == 3


def test_full_event_without_waiting_list_refuses():
    event = EventFactory(capacity=1, waiting_list_enabled=False)
    register(event, 1)
    with pytest.raises(actions.EventFull):
        register(event, 2)
    assert Registration.objects.filter(event=event).count() == 1


def test_online_registration_outside_the_window_is_refused_but_paper_is_entered():
    """The registration window binds the online form; a paper form handed in earlier is still
    entered by the clerk after it closed."""
    event = EventFactory(registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(actions.RegistrationClosed):
        register(event, 1)
    paper = register(event, 2, channel="paper", form_number="10000000001")
    assert paper.status == RegistrationStatus.CONFIRMED


def test_no_registration_of_any_channel_after_the_event():
    event = EventFactory(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    with pytest.raises(actions.RegistrationClosed):
        register(event, 1, channel="phone")


def test_an_account_registers_once_per_event():
    """A second active registration of the same account is refused, by the action and by the
    database's partial unique constraint."""
    event = EventFactory()
    user = UserFactory()
    register(event, 1, user=user)
    with pytest.raises(actions.AlreadyRegistered):
        register(event, 2, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, user=user)


def test_the_same_email_registers_online_once_per_event():
    event = EventFactory()
    register(event, who=person(1, email="Maria@Example.org"))
    with pytest.raises(actions.AlreadyRegistered):
        register(event, who=person(2, email="maria@example.org"))


def test_after_cancelling_an_account_may_register_again():
    event = EventFactory()
    user = UserFactory()
    first = register(event, 1, user=user)
    actions.cancel_registration(registration=first, by=user)
    second = register(event, 1, user=user)
    assert second.status == RegistrationStatus.CONFIRMED


def test_cancelling_frees_the_places_and_promotes_in_order_of_receipt():
    """The earliest waiting registration gets the place first."""
    event = EventFactory(capacity=1)
    holder = register(event, 0)
    base = timezone.now()
    later = register(event, 2, received_at=base + dt.timedelta(minutes=5))
    earlier = register(event, 1, received_at=base + dt.timedelta(minutes=1))
    assert {later.status, earlier.status} == {RegistrationStatus.WAITLISTED}

    promoted = actions.cancel_registration(registration=holder, by=None)

    assert [registration.pk for registration in promoted] == [earlier.pk]
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.status == RegistrationStatus.CONFIRMED
    assert later.status == RegistrationStatus.WAITLISTED
    assert confirmed_places(event) == 1


def test_promotion_passes_over_a_group_that_does_not_fit():
    """One free place: the waiting group of four keeps its position, the single person behind
    it moves up (a group must not keep others out of places it cannot use)."""
    event = EventFactory(capacity=2)
    holder = register(event, 0)
    register(event, 9)
    base = timezone.now()
    group = register(event, 1, people=4, received_at=base + dt.timedelta(minutes=1))
    single = register(event, 2, received_at=base + dt.timedelta(minutes=2))

    actions.cancel_registration(registration=holder, by=None)

    group.refresh_from_db()
    single.refresh_from_db()
    assert group.status == RegistrationStatus.WAITLISTED
    assert single.status == RegistrationStatus.CONFIRMED
    assert confirmed_places(event) == 2


def test_cancelling_twice_changes_nothing():
    event = EventFactory(capacity=1)
    registration = register(event, 0)
    actions.cancel_registration(registration=registration, by=None)
    assert actions.cancel_registration(registration=registration, by=None) == []
    assert confirmed_places(event) == 0


def test_cancelling_a_waitlisted_registration_frees_no_places():
    event = EventFactory(capacity=1)
    register(event, 0)
    waiting = register(event, 1)
    actions.cancel_registration(registration=waiting, by=None)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CANCELLED
    assert waiting.cancelled_at is not None
    assert confirmed_places(event) == 1


def test_cancellation_records_who_cancelled():
    event = EventFactory()
    organiser = UserFactory(staff=True)
    registration = register(event, 0)
    actions.cancel_registration(registration=registration, by=organiser)
    registration.refresh_from_db()
    assert registration.cancelled_by_id == organiser.pk


def test_raising_the_capacity_promotes_from_the_waiting_list():
    event = EventFactory(capacity=1)
    register(event, 0)
    waiting = register(event, 1)
    promoted = actions.change_capacity(event=event, capacity=2)
    assert [r.pk for r in promoted] == [waiting.pk]
    assert confirmed_places(event) == 2


def test_the_capacity_cannot_go_below_the_confirmed_places():
    event = EventFactory(capacity=3)
    register(event, 0, people=2)
    with pytest.raises(ValueError, match="capacity"):
        actions.change_capacity(event=event, capacity=1)


def test_the_database_refuses_more_confirmed_places_than_capacity():
    """Even code that forgets the lock cannot overbook: the CHECK constraint refuses."""
    event = EventFactory(capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed_places=3)


def test_check_in_marks_a_confirmed_registration_once():
    event = EventFactory()
    organiser = UserFactory(staff=True)
    registration = register(event, 0)
    actions.check_in(registration=registration, by=organiser)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by_id == organiser.pk
    with pytest.raises(actions.AlreadyCheckedIn) as raised:
        actions.check_in(registration=registration, by=organiser)
    assert raised.value.registration.checked_in_at == registration.checked_in_at


def test_a_waitlisted_registration_cannot_be_checked_in():
    event = EventFactory(capacity=1)
    register(event, 0)
    waiting = register(event, 1)
    with pytest.raises(actions.NotConfirmed):
        actions.check_in(registration=waiting, by=None)


def test_a_linked_paper_form_takes_no_place_of_its_own():
    """The clerk decided the paper form is the same person as an online registration: the form
    is kept (linked, cancelled) and the online registration keeps the one place."""
    event = EventFactory(capacity=1)
    online = register(event, 0)
    paper = register(event, 0, channel="paper", form_number="10000000002", linked_to=online)
    assert paper.status == RegistrationStatus.CANCELLED
    assert paper.linked_to == online
    assert confirmed_places(event) == 1


def test_registration_keeps_only_known_access_needs_and_the_consent_version():
    event = EventFactory()
    registration = register(event, 0, access_needs=["sign_language", "wheelchair", "bogus"])
    assert registration.access_needs == ["sign_language", "wheelchair"]
    assert registration.consent_version == "2026-11"
    assert registration.consented_at is not None


def test_registrants_without_email_get_letters_and_those_without_address_nothing():
    """A paper registrant with only a postal address gets a confirmation letter; someone with
    neither e-mail nor address (a phone registration) gets no letter."""
    event = EventFactory(capacity=1)
    by_post = register(event, 0, channel="paper", who=person(0, email=""))
    phone_only = register(
        event, 1, channel="phone", who=person(1, email="", street="", postal_code="", city="")
    )
    assert list(by_post.letters.values_list("kind", flat=True)) == ["participation.confirmation"]
    assert phone_only.status == RegistrationStatus.WAITLISTED
    assert not phone_only.letters.exists()


def test_promotion_of_a_paper_registrant_creates_a_letter():
    event = EventFactory(capacity=1)
    holder = register(event, 0)
    waiting = register(event, 1, channel="paper", who=person(1, email=""))
    actions.cancel_registration(registration=holder, by=None)
    kinds = list(waiting.letters.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["participation.waitlisted", "participation.promotion"]


def test_guest_registration_is_pending_and_takes_no_place_until_confirmed():
    event = EventFactory(capacity=1)
    guest = actions.register_guest(
        event=event,
        person=person(0),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
    )
    assert guest.status == RegistrationStatus.PENDING
    assert confirmed_places(event) == 0
    # Someone else confirms first and takes the only place.
    register(event, 1)
    confirmed = actions.confirm_guest(registration=guest)
    assert confirmed.status == RegistrationStatus.WAITLISTED
    # Confirming again (the link clicked twice) changes nothing.
    assert actions.confirm_guest(registration=guest).status == RegistrationStatus.WAITLISTED


def test_guest_confirmation_sets_the_order_of_receipt_to_the_confirmation():
    event = EventFactory(capacity=5)
    guest = actions.register_guest(
        event=event, person=person(0), number_of_people=2, access_needs=[], consent_version="x"
    )
    created = guest.received_at
    confirmed = actions.confirm_guest(registration=guest)
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert confirmed.received_at >= created
    assert confirmed_places(event) == 2


def test_expired_guest_registrations_are_deleted(settings):
    """Pending registrations older than the confirmation window never held a place; the cleanup
    deletes them."""
    settings.PARTICIPATION_GUEST_CONFIRMATION_HOURS = 1
    event = EventFactory()
    guest = actions.register_guest(
        event=event, person=person(0), number_of_people=1, access_needs=[], consent_version="x"
    )
    later = timezone.now() + dt.timedelta(hours=2)
    assert actions.delete_expired_pending(now=later) == 1
    assert not Registration.objects.filter(pk=guest.pk).exists()
    # Nor do its history rows keep the person: the creation row and the deletion row alike.
    history = Registration.history.filter(id=guest.pk)
    assert history.count() >= 2
    assert set(history.values_list("email", "last_name", "street")) == {("", "", "")}


def test_guest_registrations_are_rate_limited_per_address():
    for _ in range(actions.GUEST_LIMIT):
        actions.count_guest_registration(client_ip="203.0.113.7")
    with pytest.raises(actions.TooManyGuestRegistrations):
        actions.count_guest_registration(client_ip="203.0.113.7")
    actions.count_guest_registration(client_ip="203.0.113.8")


def test_every_change_of_a_registration_has_a_history_row():
    event = EventFactory(capacity=1)
    registration = register(event, 0)
    actions.check_in(registration=registration, by=None)
    actions.cancel_registration(registration=registration, by=None)
    statuses = list(registration.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "cancelled"]

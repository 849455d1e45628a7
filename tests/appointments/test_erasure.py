"""Erasure cancels appointments ahead and offers their places to the waiting list (issue 14)."""

import datetime as dt

import pytest
from django.utils import timezone

from appointments.erasure import describe_bookings, erase_bookings
from appointments.models import Booking, BookingStatus, Slot, WaitingListEntry, WaitingStatus
from munich_portal.audit.actions import ErasureReason, erase_subject
from munich_portal.audit.registry import CANCELLED, DELETED, Erasure
from munich_portal.messaging.models import OutgoingEmail
from tests.appointments.factories import BookingFactory, SlotFactory, in_days
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _taken(slot) -> int:
    return Slot.objects.get(pk=slot.pk).taken


def _waiting(slot, n=0, user=None, status=WaitingStatus.WAITING):
    entry = WaitingListEntry.objects.create(
        appointment_type=slot.appointment_type,
        status=status,
        queued_at=timezone.now(),
        name=f"Wartende {n}",
        email=f"wartende{n}@example.org",
        user=user,
    )
    return entry


def test_erasure_frees_the_slot_at_once_and_offers_it_to_the_waiting_list():
    resident = UserFactory()
    slot = SlotFactory(capacity=1, starts_at=in_days(5), ends_at=in_days(5, 9, 20))
    mine = BookingFactory(slot=slot, user=resident, email=resident.email)
    entry = _waiting(slot, 1)
    told = set(OutgoingEmail.objects.values_list("pk", flat=True))

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert not Booking.objects.filter(pk=mine.pk).exists()
    offer = Booking.objects.get(slot=slot)
    assert (offer.status, offer.waiting_list_entry_id) == (BookingStatus.OFFERED, entry.pk)
    assert _taken(slot) == 1  # the offer holds the freed place
    # The waiting person gets the offer; the erased person gets nothing.
    new = OutgoingEmail.objects.exclude(pk__in=told)
    assert list(new.values_list("to_address", flat=True)) == [entry.email]
    assert not OutgoingEmail.objects.filter(to_address=resident.email).exists()


def test_without_a_waiting_list_the_slot_is_simply_free_again():
    resident = UserFactory()
    slot = SlotFactory(capacity=2)
    BookingFactory(slot=slot, user=resident)
    BookingFactory(slot=slot)
    assert _taken(slot) == 2

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert _taken(slot) == 1
    assert Booking.objects.filter(slot=slot).count() == 1


def test_a_cancellation_still_held_back_frees_its_place_now():
    """The resident cancelled earlier; the place returns only after the release delay. Erasure
    deletes the row, so it returns the place at once."""
    resident = UserFactory()
    slot = SlotFactory(capacity=1)
    BookingFactory(
        slot=slot,
        user=resident,
        status=BookingStatus.CANCELLED,
        release_at=timezone.now() + dt.timedelta(minutes=30),
    )
    assert _taken(slot) == 1

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert _taken(slot) == 0
    assert not Booking.objects.filter(slot=slot).exists()


def test_past_bookings_and_waiting_list_entries_are_deleted():
    resident = UserFactory()
    past = SlotFactory(starts_at=in_days(-3), ends_at=in_days(-3, 9, 20))
    old = BookingFactory(slot=past, user=resident, status=BookingStatus.ATTENDED)
    entry = _waiting(SlotFactory(), 2, user=resident)

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert not Booking.objects.filter(pk=old.pk).exists()
    assert not WaitingListEntry.objects.filter(pk=entry.pk).exists()


def test_an_offer_to_the_erased_person_passes_on_to_the_next():
    resident = UserFactory()
    slot = SlotFactory(capacity=1, starts_at=in_days(5), ends_at=in_days(5, 9, 20))
    mine = _waiting(slot, 1, user=resident, status=WaitingStatus.OFFERED)
    offer = Booking.objects.create(
        slot=slot,
        status=BookingStatus.OFFERED,
        user=resident,
        name=mine.name,
        email=mine.email,
        hold_until=timezone.now() + dt.timedelta(hours=3),
        waiting_list_entry=mine,
    )
    Slot.objects.filter(pk=slot.pk).update(taken=1)
    next_one = _waiting(slot, 2)

    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)

    assert not Booking.objects.filter(pk=offer.pk).exists()
    assert not WaitingListEntry.objects.filter(pk=mine.pk).exists()
    passed = Booking.objects.get(slot=slot)
    assert passed.waiting_list_entry_id == next_one.pk
    assert _taken(slot) == 1


def test_the_hook_works_from_the_records_without_a_user():
    slot = SlotFactory(capacity=1)
    guest = BookingFactory(slot=slot, user=None)
    erase_bookings(
        Erasure(user=None, reason="request", records={"appointments.booking": [guest.pk]})
    )
    assert _taken(slot) == 0
    assert not Booking.objects.filter(pk=guest.pk).exists()


def test_the_deletion_page_is_told_which_appointment_is_cancelled():
    resident = UserFactory()
    ahead = BookingFactory(slot=SlotFactory(starts_at=in_days(4)), user=resident)
    past = SlotFactory(starts_at=in_days(-4), ends_at=in_days(-4, 9, 20))
    BookingFactory(slot=past, user=resident, status=BookingStatus.ATTENDED)

    items = list(describe_bookings(Booking.objects.filter(user=resident)))

    assert [item.outcome for item in items] == [DELETED, CANCELLED]
    assert items[1].text.startswith(str(ahead.slot.appointment_type.name_de))
    assert str(ahead.slot.appointment_type.office.name_de) in items[1].text

"""Factories of the appointments app: a published Bürgerbüro with a type and its slots."""

import datetime as dt

import factory
from django.utils import timezone

from appointments.models import AppointmentType, Booking, BookingStatus, Slot, SlotRule
from munich_portal.core.timezone import MUNICH
from tests.services.factories import OfficeFactory


class AppointmentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppointmentType
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    name_de = factory.Sequence(lambda n: f"Terminart {n}")
    name_en = factory.Sequence(lambda n: f"Appointment type {n}")
    duration_minutes = 20
    # Tests place their own slots: mark the slots as generated far ahead, so that no page
    # regenerates them from (absent) rules. The slot tests call sync_slots themselves.
    slots_generated_until = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=3650)
    )


class SlotRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SlotRule

    appointment_type = factory.SubFactory(AppointmentTypeFactory)
    weekday = 0
    starts = dt.time(8, 0)
    ends = dt.time(10, 0)
    capacity = 2
    valid_from = dt.date(2026, 1, 1)


def in_days(days: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    day = timezone.localtime(timezone.now(), MUNICH).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=MUNICH)


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    appointment_type = factory.SubFactory(AppointmentTypeFactory)
    # Seven minutes past: the times tests give by hand (whole hours, :20, :40, :30) are never
    # the sequence's, so a slot of the sequence never takes a type's time a test placed (the
    # unique start per type; CI saw the 75th slot of a worker land on a fixture's 9:00).
    starts_at = factory.Sequence(lambda n: in_days(3, 8, 7) + dt.timedelta(minutes=20 * n))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=20))
    capacity = 2


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed booking that takes a place (the slot counter is moved too)."""

    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    status = BookingStatus.CONFIRMED
    name = factory.Sequence(lambda n: f"Person {n}")
    # Not UserFactory's "person{n}@": its own counter would sooner or later give a booking the
    # address of an account made in the same test, and erasure would then take both.
    email = factory.Sequence(lambda n: f"booker{n}@example.org")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        booking = super()._create(model_class, *args, **kwargs)
        if booking.occupies_place:
            Slot.objects.filter(pk=booking.slot_id).update(taken=booking.slot.taken + 1)
            booking.slot.refresh_from_db()
        return booking

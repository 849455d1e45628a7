"""Slots from rules: weekdays, hours, capacity, validity, the office's closed days and special
hours; regeneration keeps booked slots and removes unbooked ones no rule wants."""

import datetime as dt

import pytest

from appointments.models import Slot
from appointments.slots import planned_slots, sync_slots, today
from munich_portal.core.timezone import MUNICH
from services.models import OpeningException
from tests.appointments.factories import (
    AppointmentTypeFactory,
    BookingFactory,
    SlotRuleFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def _next(weekday: int) -> dt.date:
    day = today() + dt.timedelta(days=1)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return day


def test_a_rule_gives_one_slot_per_duration_with_its_capacity():
    rule = SlotRuleFactory(weekday=0, starts=dt.time(8), ends=dt.time(10), capacity=3)
    monday = _next(0)
    planned = planned_slots(rule.appointment_type, monday, monday)
    assert [start.time() for start in planned] == [
        dt.time(8),
        dt.time(8, 20),
        dt.time(8, 40),
        dt.time(9),
        dt.time(9, 20),
        dt.time(9, 40),
    ]
    assert {capacity for _end, capacity in planned.values()} == {3}
    assert (
        planned_slots(rule.appointment_type, monday + dt.timedelta(1), monday + dt.timedelta(1))
        == {}
    )


def test_rules_respect_valid_from_and_until():
    monday = _next(0)
    rule = SlotRuleFactory(weekday=0, valid_from=monday + dt.timedelta(days=7))
    assert planned_slots(rule.appointment_type, monday, monday) == {}
    rule.valid_from, rule.valid_until = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    rule.save()
    assert planned_slots(rule.appointment_type, monday, monday) == {}


def test_a_closed_day_of_the_office_has_no_slots_and_special_hours_limit_them():
    rule = SlotRuleFactory(weekday=0, starts=dt.time(8), ends=dt.time(10))
    office = rule.appointment_type.office
    monday = _next(0)
    OpeningException.objects.create(office=office, date=monday, closed=True)
    assert planned_slots(rule.appointment_type, monday, monday) == {}
    following = monday + dt.timedelta(days=7)
    OpeningException.objects.create(
        office=office, date=following, closed=False, opens=dt.time(9), closes=dt.time(12)
    )
    starts = [s.time() for s in planned_slots(rule.appointment_type, following, following)]
    assert starts == [dt.time(9), dt.time(9, 20), dt.time(9, 40)]


def test_sync_creates_slots_and_is_idempotent():
    rule = SlotRuleFactory(weekday=_next(0).weekday())
    first = sync_slots(rule.appointment_type)
    count = Slot.objects.filter(appointment_type=rule.appointment_type).count()
    assert first["created"] == count > 0
    assert sync_slots(rule.appointment_type)["created"] == 0
    assert Slot.objects.filter(appointment_type=rule.appointment_type).count() == count


def test_sync_removes_unbooked_slots_no_rule_wants_and_keeps_booked_ones_closed():
    rule = SlotRuleFactory(weekday=0, capacity=2)
    appointment_type = rule.appointment_type
    sync_slots(appointment_type)
    slots = list(Slot.objects.filter(appointment_type=appointment_type).order_by("starts_at"))
    booked = BookingFactory(slot=slots[0]).slot
    rule.delete()
    sync_slots(appointment_type)
    remaining = list(Slot.objects.filter(appointment_type=appointment_type))
    assert remaining == [booked]
    booked.refresh_from_db()
    assert booked.capacity == booked.taken == 1, "no new places on a slot no rule wants"


def test_an_exception_entered_later_removes_that_days_slots(django_capture_on_commit_callbacks):
    rule = SlotRuleFactory(weekday=0)
    sync_slots(rule.appointment_type)
    monday = _next(0)
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=MUNICH)
    day_slots = Slot.objects.filter(
        appointment_type=rule.appointment_type,
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
    )
    assert day_slots.exists()
    with django_capture_on_commit_callbacks(execute=True):
        OpeningException.objects.create(office=rule.appointment_type.office, date=monday)
    assert not day_slots.exists()


def test_an_inactive_type_offers_no_slots():
    appointment_type = AppointmentTypeFactory(active=False)
    SlotRuleFactory(appointment_type=appointment_type, weekday=0)
    sync_slots(appointment_type)
    assert not Slot.objects.filter(appointment_type=appointment_type).exists()


def test_a_booking_being_moved_does_not_offer_the_day_whose_only_free_time_is_its_own():
    """Moving a booking: its own slot still has a free place, but it is no other time, so its day
    is not offered unless another slot of that day is free (the time page would be empty)."""
    from appointments.selectors import bookable_days
    from tests.appointments.factories import SlotFactory

    appointment_type = AppointmentTypeFactory(slots_generated_until=dt.date(2100, 1, 1))
    # Times of one day given here: the factory's sequence moves a slot 20 minutes on per slot
    # made in the worker, so late in a run its next slot falls on the following day.
    first = in_days(3, 9)
    booking = BookingFactory(slot=SlotFactory(appointment_type=appointment_type, starts_at=first))
    day = first.date()
    assert day in bookable_days(appointment_type, day, day)
    assert day not in bookable_days(appointment_type, day, day, except_slot=booking.slot_id)
    SlotFactory(appointment_type=appointment_type, starts_at=booking.slot.ends_at)
    assert day in bookable_days(appointment_type, day, day, except_slot=booking.slot_id)

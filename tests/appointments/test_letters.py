"""People without e-mail get their appointment letters in the clerks' daily batch: the
confirmation of a clerk's booking, the reminder (a week ahead: the post takes days), the
cancellation."""

import datetime as dt

import pytest

from appointments import actions
from appointments.models import Booking
from munich_portal.core.channels import Channel
from munich_portal.messaging.models import Letter, OutgoingEmail
from tests.appointments.factories import SlotFactory, in_days
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = {"street": "Sendlinger Straße 1", "postal_code": "80331", "city": "München"}


def clerk_booking(days: int, **kwargs) -> Booking:
    slot = SlotFactory(starts_at=in_days(days, 10), ends_at=in_days(days, 10, 20))
    return actions.book(
        slot=slot,
        name="Herr Maier",
        phone="089 1",
        channel=Channel.PHONE,
        booked_by=UserFactory(staff=True),
        language="de",
        **{"address": ADDRESS, **kwargs},
    )


def letter_kinds(booking) -> list[str]:
    return list(booking.letters.order_by("pk").values_list("kind", flat=True))


def test_a_clerks_booking_without_email_gets_a_confirmation_letter():
    booking = clerk_booking(20)
    (letter,) = booking.letters.all()
    assert letter.kind == "appointments.confirmation"
    assert (letter.recipient_name, letter.street, letter.postal_code, letter.city) == (
        "Herr Maier",
        *ADDRESS.values(),
    )
    assert letter.reference == booking.reference
    assert "Ihr Termin ist gebucht." in letter.body
    assert booking.reference in letter.body
    # Booked weeks ahead: a reminder letter follows.
    assert "Erinnerungsbrief" in letter.body
    assert letter.sender == booking.slot.appointment_type.office.name_de
    assert not OutgoingEmail.objects.filter(source_id=booking.pk, kind__startswith="appo").exists()


def test_booked_within_the_reminder_days_the_confirmation_is_the_reminder():
    booking = clerk_booking(3)
    assert "Bitte bewahren Sie diesen Brief als Erinnerung auf." in booking.letters.get().body
    # No reminder letter ever: it would arrive after the appointment.
    for days_before in (3, 2, 1):
        now = booking.slot.starts_at - dt.timedelta(days=days_before)
        assert actions.send_reminders(now=now) == 0
    assert letter_kinds(booking) == ["appointments.confirmation"]


def test_the_reminder_letter_is_queued_a_week_ahead_once():
    booking = clerk_booking(20)
    start = booking.slot.starts_at
    assert actions.send_reminders(now=start - dt.timedelta(days=10)) == 0
    assert actions.send_reminders(now=start - dt.timedelta(days=6, hours=12)) == 1
    assert actions.send_reminders(now=start - dt.timedelta(days=5)) == 0
    assert actions.send_reminders(now=start - dt.timedelta(hours=20)) == 0
    assert letter_kinds(booking) == ["appointments.confirmation", "appointments.reminder"]
    reminder = booking.letters.get(kind="appointments.reminder")
    assert reminder.subject.startswith("Erinnerung: Ihr Termin am ")
    assert start.astimezone(dt.UTC).strftime("%Y") in reminder.subject


def test_people_with_email_are_still_reminded_by_email_the_day_before_and_no_letter():
    booking = clerk_booking(20, email="maier@example.org")
    start = booking.slot.starts_at
    assert actions.send_reminders(now=start - dt.timedelta(days=6, hours=12)) == 0
    assert actions.send_reminders(now=start - dt.timedelta(hours=20)) == 1
    assert not booking.letters.exists()
    assert booking.emails.filter(kind="appointments.reminder").count() == 1


def test_a_cancelled_appointment_is_told_by_letter():
    booking = clerk_booking(20)
    actions.cancel(booking=booking, by=UserFactory(staff=True))
    assert letter_kinds(booking) == ["appointments.confirmation", "appointments.cancellation"]


def test_without_email_or_address_nothing_is_queued():
    booking = clerk_booking(20, address=None)
    assert not booking.letters.exists() and not Letter.objects.exists()

"""The booking rules: holds, confirmation, cancellation with delayed release, limits, waiting
list, rebooking, attendance and reminders — each against the real PostgreSQL database."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from appointments import actions
from appointments.models import (
    Booking,
    BookingStatus,
    Slot,
    WaitingListEntry,
    WaitingStatus,
)
from munich_portal.core.channels import Channel
from tests.appointments.factories import (
    AppointmentTypeFactory,
    BookingFactory,
    SlotFactory,
    in_days,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _book(slot, n=0, **kwargs):
    return actions.book(slot=slot, name=f"Guest {n}", email=f"guest{n}@example.org", **kwargs)


def _taken(slot) -> int:
    return Slot.objects.get(pk=slot.pk).taken


def test_a_guest_booking_is_held_and_takes_a_place_until_confirmed(
    django_capture_on_commit_callbacks,
):
    slot = SlotFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(slot)
    assert booking.status == BookingStatus.HELD
    assert booking.hold_until > timezone.now()
    assert _taken(slot) == 1
    assert len(mail.outbox) == 1
    assert "/termine/bestaetigen/" in mail.outbox[0].body
    assert not mail.outbox[0].attachments

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = actions.confirm_hold(booking=booking)
    assert confirmed.status == BookingStatus.CONFIRMED
    assert _taken(slot) == 1
    message = mail.outbox[-1]
    assert "/termine/verwalten/" in message.body
    _name, content, mimetype = message.attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in content
    assert booking.reference in content


def test_a_verified_resident_books_directly():
    user = UserFactory()
    booking = actions.book(
        slot=SlotFactory(), name="Anna", email=user.email, user=user, verified=True
    )
    assert booking.status == BookingStatus.CONFIRMED and booking.user == user


def test_a_full_slot_refuses_with_slot_full():
    slot = SlotFactory(capacity=1)
    _book(slot, 1)
    with pytest.raises(actions.SlotFull):
        _book(slot, 2)
    assert _taken(slot) == 1


def test_past_slots_cannot_be_booked():
    slot = SlotFactory(starts_at=in_days(-1), ends_at=in_days(-1, 10))
    with pytest.raises(actions.NotBookable):
        _book(slot)


def test_the_database_refuses_more_taken_than_capacity():
    slot = SlotFactory(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(taken=2)


def test_an_expired_hold_returns_its_place_and_cannot_be_confirmed():
    slot = SlotFactory(capacity=1)
    booking = _book(slot)
    booking.hold_until = timezone.now() - dt.timedelta(seconds=1)
    booking.save()
    with pytest.raises(actions.HoldExpired):
        actions.confirm_hold(booking=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.EXPIRED and not booking.occupies_place
    assert _taken(slot) == 0


def test_an_expired_hold_does_not_block_the_next_booker():
    slot = SlotFactory(capacity=1)
    held = _book(slot, 1)
    held.hold_until = timezone.now() - dt.timedelta(seconds=1)
    held.save()
    second = _book(slot, 2)
    assert second.status == BookingStatus.HELD
    assert _taken(slot) == 1


def test_release_due_frees_expired_holds():
    slot = SlotFactory(capacity=1)
    held = _book(slot)
    assert actions.release_due(now=held.hold_until + dt.timedelta(seconds=1)) == 1
    assert _taken(slot) == 0


@override_settings(APPOINTMENTS_RELEASE_DELAY_MINUTES=30)
def test_a_cancelled_place_returns_only_after_the_delay(django_capture_on_commit_callbacks):
    slot = SlotFactory(capacity=1)
    booking = BookingFactory(slot=slot)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = actions.cancel(booking=booking)
    assert cancelled.status == BookingStatus.CANCELLED
    assert "termin.ics" in [a[0] for a in mail.outbox[-1].attachments]
    assert _taken(slot) == 1, "still taken during the delay"
    with pytest.raises(actions.SlotFull):
        _book(slot)
    assert actions.release_due(now=timezone.now() + dt.timedelta(minutes=29)) == 0
    assert actions.release_due(now=timezone.now() + dt.timedelta(minutes=31)) == 1
    assert _taken(slot) == 0
    assert actions.cancel(booking=cancelled).status == BookingStatus.CANCELLED  # twice: no change


@override_settings(APPOINTMENTS_MAX_OPEN_PER_PERSON=2)
def test_one_email_address_holds_at_most_the_limit_of_open_appointments():
    appointment_type = AppointmentTypeFactory()
    slots = [SlotFactory(appointment_type=appointment_type) for _ in range(3)]
    actions.book(slot=slots[0], name="A", email="same@example.org")
    actions.book(slot=slots[1], name="B", email="SAME@example.org")
    with pytest.raises(actions.TooManyOpen):
        actions.book(slot=slots[2], name="C", email="same@example.org")


@override_settings(APPOINTMENTS_MAX_OPEN_PER_PERSON=1)
def test_one_account_holds_at_most_the_limit_whatever_the_address():
    user = UserFactory()
    actions.book(slot=SlotFactory(), name="A", email=user.email, user=user, verified=True)
    with pytest.raises(actions.TooManyOpen):
        actions.book(slot=SlotFactory(), name="A", email="other@example.org", user=user)


@override_settings(APPOINTMENTS_MAX_OPEN_PER_PERSON=1)
def test_clerks_bookings_are_not_limited_per_person_and_record_channel_and_clerk():
    clerk = UserFactory(staff=True)
    first = actions.book(
        slot=SlotFactory(), name="Herr Maier", channel=Channel.PHONE, booked_by=clerk
    )
    second = actions.book(
        slot=SlotFactory(), name="Herr Maier", channel=Channel.ON_SITE, booked_by=clerk
    )
    assert first.status == second.status == BookingStatus.CONFIRMED
    assert first.channel == "phone" and first.booked_by_id == clerk.pk and first.email == ""


def test_waiting_list_gets_the_freed_place_in_order_and_an_expired_offer_passes_on(
    django_capture_on_commit_callbacks,
):
    slot = SlotFactory(capacity=1, starts_at=in_days(5), ends_at=in_days(5, 9, 20))
    booking = BookingFactory(slot=slot)
    first = actions.join_waiting_list(
        appointment_type=slot.appointment_type, name="Erste", email="erste@example.org"
    )
    assert first.status == WaitingStatus.PENDING
    actions.confirm_waiting_list(entry=first)
    user = UserFactory()
    second = actions.join_waiting_list(
        appointment_type=slot.appointment_type,
        name="Zweite",
        email=user.email,
        user=user,
        verified=True,
    )
    assert second.status == WaitingStatus.WAITING
    with pytest.raises(actions.AlreadyWaiting):
        actions.join_waiting_list(
            appointment_type=slot.appointment_type, name="X", email="ERSTE@example.org"
        )

    actions.cancel(booking=booking)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.release_due(now=timezone.now() + dt.timedelta(hours=1))
    offer = Booking.objects.get(slot=slot, status=BookingStatus.OFFERED)
    assert offer.email == "erste@example.org" and offer.waiting_list_entry_id == first.pk
    assert "/termine/angebot/" in mail.outbox[0].body
    assert _taken(slot) == 1

    # The first person does not answer in time: the offer passes to the second.
    actions.release_due(now=offer.hold_until + dt.timedelta(seconds=1))
    first.refresh_from_db()
    assert first.status == WaitingStatus.LAPSED
    second_offer = Booking.objects.get(slot=slot, status=BookingStatus.OFFERED)
    assert second_offer.waiting_list_entry_id == second.pk
    accepted = actions.accept_offer(booking=second_offer)
    assert accepted.status == BookingStatus.CONFIRMED
    second.refresh_from_db()
    assert second.status == WaitingStatus.BOOKED
    assert _taken(slot) == 1


def test_declining_an_offer_passes_it_on_at_once():
    slot = SlotFactory(capacity=1, starts_at=in_days(5), ends_at=in_days(5, 9, 20))
    entries = []
    for n in range(2):
        entry = actions.join_waiting_list(
            appointment_type=slot.appointment_type, name=f"W{n}", email=f"w{n}@example.org"
        )
        entries.append(actions.confirm_waiting_list(entry=entry))
    held = _book(slot)
    actions.cancel(booking=held)  # a hold frees its place at once -> offer to the first
    offer = Booking.objects.get(slot=slot, status=BookingStatus.OFFERED)
    actions.cancel(booking=offer)
    nxt = Booking.objects.get(slot=slot, status=BookingStatus.OFFERED)
    assert nxt.waiting_list_entry_id == entries[1].pk
    assert WaitingListEntry.objects.get(pk=entries[0].pk).status == WaitingStatus.CANCELLED


def test_rebooking_moves_the_booking_and_frees_the_old_place():
    appointment_type = AppointmentTypeFactory()
    old = SlotFactory(appointment_type=appointment_type, capacity=1)
    new = SlotFactory(appointment_type=appointment_type, capacity=1)
    booking = BookingFactory(slot=old)
    actions.rebook(booking=booking, slot=new)
    assert Booking.objects.get(pk=booking.pk).slot_id == new.pk
    assert _taken(old) == 0 and _taken(new) == 1


def test_rebooking_into_a_full_slot_keeps_the_old_one():
    appointment_type = AppointmentTypeFactory()
    old = SlotFactory(appointment_type=appointment_type, capacity=1)
    full = SlotFactory(appointment_type=appointment_type, capacity=1)
    BookingFactory(slot=full)
    booking = BookingFactory(slot=old)
    with pytest.raises(actions.SlotFull):
        actions.rebook(booking=booking, slot=full)
    assert Booking.objects.get(pk=booking.pk).slot_id == old.pk and _taken(old) == 1


def test_rebooking_to_another_type_is_refused():
    booking = BookingFactory()
    with pytest.raises(actions.NotBookable):
        actions.rebook(booking=booking, slot=SlotFactory())


def test_attendance_is_noted_on_the_day_only():
    clerk = UserFactory(staff=True)
    today_slot = SlotFactory(starts_at=in_days(0, 23, 0), ends_at=in_days(0, 23, 20))
    booking = BookingFactory(slot=today_slot)
    assert actions.mark_attendance(booking=booking, attended=False, by=clerk).status == "no_show"
    assert actions.mark_attendance(booking=booking, attended=True, by=clerk).status == "attended"
    with pytest.raises(actions.NotBookable):
        actions.mark_attendance(booking=BookingFactory(), attended=True, by=clerk)


def test_reminders_go_once_for_tomorrows_confirmed_appointments(django_capture_on_commit_callbacks):
    tomorrow = SlotFactory(starts_at=in_days(1, 10), ends_at=in_days(1, 10, 20))
    BookingFactory(slot=tomorrow)
    BookingFactory(slot=SlotFactory(starts_at=in_days(2, 10), ends_at=in_days(2, 10, 20)))
    BookingFactory(slot=tomorrow, status=BookingStatus.CANCELLED, occupies_place=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_reminders() == 1
    assert "Erinnerung" in mail.outbox[0].subject or "Reminder" in mail.outbox[0].subject
    assert actions.send_reminders() == 0


@override_settings(APPOINTMENTS_ATTEMPTS_PER_HOUR=6)
def test_the_rate_limit_counts_attempts_without_proof_of_work_three_times():
    for _ in range(2):
        actions.count_attempt(client_ip="10.0.0.1", proof_of_work=False)
    with pytest.raises(actions.TooManyAttempts):
        actions.count_attempt(client_ip="10.0.0.1", proof_of_work=True)
    for _ in range(6):
        actions.count_attempt(client_ip="10.0.0.2", proof_of_work=True)
    with pytest.raises(actions.TooManyAttempts):
        actions.count_attempt(client_ip="10.0.0.2", proof_of_work=True)


def test_the_scheduled_command_releases_reminds_and_regenerates(capsys):
    from django.core.management import call_command

    slot = SlotFactory(starts_at=in_days(1, 10), ends_at=in_days(1, 10, 20))
    BookingFactory(slot=slot)
    held = _book(SlotFactory(), 7)
    held.hold_until = timezone.now() - dt.timedelta(minutes=1)
    held.save()
    call_command("appointment_jobs", "--slots")
    out = capsys.readouterr().out
    assert "released 1 place(s), sent 1 reminder(s)" in out

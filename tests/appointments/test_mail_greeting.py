"""Mails to an address not yet confirmed do not greet with the name the sender typed (issue 11).

Anyone can type a name such as "Visit http://evil.example" next to someone else's address; the
hold and waiting-list confirmation mails go to that address before it is proven, so they greet
neutrally. Once the person opened the link, later mails use the name."""

import pytest
from django.core import mail

from appointments import actions
from munich_portal.core.channels import Channel
from tests.appointments.factories import SlotFactory, in_days
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVIL = "Visit http://evil.example"


def test_a_guest_hold_greets_neutrally_and_the_confirmation_by_name(
    django_capture_on_commit_callbacks,
):
    slot = SlotFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        booking = actions.book(slot=slot, name=EVIL, email="victim@example.org")
    (hold,) = mail.outbox
    assert "evil.example" not in hold.body and "Visit" not in hold.body
    assert hold.body.startswith("Guten Tag,")

    with django_capture_on_commit_callbacks(execute=True):
        actions.confirm_hold(booking=booking)
    # The address is proven now: the person typed the name for themselves.
    assert mail.outbox[-1].body.startswith(f"Guten Tag {EVIL},")


def test_a_guest_waiting_list_request_greets_neutrally(django_capture_on_commit_callbacks):
    slot = SlotFactory(capacity=1, starts_at=in_days(5), ends_at=in_days(5, 9, 20))
    with django_capture_on_commit_callbacks(execute=True):
        entry = actions.join_waiting_list(
            appointment_type=slot.appointment_type, name=EVIL, email="victim@example.org"
        )
    assert "evil.example" not in mail.outbox[-1].body
    assert mail.outbox[-1].body.startswith("Guten Tag,")
    with django_capture_on_commit_callbacks(execute=True):
        actions.confirm_waiting_list(entry=entry)
    assert mail.outbox[-1].body.startswith(f"Guten Tag {EVIL},")


def test_a_clerks_booking_with_a_typed_address_greets_neutrally(
    django_capture_on_commit_callbacks,
):
    clerk = UserFactory(staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.book(
            slot=SlotFactory(),
            name=EVIL,
            email="victim@example.org",
            channel=Channel.PHONE,
            booked_by=clerk,
        )
    assert "evil.example" not in mail.outbox[-1].body


def test_a_verified_resident_is_greeted_by_name(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        actions.book(
            slot=SlotFactory(), name="Anna Huber", email=user.email, user=user, verified=True
        )
    assert mail.outbox[-1].body.startswith("Guten Tag Anna Huber,")

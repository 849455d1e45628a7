"""Meine Daten shows the guest and paper records made with a verified e-mail address of the account,
and deleting the account erases them too (issue 14, parts 4 and 5)."""

import json

import pytest

from appointments.models import Booking
from munich_portal.accounts.actions import delete_account
from munich_portal.audit.context import processing_context
from participation.models import Registration
from tests.appointments.factories import BookingFactory
from tests.factories import UserFactory
from tests.participation.factories import HeldRegistrationFactory

pytestmark = pytest.mark.django_db

EMAIL = "quirinus.hasenoehrl@example.org"


@pytest.fixture
def resident():
    return UserFactory(email=EMAIL, full_name="Quirinus Hasenöhrl")


@pytest.fixture
def guest_rows(resident):
    booking = BookingFactory(name="Quirinus Hasenöhrl", email=EMAIL.upper())
    registration = HeldRegistrationFactory(
        first_name="Quirinus", last_name="Hasenöhrl", email=EMAIL, phone="089 4711"
    )
    stranger = BookingFactory(name="Jemand Anders", email="anders@example.org")
    return booking, registration, stranger


def test_meine_daten_lists_guest_records_of_the_verified_address(client, resident, guest_rows):
    booking, registration, _stranger = guest_rows
    client.force_login(resident)
    # Their own page since issue 17, round 2; the overview links to it.
    assert 'href="/meine-daten/ohne-konto/"' in client.get("/meine-daten/").content.decode()
    response = client.get("/meine-daten/ohne-konto/")
    html = response.content.decode()
    assert 'id="guest-records-heading"' in html
    shown = {
        group.label: [record.pk for record in group.records]
        for group in response.context["guest_records"]
    }
    assert shown == {
        "appointments.booking": [booking.pk],
        "participation.registration": [registration.pk],
    }
    assert "089 4711" in html and "anders@example.org" not in html
    assert 'href="/datenschutz/auskunft/"' in html  # the rights form, for people without account

    exported = json.loads(client.get("/meine-daten/export.json").content)
    labels = {group["type"] for group in exported["guest_records"]}
    assert labels == {"appointments.booking", "participation.registration"}


def test_an_unverified_address_shows_no_guest_records(client, guest_rows):
    unverified = UserFactory(email="other.person@example.org", verified=False)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=unverified, email=EMAIL, verified=False)
    client.force_login(unverified)
    response = client.get("/meine-daten/ohne-konto/")
    assert response.context["guest_records"] == []


def test_account_deletion_erases_the_guest_records_too(resident, guest_rows):
    booking, registration, stranger = guest_rows
    with processing_context(actor=resident):
        delete_account(user=resident)
    assert not Booking.objects.filter(pk=booking.pk, name="Quirinus Hasenöhrl").exists()
    assert not Registration.objects.filter(pk=registration.pk, last_name="Hasenöhrl").exists()
    assert not Booking.history.filter(id=booking.pk, email__iexact=EMAIL).exists()
    stranger.refresh_from_db()
    assert stranger.name == "Jemand Anders"

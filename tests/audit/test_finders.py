"""Record finders (issue 14, part 4): a person without an account is found by name plus e-mail,
phone or postal address, normalised, across the apps — and never by the name alone."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accessibility.models import BarrierReport
from appointments.models import Booking
from munich_portal.audit.finders import (
    Identity,
    find_records,
    guest_records_for_user,
    normalise_phone,
    normalise_street,
    records_by_label,
)
from munich_portal.audit.registry import _normalise_match
from participation.models import Channel, Registration
from tests.accessibility.factories import BarrierReportFactory
from tests.appointments.factories import BookingFactory
from tests.factories import UserFactory
from tests.participation.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

REGISTRATION = "participation.registration"
BOOKING = "appointments.booking"
REPORT = "accessibility.barrierreport"


def found(identity: Identity) -> dict[str, list]:
    return records_by_label(find_records(identity))


def test_normalisation_of_phone_and_street():
    assert normalise_phone("+49 89 233-96000") == "08923396000"
    assert normalise_phone("0049 (89) 23396000") == "08923396000"
    assert normalise_phone("089/233 960 00") == "08923396000"
    assert normalise_street("Sendlinger Straße 1") == normalise_street("sendlinger str. 1")
    assert normalise_street("Sendlinger Strasse 1") == normalise_street("Sendlinger Str 1")


def test_name_plus_email_finds_guest_and_paper_records_across_apps():
    guest = RegistrationFactory(first_name="Zenzi", last_name="Obermaier", email="Z.O@Example.org")
    paper = RegistrationFactory(
        channel=Channel.PAPER,
        first_name="Zenzi",
        last_name="Obermaier",
        email="",
        phone="+49 89 1234567",
    )
    booking = BookingFactory(name="Obermaier  Zenzi", email="z.o@example.org ")
    report = BarrierReportFactory(name="zenzi obermaier", email="", phone="089 1234567")
    # Same e-mail, another name (a family's shared address): not hers.
    RegistrationFactory(first_name="Xaver", last_name="Obermaier", email="z.o@example.org")
    identity = Identity(name="Zenzi Obermaier", email="z.o@example.org", phone="089/1234567")
    result = found(identity)
    assert sorted(result[REGISTRATION]) == sorted([guest.pk, paper.pk])
    assert result[BOOKING] == [booking.pk]
    assert result[REPORT] == [report.pk]


def test_postal_address_matches_with_street_spelling_and_postal_code():
    registration = RegistrationFactory(
        first_name="Zenzi",
        last_name="Obermaier",
        email="",
        street="Fraunhoferstraße 12",
        postal_code="80469",
        city="München",
    )
    RegistrationFactory(
        first_name="Zenzi",
        last_name="Obermaier",
        email="",
        street="Fraunhoferstraße 12",
        postal_code="81669",  # another Fraunhoferstraße
        city="München",
    )
    identity = Identity(name="Zenzi Obermaier", street="Fraunhoferstr. 12", postal_code="80469")
    assert found(identity) == {REGISTRATION: [registration.pk]}


def test_name_alone_never_matches():
    RegistrationFactory(first_name="Zenzi", last_name="Obermaier", email="zenzi@example.org")
    BookingFactory(name="Zenzi Obermaier", email="zenzi@example.org")
    assert find_records(Identity(name="Zenzi Obermaier")) == []
    # A name with someone else's contact details finds nothing either.
    assert found(Identity(name="Zenzi Obermaier", email="other@example.org")) == {}


def test_contact_details_without_the_name_never_match():
    RegistrationFactory(first_name="Zenzi", last_name="Obermaier", email="zenzi@example.org")
    assert found(Identity(name="Anna Huber", email="zenzi@example.org")) == {}
    assert find_records(Identity(name="", email="zenzi@example.org")) == []


def test_e_mails_are_found_only_through_an_address_a_name_match_confirmed(mailoutbox):
    from munich_portal.messaging.actions import queue_email

    registration = RegistrationFactory(
        first_name="Zenzi", last_name="Obermaier", email="zenzi@example.org"
    )
    mine = queue_email(
        kind="participation.confirmation",
        source=registration,
        recipient=None,
        to="zenzi@example.org",
        subject="Anmeldung",
        body="Guten Tag",
        language="de",
    )
    result = found(Identity(name="Zenzi Obermaier", email="zenzi@example.org"))
    assert result["messaging.outgoingemail"] == [mine.pk]
    # Without a name match there is nothing that confirms the address.
    assert found(Identity(name="Anna Huber", email="zenzi@example.org")) == {}


def test_guest_records_of_an_account_need_a_verified_address():
    user = UserFactory(email="zenzi@example.org")
    guest = BookingFactory(name="Z. O.", email="Zenzi@example.org")
    own = BookingFactory(name="Zenzi", email="zenzi@example.org", user=user)
    result = records_by_label(guest_records_for_user(user))
    # Their own booking is shown as theirs already; the guest booking joins by the address.
    assert result[BOOKING] == [guest.pk]
    assert own.pk not in result[BOOKING]

    unverified = UserFactory(email="unverified@example.org", verified=False)
    BookingFactory(name="U", email="unverified@example.org")
    assert guest_records_for_user(unverified) == []


def test_match_declarations_are_checked():
    Fake = BarrierReport
    with pytest.raises(ImproperlyConfigured):
        _normalise_match(Fake, {"name": "name"})  # a name alone
    with pytest.raises(ImproperlyConfigured):
        _normalise_match(Fake, {"name": "name", "mail": "email"})  # unknown key
    with pytest.raises(ImproperlyConfigured):
        _normalise_match(Fake, {"name": "name", "email": "missing"})
    assert _normalise_match(Fake, {"name": "name", "email": "email"}) == {
        "name": ("name",),
        "email": "email",
    }


def test_the_declarations_of_guest_records_say_how_to_find_them():
    from munich_portal.audit.registry import declaration_for

    for model in (Registration, Booking, BarrierReport):
        assert "name" in declaration_for(model).match
    assert declaration_for("ideas.idea").match["email"] == "contact_email"
    assert declaration_for("messaging.letter").match["address"] == ("street", "postal_code")
    assert declaration_for("appointments.waitinglistentry").match["email"] == "email"

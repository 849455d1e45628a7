"""Several people, several services (issue 16, part 2): one booking takes one place per person in
its slot, and every path that moves places (book, expiry, cancel and its release delay, rebook,
erasure, the clerks' booking) moves all of them; the pages offer only times with a place for
everyone, and bad input is answered next to the field."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from appointments import actions, selectors
from appointments.models import Booking, BookingPerson, BookingStatus, Slot
from munich_portal.audit.actions import ErasureReason, erase_subject
from munich_portal.core.channels import Channel
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.appointments.test_concurrency import _fire
from tests.appointments.test_views import as_staff, staff
from tests.factories import UserFactory
from tests.services.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def passports():
    appointment_type = AppointmentTypeFactory(name_de="Ausweis und Reisepass")
    passport = ServiceFactory(name_de="Reisepass beantragen", name_en="Apply for a passport")
    card = ServiceFactory(name_de="Personalausweis beantragen", name_en="Apply for an ID card")
    appointment_type.services.add(passport, card)
    return appointment_type, passport, card


def _slot(appointment_type, days=3, hour=9, capacity=4):
    return SlotFactory(
        appointment_type=appointment_type,
        starts_at=in_days(days, hour),
        ends_at=in_days(days, hour, 20),
        capacity=capacity,
    )


def _taken(slot) -> int:
    return Slot.objects.get(pk=slot.pk).taken


def _family(slot, passport, card, **kwargs) -> Booking:
    return actions.book(
        slot=slot,
        name="Anna Huber",
        email=kwargs.pop("email", "anna@example.org"),
        people=[
            ("", [passport, card]),
            ("Ben Huber", [passport]),
            ("Clara Huber", [passport]),
        ],
        **kwargs,
    )


def test_a_three_person_booking_takes_three_places_and_names_everyone(passports):
    appointment_type, passport, card = passports
    slot = _slot(appointment_type, capacity=4)
    booking = _family(slot, passport, card)
    assert (booking.places, _taken(slot)) == (3, 3)
    people = [(p.position, p.name, {s.pk for s in p.services.all()}) for p in booking.people.all()]
    assert people == [
        (1, "Anna Huber", {passport.pk, card.pk}),
        (2, "Ben Huber", {passport.pk}),
        (3, "Clara Huber", {passport.pk}),
    ]
    assert booking.service == passport  # the booker's first service, for the old one-line views
    # What to bring: each service once (the people in order, each one's in the catalogue's).
    assert booking.services_to_bring_for() == [card, passport]
    # A fourth person fits, a second family of three does not.
    with pytest.raises(actions.SlotFull):
        _family(slot, passport, card, email="other@example.org")
    assert _taken(slot) == 3


def test_only_times_and_days_with_a_place_for_everyone_are_offered(client, passports):
    appointment_type, passport, _card = passports
    two_free = _slot(appointment_type, days=3, hour=9, capacity=2)
    three_free = _slot(appointment_type, days=3, hour=10, capacity=3)
    only_two_day = _slot(appointment_type, days=4, hour=9, capacity=2)
    day = two_free.starts_at.date()
    assert [s.pk for s in selectors.free_slots(appointment_type, day, places=3)] == [three_free.pk]
    days = selectors.bookable_days(appointment_type, day, day + dt.timedelta(days=5), places=3)
    assert set(days) == {day}
    # The pages: the calendar for three links only the day with room for three ...
    base = f"/dienststellen/{appointment_type.office.slug}/termin/?art={appointment_type.pk}"
    html = client.get(f"{base}&personen=3").content.decode()
    assert f"tag={day:%Y-%m-%d}" in html
    assert f"tag={only_two_day.starts_at.date():%Y-%m-%d}" not in html
    # ... and the times of that day are only those with three free places.
    html = client.get(f"{base}&tag={day:%Y-%m-%d}&personen=3").content.decode()
    assert f'name="slot" value="{three_free.pk}"' in html
    assert f'name="slot" value="{two_free.pk}"' not in html
    assert 'name="person_3_name"' in html and 'name="person_4_name"' not in html
    # A tampered POST for a time without room for everyone is refused next to the time.
    response = client.post(
        f"{base}&tag={day:%Y-%m-%d}&personen=3",
        {
            "slot": two_free.pk,
            "service": passport.pk,
            "name": "Anna",
            "email": "anna@example.org",
            "person_2_name": "Ben",
            "person_2_services": passport.pk,
            "person_3_name": "Clara",
            "person_3_services": passport.pk,
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"slot"}
    assert not Booking.objects.exists()


def test_cancel_release_and_expiry_return_every_place(passports):
    appointment_type, passport, card = passports
    slot = _slot(appointment_type, capacity=4)
    # A confirmed family: cancelling keeps the places for the release delay, then returns all.
    confirmed = _family(slot, passport, card, user=UserFactory(), verified=True)
    assert confirmed.status == BookingStatus.CONFIRMED and _taken(slot) == 3
    actions.cancel(booking=confirmed)
    assert _taken(slot) == 3
    later = Booking.objects.get(pk=confirmed.pk).release_at + dt.timedelta(seconds=1)
    assert actions.release_due(now=later) == 1
    assert _taken(slot) == 0
    # A guest's hold that runs out returns all three places.
    held = _family(slot, passport, card)
    assert held.status == BookingStatus.HELD and _taken(slot) == 3
    actions.release_due(now=held.hold_until + dt.timedelta(seconds=1))
    assert _taken(slot) == 0
    assert Booking.objects.get(pk=held.pk).status == BookingStatus.EXPIRED
    # A hold cancelled by its link returns them at once.
    again = _family(slot, passport, card)
    actions.cancel(booking=again)
    assert _taken(slot) == 0


def test_rebooking_moves_every_place_and_needs_room_for_everyone(passports):
    appointment_type, passport, card = passports
    old = _slot(appointment_type, days=3, capacity=3)
    small = _slot(appointment_type, days=4, capacity=2)
    big = _slot(appointment_type, days=5, capacity=5)
    booking = _family(old, passport, card, user=UserFactory(), verified=True)
    with pytest.raises(actions.SlotFull):
        actions.rebook(booking=booking, slot=small)
    assert (_taken(old), _taken(small)) == (3, 0)
    actions.rebook(booking=booking, slot=big)
    assert (_taken(old), _taken(big)) == (0, 3)


def test_erasure_returns_every_place_and_deletes_the_people(passports):
    appointment_type, passport, card = passports
    resident = UserFactory()
    slot = _slot(appointment_type, capacity=4)
    booking = _family(slot, passport, card, user=resident, email=resident.email, verified=True)
    assert BookingPerson.objects.filter(booking=booking).count() == 3
    erase_subject(user=resident, reason=ErasureReason.ACCOUNT_DELETED)
    assert not Booking.objects.filter(pk=booking.pk).exists()
    assert not BookingPerson.objects.exists()
    assert _taken(slot) == 0
    # Their names are gone from the history too.
    assert set(BookingPerson.history.values_list("name", flat=True)) == {""}


def test_a_deleted_booking_leaves_no_names_of_its_people_in_history(passports):
    """Retention deletes a booking; its people go with it, and their history forgets them."""
    appointment_type, passport, card = passports
    booking = _family(_slot(appointment_type), passport, card)
    assert "Ben Huber" in set(BookingPerson.history.values_list("name", flat=True))
    booking.delete()
    assert set(BookingPerson.history.values_list("name", flat=True)) == {""}


def test_a_family_booking_counts_once_against_the_per_person_limit(passports):
    appointment_type, passport, card = passports
    slots = [_slot(appointment_type, days=3, hour=8 + n, capacity=4) for n in range(3)]
    with override_settings(APPOINTMENTS_MAX_OPEN_PER_PERSON=2):
        _family(slots[0], passport, card)
        _family(slots[1], passport, card)
        with pytest.raises(actions.TooManyOpen):
            _family(slots[2], passport, card)
    assert _taken(slots[2]) == 0


def test_the_max_people_setting_bounds_a_booking(passports):
    appointment_type, passport, card = passports
    slot = _slot(appointment_type, capacity=10)
    with override_settings(APPOINTMENTS_MAX_PEOPLE=2), pytest.raises(ValueError):
        _family(slot, passport, card)
    assert _taken(slot) == 0 and not Booking.objects.exists()
    with override_settings(APPOINTMENTS_MAX_PEOPLE=3):
        assert _family(slot, passport, card).places == 3


def test_a_service_of_another_type_is_refused_by_the_action(passports):
    appointment_type, passport, _card = passports
    stranger = ServiceFactory(name_de="Hund anmelden")
    slot = _slot(appointment_type)
    with pytest.raises(ValueError):
        actions.book(
            slot=slot,
            name="Anna",
            email="anna@example.org",
            people=[("", [passport]), ("Ben", [stranger])],
        )
    assert _taken(slot) == 0 and not Booking.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_family_bookings_never_overbook():
    """12 families of two or three at once for a slot with 7 places: the bookings that pass hold
    exactly the counter's places, never more than 7, and every refusal is SlotFull."""
    appointment_type = AppointmentTypeFactory()
    service = ServiceFactory()
    appointment_type.services.add(service)
    slot = _slot(appointment_type, capacity=7)
    jobs = [
        {
            "name": f"Familie {n}",
            "email": f"familie{n}@example.org",
            "people": [("", [service])] + [(f"Kind {n}/{k}", [service]) for k in range(1 + n % 2)],
        }
        for n in range(12)
    ]
    booked, refused, errors = _fire(slot.pk, jobs)
    assert errors == []
    assert len(booked) + len(refused) == len(jobs)
    taken = Slot.objects.get(pk=slot.pk).taken
    assert taken == sum(Booking.objects.get(pk=pk).places for pk in booked) <= 7
    assert taken >= 5  # a family of two or three was refused only when it no longer fit
    places = sum(b.places for b in Booking.objects.filter(slot=slot, occupies_place=True))
    assert places == taken


# --- the booking page: bad input ----------------------------------------------------------------
def _page(appointment_type, slot, people):
    office = appointment_type.office
    return (
        f"/dienststellen/{office.slug}/termin/?art={appointment_type.pk}"
        f"&tag={slot.starts_at.date():%Y-%m-%d}&personen={people}"
    )


def test_a_person_without_a_name_or_service_is_answered_next_to_the_field(client, passports):
    appointment_type, passport, card = passports
    slot = _slot(appointment_type, capacity=4)
    data = {
        "slot": slot.pk,
        "service": [passport.pk, card.pk],
        "name": "Anna Huber",
        "email": "anna@example.org",
        "person_2_name": "   ",
        "person_2_services": passport.pk,
        "person_3_name": "Clara Huber",
    }
    response = client.post(_page(appointment_type, slot, 3), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"person_2_name", "person_3_services"}
    html = response.content.decode()
    assert "Geben Sie den Namen von Person 2 ein." in html
    assert 'id="person_2_name_error"' in html or "id_person_2_name_error" in html
    # The input is kept.
    assert 'value="Clara Huber"' in html and 'value="Anna Huber"' in html
    assert "error-summary" in html
    assert not Booking.objects.exists()


def test_a_service_not_of_this_type_and_too_many_people_are_refused(client, passports):
    appointment_type, passport, _card = passports
    stranger = ServiceFactory(name_de="Hund anmelden")
    slot = _slot(appointment_type, capacity=4)
    response = client.post(
        _page(appointment_type, slot, 2),
        {
            "slot": slot.pk,
            "service": passport.pk,
            "name": "Anna",
            "email": "anna@example.org",
            "person_2_name": "Ben",
            "person_2_services": [stranger.pk],
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"person_2_services"}
    assert "Wählen Sie nur Leistungen dieses Termins." in response.content.decode()
    # Too many people: the number is answered next to its field, the page still works.
    for wrong in ("5", "99", "0", "x", "1" * 30):
        page = client.get(_page(appointment_type, slot, wrong))
        assert page.status_code == 200
        assert "personen" in page.context["people_form"].errors
    html = client.get(_page(appointment_type, slot, 5)).content.decode()
    assert "Höchstens 4 Personen" in html
    assert 'name="person_2_name"' not in html  # one person until the number is right
    assert not Booking.objects.exists()


def test_a_family_books_through_the_page(client, passports, django_capture_on_commit_callbacks):
    appointment_type, passport, card = passports
    slot = _slot(appointment_type, capacity=4)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _page(appointment_type, slot, 3),
            {
                "slot": slot.pk,
                "service": [passport.pk, card.pk],
                "name": "Anna Huber",
                "email": "anna@example.org",
                "person_2_name": "Ben Huber",
                "person_2_services": [passport.pk],
                "person_3_name": "Clara Huber",
                "person_3_services": [card.pk],
            },
        )
    booking = Booking.objects.get()
    assert response.status_code == 302 and booking.places == 3 and _taken(slot) == 3
    page = client.get(response["Location"]).content.decode()
    # The confirmation page lists each person (by number: the page has no names) and what to
    # bring for each service once.
    assert "Person 2: Reisepass beantragen" in page
    assert "Person 3: Personalausweis beantragen" in page
    assert page.count("<h3>Reisepass beantragen</h3>") == 1
    assert "Anna Huber" not in page


def test_the_clerk_books_a_caller_with_two_more_people(client, passports):
    admin_client_with_purpose = as_staff(client, staff(["Erfassung"]))
    appointment_type, passport, _card = passports
    slot = _slot(appointment_type, capacity=3)
    url = (
        reverse("admin:appointments_booking_clerk")
        + f"?art={appointment_type.pk}&tag={slot.starts_at.date():%Y-%m-%d}"
    )
    caller = {
        "slot": slot.pk,
        "channel": Channel.ON_SITE,
        "name": "Herr Maier",
        "service": passport.pk,
        "more_people": "Frau Maier\n\nKind Maier\n",
    }
    with override_settings(APPOINTMENTS_MAX_PEOPLE=2):
        refused = admin_client_with_purpose.post(url, caller)
    assert refused.status_code == 200
    assert set(refused.context["form"].errors) == {"more_people"}
    response = admin_client_with_purpose.post(url, caller)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.places == 3 and _taken(slot) == 3
    assert [(p.name, [s.pk for s in p.services.all()]) for p in booking.people.all()] == [
        ("Herr Maier", [passport.pk]),
        ("Frau Maier", [passport.pk]),
        ("Kind Maier", [passport.pk]),
    ]
    day_list = admin_client_with_purpose.get(
        reverse("admin:appointments_booking_day_list")
        + f"?dienststelle={appointment_type.office.pk}&tag={slot.starts_at.date():%Y-%m-%d}"
    ).content.decode()
    assert "Frau Maier: Reisepass beantragen" in day_list


def test_meine_daten_shows_the_people_of_a_booking_with_their_services(client, passports):
    appointment_type, passport, card = passports
    resident = UserFactory()
    slot = _slot(appointment_type, capacity=4)
    booking = _family(slot, passport, card, user=resident, email=resident.email, verified=True)
    client.force_login(resident)
    html = "".join(
        client.get(reverse("audit:records", args=[label])).content.decode()
        for label in ("appointments.booking", "appointments.bookingperson")
    )
    assert "Ben Huber" in html and "Clara Huber" in html
    assert booking.reference in html
    assert "Personalausweis beantragen, Reisepass beantragen" in html

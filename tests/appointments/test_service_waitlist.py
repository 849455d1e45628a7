"""The waiting list for a service at any office (issue 16): joining, the narrowing (Stadtbezirk,
building features), one queue with the offices' own lists in order of joining, offers only at
matching offices, accepting, lapsing, and the invariants in the database."""

import datetime as dt
import re
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from appointments import actions
from appointments.models import (
    Booking,
    BookingStatus,
    Slot,
    WaitingListEntry,
    WaitingStatus,
    office_match_q,
)
from munich_portal.core.models import Stadtbezirk
from tests.appointments.factories import (
    AppointmentTypeFactory,
    BookingFactory,
    SlotFactory,
    in_days,
)
from tests.factories import UserFactory
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def district(number: int, name: str) -> Stadtbezirk:
    return Stadtbezirk.objects.get_or_create(
        number=number, defaults={"name": name, "slug": name.lower()}
    )[0]


def bookable(service, office, *, starts_at=None, capacity=1):
    """An online type of ``office`` offering ``service`` with one slot, fully booked."""
    appointment_type = AppointmentTypeFactory(office=office)
    appointment_type.services.add(service)
    starts_at = starts_at or in_days(5)
    slot = SlotFactory(
        appointment_type=appointment_type,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=20),
        capacity=capacity,
    )
    bookings = [BookingFactory(slot=slot) for _ in range(capacity)]
    return slot, bookings


def waiting(n, **kwargs):
    """A confirmed entry (joined by a guest, then the e-mail link)."""
    entry = actions.join_waiting_list(name=f"W{n}", email=f"w{n}@example.org", **kwargs)
    return actions.confirm_waiting_list(entry=entry)


def free_place(booking):
    """The booking is cancelled and its place returns now (after the release delay)."""
    booking = actions.cancel(booking=booking)
    actions.release_due(now=booking.release_at)


def offer_of(slot) -> Booking:
    return Booking.objects.get(slot=slot, status=BookingStatus.OFFERED)


# --- joining ------------------------------------------------------------------------------------
def test_a_guest_joins_for_a_service_after_confirming_and_the_narrowing_is_stored(
    django_capture_on_commit_callbacks,
):
    service = ServiceFactory(name_de="Reisepass beantragen")
    maxvorstadt = district(3, "Maxvorstadt")
    with django_capture_on_commit_callbacks(execute=True):
        entry = actions.join_waiting_list(
            service=service,
            stadtbezirk=maxvorstadt,
            needs=["step_free_entrance", "induction_loop"],
            name="Gast",
            email="gast@example.org",
        )
    assert entry.status == WaitingStatus.PENDING and entry.queued_at is None
    assert entry.appointment_type_id is None and entry.service_id == service.pk
    assert entry.step_free_entrance and entry.induction_loop
    assert not entry.lift and not entry.accessible_toilet
    message = mail.outbox[-1]
    assert "Reisepass beantragen" in message.subject
    assert "Maxvorstadt" in message.body and "/termine/warteliste/bestaetigen/" in message.body
    entry = actions.confirm_waiting_list(entry=entry)
    assert entry.status == WaitingStatus.WAITING and entry.queued_at is not None


def test_a_verified_resident_waits_at_once_and_one_open_entry_per_address_and_service():
    service = ServiceFactory()
    user = UserFactory()
    entry = actions.join_waiting_list(
        service=service, name="R", email=user.email, user=user, verified=True
    )
    assert entry.status == WaitingStatus.WAITING
    with pytest.raises(actions.AlreadyWaiting):
        actions.join_waiting_list(service=service, name="R", email=user.email.upper())
    # Another service, or one office's list, is another list.
    actions.join_waiting_list(service=ServiceFactory(), name="R", email=user.email)
    actions.join_waiting_list(appointment_type=AppointmentTypeFactory(), name="R", email=user.email)
    # After the entry is closed the person can join again.
    actions.leave_waiting_list(entry=entry)
    actions.join_waiting_list(service=service, name="R", email=user.email)


def test_the_database_refuses_entries_with_no_or_two_scopes_and_narrowed_office_lists():
    service = ServiceFactory()
    appointment_type = AppointmentTypeFactory()
    base = {"status": WaitingStatus.WAITING, "name": "X", "email": "x@example.org"}
    for scope in (
        {},
        {"service": service, "appointment_type": appointment_type},
        {"appointment_type": appointment_type, "lift": True},
        {"appointment_type": appointment_type, "stadtbezirk": district(1, "Altstadt")},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            WaitingListEntry.objects.create(**base, **scope)
    WaitingListEntry.objects.create(**base, service=service)
    with pytest.raises(IntegrityError), transaction.atomic():
        WaitingListEntry.objects.create(**{**base, "email": "X@EXAMPLE.ORG"}, service=service)


def test_joining_checks_its_arguments():
    service = ServiceFactory()
    with pytest.raises(ValueError, match="one office's type or"):
        actions.join_waiting_list(name="X", email="x@example.org")
    with pytest.raises(ValueError, match="narrowed"):
        actions.join_waiting_list(
            appointment_type=AppointmentTypeFactory(), needs=["lift"], name="X", email="x@e.org"
        )
    with pytest.raises(ValueError, match="unknown needs"):
        actions.join_waiting_list(service=service, needs=["sauna"], name="X", email="x@e.org")


# --- offers -------------------------------------------------------------------------------------
def test_offers_go_in_order_of_joining_across_office_and_any_office_entries(
    django_capture_on_commit_callbacks,
):
    service = ServiceFactory()
    office = OfficeFactory(name_de="Bürgerbüro Ruppertstraße", street="Ruppertstraße 19")
    slot, (booking,) = bookable(service, office)
    first = waiting(1, service=service)
    second = waiting(2, appointment_type=slot.appointment_type)
    third = waiting(3, service=service)

    with django_capture_on_commit_callbacks(execute=True):
        free_place(booking)
    offer = offer_of(slot)
    assert offer.waiting_list_entry_id == first.pk
    # The offer carries the service waited for; the e-mail names the office and its address.
    assert offer.service_id == service.pk
    body = mail.outbox[-1].body
    assert "Bürgerbüro Ruppertstraße" in body and "Ruppertstraße 19, 80337 München" in body
    assert "/termine/angebot/" in body

    # Not taken in time: it lapses and passes to the next in order — the office's own list.
    actions.release_due(now=offer.hold_until + dt.timedelta(seconds=1))
    assert WaitingListEntry.objects.get(pk=first.pk).status == WaitingStatus.LAPSED
    offer = offer_of(slot)
    assert offer.waiting_list_entry_id == second.pk and offer.service_id is None
    # Declined: to the next "any office" entry.
    actions.cancel(booking=offer)
    offer = offer_of(slot)
    assert offer.waiting_list_entry_id == third.pk
    accepted = actions.accept_offer(booking=offer)
    assert accepted.status == BookingStatus.CONFIRMED and accepted.service_id == service.pk
    assert WaitingListEntry.objects.get(pk=third.pk).status == WaitingStatus.BOOKED
    assert Slot.objects.get(pk=slot.pk).taken == 1


def test_offers_never_go_to_an_office_the_narrowing_excludes():
    service = ServiceFactory()
    schwabing, maxvorstadt = district(4, "Schwabing-West"), district(3, "Maxvorstadt")
    no_loop = OfficeFactory(stadtbezirk=maxvorstadt, induction_loop=False, lift=False)
    slot, (booking,) = bookable(service, no_loop)
    elsewhere = waiting(1, service=service, stadtbezirk=schwabing)
    needs_loop = waiting(2, service=service, needs=["induction_loop"])
    other_service = waiting(3, service=ServiceFactory())
    unknown_lift = OfficeFactory(stadtbezirk=maxvorstadt, lift=None)
    lift_slot, (lift_booking,) = bookable(service, unknown_lift)
    needs_lift = waiting(4, service=service, needs=["lift"])

    free_place(booking)
    free_place(lift_booking)
    # Nobody matched: the places are simply free again, and nobody was offered anything.
    assert not Booking.objects.filter(status=BookingStatus.OFFERED).exists()
    assert Slot.objects.get(pk=slot.pk).taken == 0
    assert Slot.objects.get(pk=lift_slot.pk).taken == 0
    for entry in (elsewhere, needs_loop, other_service, needs_lift):
        assert WaitingListEntry.objects.get(pk=entry.pk).status == WaitingStatus.WAITING

    # A matching place: the Schwabing entry gets an office in Schwabing with a loop.
    loop_office = OfficeFactory(stadtbezirk=schwabing, induction_loop=True)
    loop_slot, (loop_booking,) = bookable(service, loop_office)
    free_place(loop_booking)
    assert offer_of(loop_slot).waiting_list_entry_id == elsewhere.pk


@pytest.mark.parametrize(
    ("office_fields", "entry_fields", "matches"),
    [
        ({}, {}, True),
        ({"stadtbezirk": 3}, {"stadtbezirk": 3}, True),
        ({"stadtbezirk": 3}, {"stadtbezirk": 4}, False),
        ({"stadtbezirk": None}, {"stadtbezirk": 4}, False),
        (
            {"lift": True, "step_free_entrance": True},
            {"lift": True, "step_free_entrance": True},
            True,
        ),
        ({"lift": None}, {"lift": True}, False),
        ({"lift": False}, {"lift": True}, False),
        ({"accessible_toilet": False}, {"accessible_toilet": True}, False),
        ({"induction_loop": True}, {"induction_loop": True}, True),
        ({"induction_loop": False}, {}, True),
    ],
)
def test_the_narrowing_in_sql_and_in_python_agree(office_fields, entry_fields, matches):
    districts = {3: district(3, "Maxvorstadt"), 4: district(4, "Schwabing-West")}

    def resolve(fields):
        return {
            key: districts.get(value) if key == "stadtbezirk" else value
            for key, value in fields.items()
        }

    office = OfficeFactory(**resolve(office_fields))
    entry = WaitingListEntry.objects.create(
        service=ServiceFactory(),
        status=WaitingStatus.WAITING,
        name="X",
        email="x@example.org",
        **resolve(entry_fields),
    )
    assert entry.matches_office(office) is matches
    assert WaitingListEntry.objects.filter(office_match_q(office), pk=entry.pk).exists() is matches


def test_no_any_office_offers_from_an_inactive_type_or_an_unpublished_office():
    service = ServiceFactory()
    entry = waiting(1, service=service)
    inactive_slot, (inactive_booking,) = bookable(service, OfficeFactory())
    inactive_slot.appointment_type.active = False
    inactive_slot.appointment_type.save()
    _draft_slot, (draft_booking,) = bookable(service, OfficeFactory(status="draft"))
    free_place(inactive_booking)
    free_place(draft_booking)
    assert not Booking.objects.filter(status=BookingStatus.OFFERED).exists()
    assert WaitingListEntry.objects.get(pk=entry.pk).status == WaitingStatus.WAITING


def test_one_entry_gets_one_offer_when_places_free_at_two_offices():
    service = ServiceFactory()
    first_slot, (first_booking,) = bookable(service, OfficeFactory())
    second_slot, (second_booking,) = bookable(service, OfficeFactory(), starts_at=in_days(6))
    entry = waiting(1, service=service)
    later = waiting(2, service=service)
    free_place(first_booking)
    free_place(second_booking)
    assert offer_of(first_slot).waiting_list_entry_id == entry.pk
    assert offer_of(second_slot).waiting_list_entry_id == later.pk
    assert Booking.objects.filter(waiting_list_entry=entry).count() == 1


def test_pending_entries_and_slots_too_soon_get_no_offer():
    service = ServiceFactory()
    actions.join_waiting_list(service=service, name="P", email="p@example.org")  # not confirmed
    _slot, (booking,) = bookable(service, OfficeFactory())
    free_place(booking)
    assert not Booking.objects.filter(status=BookingStatus.OFFERED).exists()
    waiting(1, service=service)
    soon, (soon_booking,) = bookable(
        service, OfficeFactory(), starts_at=timezone.now() + dt.timedelta(minutes=90)
    )
    actions.cancel(booking=soon_booking, release_now=True)
    assert not Booking.objects.filter(slot=soon, status=BookingStatus.OFFERED).exists()


@pytest.mark.django_db(transaction=True)
def test_two_places_freed_at_once_at_two_offices_offer_one_entry_once():
    """Two transactions free a place each at the same moment (threads with their own
    connections): the one waiting entry gets exactly one offer; the other place goes to the
    next entry, never to the same one twice."""
    service = ServiceFactory()
    slots = []
    bookings = []
    for days in (5, 6):
        slot, (booking,) = bookable(service, OfficeFactory(), starts_at=in_days(days))
        slots.append(slot)
        bookings.append(booking)
    first = waiting(1, service=service)
    second = waiting(2, service=service)
    barrier = threading.Barrier(2)
    errors = []

    def release(booking):
        try:
            barrier.wait(timeout=10)
            actions.cancel(booking=booking, release_now=True)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=release, args=(b,)) for b in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    offers = Booking.objects.filter(status=BookingStatus.OFFERED)
    assert sorted(offers.values_list("waiting_list_entry_id", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    for slot in slots:
        assert Slot.objects.get(pk=slot.pk).taken == 1


def test_the_confirmation_link_and_the_waiting_mail_name_the_service(
    client, django_capture_on_commit_callbacks
):
    service = ServiceFactory(name_de="Personalausweis beantragen")
    with django_capture_on_commit_callbacks(execute=True):
        actions.join_waiting_list(
            service=service, needs=["lift"], name="Gast", email="g@example.org"
        )
    link = re.search(r"https?://\S+(/termine/warteliste/bestaetigen/\S+/)", mail.outbox[-1].body)[1]
    page = client.get(link)
    assert page.status_code == 200
    assert "Personalausweis beantragen" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert WaitingListEntry.objects.get(email="g@example.org").status == WaitingStatus.WAITING
    assert "Personalausweis beantragen" in mail.outbox[-1].subject
    assert "Aufzug" in mail.outbox[-1].body


# --- the page -----------------------------------------------------------------------------------
@pytest.fixture
def passport():
    service = ServiceFactory(slug="reisepass", name_de="Reisepass beantragen")
    maxvorstadt = district(3, "Maxvorstadt")
    with_loop = OfficeFactory(name_de="Bürgerbüro Mitte", stadtbezirk=maxvorstadt)
    with_loop.induction_loop = True
    with_loop.save()
    without = OfficeFactory(name_de="Bürgerbüro Pasing", stadtbezirk=district(21, "Pasing"))
    for office in (with_loop, without):
        bookable(service, office)
    return service


URL = "/dienstleistungen/reisepass/termin/warteliste/"


def test_the_page_takes_the_service_first_filters_and_lists_the_matching_offices(client, passport):
    page = client.get(URL + "?bezirk=3&hoerschleife=1&aufzug=on&stufenlos=0")
    assert page.status_code == 200
    assert page["Cache-Control"].count("no-store") == 1
    html = page.content.decode()
    assert '<option value="3" selected>' in html
    assert 'name="hoerschleife" id="id_hoerschleife" checked' in html
    assert 'name="aufzug" id="id_aufzug" checked' in html
    assert 'name="stufenlos" id="id_stufenlos" checked' not in html
    assert "Bürgerbüro Mitte" in html and "Bürgerbüro Pasing" not in html
    # Nonsense in the address is ignored, never a 500.
    for query in ("?bezirk=abc&wc=%00&aufzug=zzz", "?bezirk=99", "?bezirk=1&bezirk=2"):
        assert client.get(URL + query).status_code == 200


def test_a_guest_joins_from_the_page_with_the_narrowing_and_confirms(
    client, passport, django_capture_on_commit_callbacks
):
    data = {"bezirk": "3", "hoerschleife": "on", "name": "Gast", "email": "gast@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(URL + "?bezirk=3", data)
    assert page.status_code == 200
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in page.content.decode()
    entry = WaitingListEntry.objects.get(email="gast@example.org")
    assert entry.service == passport and entry.stadtbezirk.number == 3
    assert entry.induction_loop and not entry.lift and entry.status == WaitingStatus.PENDING
    link = re.search(r"https?://\S+(/termine/warteliste/bestaetigen/\S+/)", mail.outbox[-1].body)[1]
    client.post(link)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.WAITING
    # Joining again: refused with a clear message, the input kept.
    again = client.post(URL, data)
    assert again.status_code == 409
    html = again.content.decode()
    assert "steht schon auf der Warteliste für diese Leistung" in html
    assert 'value="gast@example.org"' in html and 'value="Gast"' in html


def test_a_logged_in_resident_joins_with_the_account_address(client, passport):
    user = UserFactory(verified=True)
    client.force_login(user)
    page = client.post(URL, {"name": "Resi", "email": "other@example.org"})
    assert page.status_code == 200
    entry = WaitingListEntry.objects.get(service=passport)
    assert entry.email == user.email and entry.status == WaitingStatus.WAITING
    assert entry.user_id == user.pk


def test_bad_input_keeps_the_input_and_explains_next_to_the_field(client, passport):
    page = client.post(URL, {"bezirk": "abc", "name": "", "email": "kein-at", "aufzug": "on"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "error-summary" in html and 'value="kein-at"' in html
    assert 'name="aufzug" id="id_aufzug" checked' in html
    assert not WaitingListEntry.objects.exists()
    # A narrowing no office offering the service matches: refused, nothing stored.
    page = client.post(
        URL, {"bezirk": "21", "hoerschleife": "on", "name": "X", "email": "x@example.org"}
    )
    html = page.content.decode()
    assert "Keine Dienststelle mit dieser Leistung passt zu Ihrer Auswahl" in html
    assert not WaitingListEntry.objects.exists()
    # Lists, NUL bytes and very long values: never a 500.
    for data in (
        {"name": "A\x00B", "email": "a@example.org"},
        {"name": "N" * 5000, "email": "e" * 300 + "@example.org", "bezirk": "9" * 50},
    ):
        assert client.post(URL, data).status_code == 200
    assert not WaitingListEntry.objects.exists()


def test_the_page_is_only_for_services_bookable_online(client, passport):
    assert client.get("/dienstleistungen/gibt-es-nicht/termin/warteliste/").status_code == 404
    ServiceFactory(slug="ohne-termin")
    assert client.get("/dienstleistungen/ohne-termin/termin/warteliste/").status_code == 404
    ServiceFactory(slug="entwurf", status="draft")
    assert client.get("/dienstleistungen/entwurf/termin/warteliste/").status_code == 404


def test_english(client, passport):
    page = client.get("/en" + URL)
    html = page.content.decode()
    assert "Waiting list for any office" in html and "any district" in html
    assert "Only offices with an induction loop" in html


# --- staff --------------------------------------------------------------------------------------
def test_staff_see_any_office_entries_of_their_services_departments(client, passport):
    from munich_portal.core.models import Department
    from tests.appointments.test_views import as_staff, staff

    kvr = Department.objects.get(code="KVR")
    passport.department = kvr
    passport.save()
    mine = waiting(1, service=passport, needs=["lift"])
    other = waiting(2, service=ServiceFactory(name_de="Fremde Leistung"))
    office_list = waiting(3, appointment_type=AppointmentTypeFactory())
    as_staff(client, staff(["Sachbearbeitung"]))
    page = client.get("/admin/appointments/waitinglistentry/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reisepass beantragen bei jeder Dienststelle" in html
    assert "Fremde Leistung" not in html
    changelist = page.context["cl"].result_list
    assert {entry.pk for entry in changelist} == {mine.pk, office_list.pk}
    assert other.pk not in {entry.pk for entry in changelist}
    detail = client.get(f"/admin/appointments/waitinglistentry/{mine.pk}/change/")
    assert detail.status_code == 200
    assert client.get(f"/admin/appointments/waitinglistentry/{other.pk}/change/").status_code in (
        302,
        404,
    )
    only_any = client.get("/admin/appointments/waitinglistentry/?art=alle")
    assert {entry.pk for entry in only_any.context["cl"].result_list} == {mine.pk}

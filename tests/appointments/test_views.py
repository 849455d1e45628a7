"""The booking pages as a resident uses them, bad input, /termine/, and the staff pages with
their permissions and data-use events."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from appointments import actions, tokens
from appointments.models import Booking, BookingStatus, Slot, WaitingListEntry
from munich_portal.audit.context import SESSION_PURPOSE_KEY
from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import OutgoingEmail
from tests.admin_forms import save_change_form
from tests.appointments.factories import (
    AppointmentTypeFactory,
    BookingFactory,
    SlotFactory,
    in_days,
)
from tests.factories import UserFactory
from tests.services.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    appointment_type = AppointmentTypeFactory(name_de="Ausweis", duration_minutes=20)
    service = ServiceFactory(name_de="Personalausweis beantragen")
    appointment_type.services.add(service)
    free = SlotFactory(appointment_type=appointment_type, starts_at=in_days(3, 9), capacity=2)
    full = SlotFactory(appointment_type=appointment_type, starts_at=in_days(4, 9), capacity=1)
    BookingFactory(slot=full)
    return {"type": appointment_type, "service": service, "free": free, "full": full}


def day_url(appointment_type, slot):
    office = appointment_type.office
    day = f"{slot.starts_at.date():%Y-%m-%d}"
    return f"/dienststellen/{office.slug}/termin/?art={appointment_type.pk}&tag={day}"


def test_the_office_page_offers_booking_only_with_appointment_types(client, setup):
    office = setup["type"].office
    assert "/termin/?art=" in client.get(office.get_absolute_url()).content.decode()
    other = AppointmentTypeFactory(active=False).office
    assert "/termin/" not in client.get(other.get_absolute_url()).content.decode()
    assert client.get(f"/dienststellen/{other.slug}/termin/").status_code == 404


def test_the_calendar_links_only_days_with_a_free_place(client, setup):
    html = client.get(setup["type"].get_absolute_url()).content.decode()
    free_day, full_day = setup["free"].starts_at.date(), setup["full"].starts_at.date()
    assert f"tag={free_day:%Y-%m-%d}" in html
    assert f"tag={full_day:%Y-%m-%d}" not in html


def test_a_guest_books_confirms_and_cancels_by_links(
    client, setup, django_capture_on_commit_callbacks
):
    url = day_url(setup["type"], setup["free"])
    page = client.get(url)
    assert (
        page.status_code == 200 and page["Cache-Control"].startswith("private")
    ) or "no-store" in page["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"slot": setup["free"].pk, "service": setup["service"].pk, "name": "Anna Huber",
             "email": "anna@example.org"},
        )  # fmt: skip
    assert response.status_code == 302
    booking = Booking.objects.get(email="anna@example.org")
    assert booking.status == BookingStatus.HELD and booking.service == setup["service"]
    confirm_url = re.search(r"https?://\S+(/termine/bestaetigen/\S+/)", mail.outbox[0].body)[1]
    assert client.get(confirm_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_url).status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    manage_url = re.search(r"https?://\S+(/termine/verwalten/\S+/)", mail.outbox[-1].body)[1]
    assert "Anna" not in client.get(f"/termine/gebucht/{booking.reference}/").content.decode()
    assert client.get(manage_url).status_code == 200
    assert client.get(manage_url + "kalender.ics")["Content-Type"].startswith("text/calendar")
    client.post(manage_url, {"action": "cancel"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_verified_resident_books_directly_and_sees_it_at_termine(client, setup):
    resident = UserFactory(full_name="Rosa Resident")
    client.force_login(resident)
    response = client.post(
        day_url(setup["type"], setup["free"]),
        {"slot": setup["free"].pk, "service": setup["service"].pk, "name": "Rosa Resident"},
    )
    assert response.status_code == 302
    booking = Booking.objects.get(user=resident)
    assert booking.status == BookingStatus.CONFIRMED and booking.email == resident.email
    mine = client.get("/termine/").content.decode()
    assert booking.reference in mine
    client.force_login(UserFactory(email="other@example.org"))
    assert booking.reference not in client.get("/termine/").content.decode()


def test_termine_needs_the_same_queries_for_one_and_for_three_appointments(client, setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resident = UserFactory()
    client.force_login(resident)
    client.get("/termine/")  # the connection's first page prepares its statements (once)
    counts = []
    for hour in (9, 10, 11):
        BookingFactory(
            slot=SlotFactory(appointment_type=setup["type"], starts_at=in_days(6, hour)),
            user=resident,
        )
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/termine/").content.decode()
        counts.append(len(queries))
    assert html.count("/termine/verwalten/") == 3
    assert counts[0] == counts[1] == counts[2], counts


def test_termine_needs_a_login(client):
    response = client.get("/termine/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"slot": "abc", "name": "A", "email": "a@example.org"},
        {"slot": "9" * 40, "name": "A" * 5000, "email": "x" * 400},
        {"slot": "1\x00", "name": "Null\x00Byte", "email": "nul\x00@example.org"},
        {"slot": ["1", "2"], "name": ["a", "b"], "email": "a@example.org", "service": "x"},
        {"name": "Ünïcødé 🙂 名前", "email": "not-an-address"},
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, setup, data):
    response = client.post(day_url(setup["type"], setup["free"]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    if data.get("name") == "Ünïcødé 🙂 名前":
        assert "Ünïcødé 🙂 名前" in html
    assert not Booking.objects.filter(status=BookingStatus.HELD).exists()


def test_odd_addresses_do_not_break_the_pages(client, setup):
    base = f"/dienststellen/{setup['type'].office.slug}/termin/"
    for query in ["?art=abc", "?art=999999", "?art=1&tag=2026-13-45", "?monat=x", "?tag=\x00"]:
        assert client.get(base + query).status_code in (200, 302)
    for path in ["/termine/verwalten/abc/", "/termine/bestaetigen/x:y:z/", "/termine/angebot/%00/"]:
        assert client.get(path).status_code == 404


def test_a_slot_taken_in_the_meantime_gives_a_clear_message(client, setup):
    slot = setup["free"]
    url = day_url(setup["type"], slot)
    Slot.objects.filter(pk=slot.pk).update(taken=slot.capacity)
    response = client.post(
        url,
        {"slot": slot.pk, "service": setup["service"].pk, "name": "A", "email": "a@example.org"},
    )
    assert response.status_code == 200
    assert (
        "nicht mehr frei" in response.content.decode()
        or "no longer free" in response.content.decode()
    )


@override_settings(APPOINTMENTS_ATTEMPTS_PER_HOUR=3)
def test_too_many_attempts_from_one_client_are_held_back(client, setup):
    url = day_url(setup["type"], setup["free"])
    data = {
        "slot": setup["free"].pk,
        "service": setup["service"].pk,
        "name": "Bot",
        "email": "b1@example.org",
    }
    assert client.post(url, data).status_code == 302  # no proof of work: weighs 3
    data["email"] = "b2@example.org"
    response = client.post(url, data)
    assert response.status_code == 429
    assert "b2@example.org" in response.content.decode()


@override_settings(APPOINTMENTS_MAX_OPEN_PER_PERSON=1)
def test_the_per_person_limit_is_explained(client, setup):
    BookingFactory(email="anna@example.org", slot=SlotFactory(appointment_type=setup["type"]))
    response = client.post(
        day_url(setup["type"], setup["free"]),
        {"slot": setup["free"].pk, "service": setup["service"].pk, "name": "Anna",
         "email": "anna@example.org"},
    )  # fmt: skip
    assert response.status_code == 409
    assert 'class="error-summary"' in response.content.decode()


def test_rebooking_through_the_manage_link(client, setup):
    booking = BookingFactory(slot=setup["free"])
    other = SlotFactory(appointment_type=setup["type"], starts_at=in_days(5, 10))
    token = tokens.manage_token(booking)
    url = reverse("appointments:rebook", kwargs={"token": token})
    assert client.get(url).status_code == 200
    day = f"?tag={other.starts_at.date():%Y-%m-%d}"
    assert client.get(url + day).status_code == 200
    assert client.post(url + day, {"slot": other.pk}).status_code == 302
    booking.refresh_from_db()
    assert booking.slot_id == other.pk


def test_waiting_list_join_confirm_and_offer_pages(
    client, setup, django_capture_on_commit_callbacks
):
    office = setup["type"].office
    url = f"/dienststellen/{office.slug}/termin/warteliste/?art={setup['type'].pk}"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"name": "Wanda", "email": "wanda@example.org"}).status_code == 200
    entry = WaitingListEntry.objects.get(email="wanda@example.org")
    confirm = re.search(
        r"https?://\S+(/termine/warteliste/bestaetigen/\S+/)", mail.outbox[-1].body
    )[1]
    client.post(confirm)
    entry.refresh_from_db()
    assert entry.status == "waiting"
    assert client.post(url, {"name": "Wanda", "email": "wanda@example.org"}).status_code == 409
    # A freed place is offered; the offer page books it.
    booked = Booking.objects.get(slot=setup["full"])
    with django_capture_on_commit_callbacks(execute=True):
        booked = actions.cancel(booking=booked)
        actions.release_due(now=booked.release_at)
    offer = Booking.objects.get(status=BookingStatus.OFFERED)
    offer_url = reverse("appointments:offer", kwargs={"token": tokens.offer_token(offer)})
    assert client.get(offer_url).status_code == 200
    assert client.post(offer_url, {"action": "accept"}).status_code == 302
    offer.refresh_from_db()
    assert offer.status == BookingStatus.CONFIRMED


# --- staff ----------------------------------------------------------------------------------
def staff(roles):
    return UserFactory(staff=True, mfa=True, roles=roles, departments=["KVR"])


def as_staff(client, user):
    client.force_login(user)
    session = client.session
    session[SESSION_PURPOSE_KEY] = "appointments"
    session.save()
    return client


@pytest.mark.parametrize(
    ("roles", "day_list", "clerk"),
    [
        (["Sachbearbeitung"], 200, 200),
        (["Erfassung"], 200, 200),
        (["Redaktion"], 403, 403),
        (["Veranstaltungsorganisation"], 403, 403),
    ],
)
def test_staff_pages_by_role(client, setup, roles, day_list, clerk):
    as_staff(client, staff(roles))
    office = setup["type"].office
    day = setup["full"].starts_at.date()
    url = (
        reverse("admin:appointments_booking_day_list")
        + f"?dienststelle={office.pk}&tag={day:%Y-%m-%d}"
    )
    assert client.get(url).status_code == day_list
    assert client.get(reverse("admin:appointments_booking_clerk")).status_code == clerk


def test_residents_cannot_reach_the_staff_pages(client, setup):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:appointments_booking_day_list"))
    assert response.status_code == 302


def test_the_day_list_is_logged_and_a_clerk_books_for_a_caller(client, setup):
    clerk = staff(["Erfassung"])
    as_staff(client, clerk)
    office = setup["type"].office
    day = setup["full"].starts_at.date()
    before = DataUseEvent.objects.count()
    url = (
        reverse("admin:appointments_booking_day_list")
        + f"?dienststelle={office.pk}&tag={day:%Y-%m-%d}"
    )
    html = client.get(url).content.decode()
    assert Booking.objects.get(slot=setup["full"]).name in html
    assert DataUseEvent.objects.count() > before
    clerk_url = (
        reverse("admin:appointments_booking_clerk")
        + f"?art={setup['type'].pk}&tag={setup['free'].starts_at.date():%Y-%m-%d}"
    )
    caller = {"slot": setup["free"].pk, "channel": "phone", "name": "Herr Maier", "phone": "089 1"}
    # A caller without e-mail: the confirmation goes by letter, so the address is needed.
    refused = client.post(clerk_url, {**caller, "street": "Sendlinger Str. 1"})
    assert refused.status_code == 200
    form = refused.context["form"]
    assert set(form.errors) == {"postal_code", "city"}
    assert form["street"].value() == "Sendlinger Str. 1"
    assert not Booking.objects.filter(name="Herr Maier").exists()
    address = {"street": "Sendlinger Str. 1", "postal_code": "80331", "city": "München"}
    response = client.post(clerk_url, {**caller, **address})
    assert response.status_code == 302
    booking = Booking.objects.get(name="Herr Maier")
    assert booking.channel == "phone" and booking.booked_by_id == clerk.pk
    assert (booking.street, booking.postal_code, booking.city) == tuple(address.values())
    (letter,) = booking.letters.all()
    assert letter.kind == "appointments.confirmation"
    assert (letter.street, letter.postal_code, letter.city) == tuple(address.values())
    assert booking.reference in letter.body and letter.reference == booking.reference
    assert not booking.emails.exists()
    printed = client.get(response["Location"]).content.decode()
    assert booking.reference in printed and "Terminbestätigung" in printed
    # At the desk the address is optional: the printed confirmation is handed over.
    client.post(clerk_url, {**caller, "channel": "on_site", "name": "Frau Ott"})
    assert not Booking.objects.get(name="Frau Ott").letters.exists()


def test_the_admin_pages_render_for_their_roles(client, setup):
    booking = Booking.objects.get(slot=setup["full"])
    as_staff(client, staff(["Sachbearbeitung"]))
    changelist = client.get(reverse("admin:appointments_booking_changelist"))
    assert changelist.status_code == 200
    assert reverse("admin:appointments_booking_day_list") in changelist.content.decode()
    assert (
        client.get(reverse("admin:appointments_booking_change", args=[booking.pk])).status_code
        == 200
    )
    printed = client.get(reverse("admin:appointments_booking_print", args=[booking.pk]))
    assert booking.reference in printed.content.decode()
    assert client.get(reverse("admin:appointments_appointmenttype_add")).status_code == 403
    as_staff(client, staff(["Redaktion"]))
    assert client.get(reverse("admin:appointments_appointmenttype_add")).status_code == 200
    assert client.get(reverse("admin:appointments_booking_changelist")).status_code == 403


def test_correcting_a_booking_in_the_admin_sends_nothing(client, setup):
    """A booking's change form only corrects contact data (the status goes through the actions):
    saving it tells the person nothing (issue 14: one e-mail per save at most)."""
    booking = Booking.objects.get(slot=setup["full"])
    before = OutgoingEmail.objects.count()
    response = save_change_form(
        as_staff(client, staff(["Sachbearbeitung"])),
        reverse("admin:appointments_booking_change", args=[booking.pk]),
        phone="089 654321",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    booking.refresh_from_db()
    assert booking.phone == "089 654321"
    assert OutgoingEmail.objects.count() == before


@override_settings(APPOINTMENTS_ATTEMPTS_PER_HOUR=3, APPOINTMENTS_POW_BITS=8)
def test_a_solved_proof_of_work_counts_once_against_the_rate_limit(client, setup):
    """With the browser's proof of work three attempts fit into the limit of 3; a replayed
    solution counts as none (weighs three) and is held back."""
    from appointments import challenge

    url = day_url(setup["type"], setup["free"])
    setup["free"].capacity = 10
    setup["free"].save()
    replay = None
    for n in range(3):
        puzzle = challenge.new_challenge()
        solution = challenge.solve(puzzle)
        replay = (puzzle, solution)
        data = {
            "slot": setup["free"].pk,
            "service": setup["service"].pk,
            "name": f"P {n}",
            "email": f"p{n}@example.org",
            "pow_challenge": puzzle,
            "pow_solution": solution,
        }
        assert client.post(url, data).status_code == 302
    data.update({"email": "p9@example.org", "pow_challenge": replay[0], "pow_solution": replay[1]})
    assert client.post(url, data).status_code == 429


@override_settings(APPOINTMENTS_POW_BITS=8)
def test_the_booking_post_costs_its_reads_writes_and_two_limit_statements(client, setup):
    """Issue 17, round 2: a guest's booking POST with the proof of work runs the type, the due
    releases, the day's slots and services, ONE statement per rate limit (the challenge used
    once, the attempts), the person's lock and count, the slot's lock (with type and office) and
    its due releases, the offered services, the booking, its person and their service with their
    history, the counter, the e-mail in the outbox — and reads nothing back for the e-mail (the
    party it just wrote, the office came with the slot's lock)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from appointments import challenge

    ContentType.objects.get_for_model(Booking)  # cached per process in production
    puzzle = challenge.new_challenge()
    data = {
        "slot": setup["free"].pk,
        "service": setup["service"].pk,
        "name": "Anna Huber",
        "email": "anna@example.org",
        "pow_challenge": puzzle,
        "pow_solution": challenge.solve(puzzle),
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post(day_url(setup["type"], setup["free"]), data)
    assert response.status_code == 302
    statements = [query["sql"].strip() for query in queries.captured_queries]
    limits = [sql for sql in statements if "core_ratelimitwindow" in sql]
    assert len(limits) == 2 and all("ON CONFLICT (key) DO UPDATE" in sql for sql in limits)
    assert not [sql for sql in statements if sql.startswith("SELECT") and (
        'FROM "appointments_bookingperson"' in sql or 'FROM "services_office"' in sql
    )]  # fmt: skip
    # The test's transaction makes book() a savepoint: its SAVEPOINT and RELEASE are two more.
    assert sum(sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) for sql in statements) == 2
    # The office's types are a prepared read (round 6): on this new connection it is prepared
    # first, once per connection in production; each POST then runs 21 statements.
    prepared = [sql for sql in statements if sql.startswith("PREPARE")]
    assert len(prepared) == 1 and '"appointments_appointmenttype"' in prepared[0]
    assert len(statements) - len(prepared) == 21, "\n".join(statements)
    booking = Booking.objects.get(email="anna@example.org")
    assert [(p.name, [s.pk for s in p.services]) for p in booking.party()] == [
        ("Anna Huber", [setup["service"].pk])
    ]
    email = OutgoingEmail.objects.get(to_address="anna@example.org")
    assert "Personalausweis beantragen" in email.body

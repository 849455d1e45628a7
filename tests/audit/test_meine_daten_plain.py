"""Meine Daten in plain language (issue 14): local times, words instead of codes, answers as
"question: answer", a legal basis in German and the staff member's department."""

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from munich_portal.audit import actions, purposes
from munich_portal.audit.context import processing_context
from munich_portal.audit.values import plain_text
from munich_portal.core.models import Department
from tests.appointments.factories import BookingFactory, SlotFactory
from tests.factories import UserFactory
from tests.online_requests.factories import published_service, submitted_request

BERLIN = ZoneInfo("Europe/Berlin")


def shown(text: str, label: str) -> str:
    """The value a record on the page shows under ``label``."""
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", text, flags=re.S)
    assert match, f"no field {label!r} on the page"
    return match.group(1)


@pytest.fixture
def booking(resident):
    """A confirmed appointment at 09:15 Munich time on a summer day (07:15 UTC)."""
    slot = SlotFactory(
        starts_at=dt.datetime(2026, 7, 14, 9, 15, tzinfo=BERLIN),
        ends_at=dt.datetime(2026, 7, 14, 9, 35, tzinfo=BERLIN),
    )
    return BookingFactory(slot=slot, user=resident)


# --- The formatter --------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("de", ("Ja", "Nein")), ("en", ("Yes", "No"))])
def test_yes_and_no_are_words_of_the_active_language(language, expected):
    with translation.override(language):
        assert (plain_text(True), plain_text(False)) == expected


def test_a_time_is_shown_in_munich_whatever_zone_it_comes_in():
    """07:15 UTC on a summer day is 09:15 in Munich; the active time zone does not matter."""
    utc = dt.datetime(2026, 7, 14, 7, 15, tzinfo=dt.UTC)
    with translation.override("de"), timezone.override(dt.UTC):
        assert plain_text(utc) == "14. Juli 2026 09:15"


def test_pairs_and_dicts_are_label_value_lines_and_nothing_is_a_dash():
    assert plain_text([("Farbe", "Grün"), ("Anzahl", "3")]) == "Farbe: Grün\nAnzahl: 3"
    assert plain_text({"colour": "green"}) == "Colour: green"
    assert plain_text(None) == plain_text("") == plain_text([]) == "—"


# --- The page -------------------------------------------------------------------------------------


def test_an_appointment_at_0915_shows_0915_and_its_status_in_words(client, resident, booking):
    client.force_login(resident)

    german = client.get("/meine-daten/daten/appointments.booking/").content.decode()
    english = client.get("/en/meine-daten/daten/appointments.booking/").content.decode()

    assert "09:15" in shown(german, "Zeitfenster") and "07:15" not in german
    assert shown(german, "Status") == "bestätigt"
    assert "9:15 a.m." in shown(english, "Slot")  # English format, Munich time
    assert shown(english, "Status") == "confirmed"


def test_a_status_change_reads_as_words_not_codes(client, resident, booking):
    booking.status = "cancelled"
    booking.save()
    client.force_login(resident)

    german = client.get("/meine-daten/aenderungen/").content.decode()

    assert "Status: bestätigt → storniert" in german
    assert "confirmed → cancelled" not in german


def test_the_printable_document_and_the_json_show_the_same_time(client, resident, booking):
    client.force_login(resident)

    document = client.get("/meine-daten/dokument/").content.decode()
    data = json.loads(client.get("/meine-daten/export.json").content)

    assert "09:15" in shown(document, "Zeitfenster")
    (bookings,) = [group for group in data["records"] if group["type"] == "appointments.booking"]
    assert bookings["items"][0]["fields"]["Zeitfenster"] == "2026-07-14T09:15:00+02:00"


def test_an_online_requests_answers_read_as_question_and_answer(
    client, resident, settings, tmp_path
):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    submitted_request(published_service(), user=resident)
    client.force_login(resident)

    page = "meine-daten/daten/online_requests.onlinerequest/"
    german = shown(client.get(f"/{page}").content.decode(), "Angaben")
    english = shown(client.get(f"/en/{page}").content.decode(), "Answers")

    lines = german.split("<br>")
    assert "Farbe: Grün" in lines and "Einverstanden?: Ja" in lines
    assert "Anschrift: Marienplatz 8, 80331 München" in lines
    assert "Nachweis: nachweis.pdf" in lines  # the file's name, not its id
    assert "Colour: Green" in english.split("<br>")
    assert "{" not in german and "grun" not in german  # no dictionary, no stored codes


def test_the_json_download_holds_the_answers_by_question(client, resident, settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    submitted_request(published_service(), user=resident)
    client.force_login(resident)

    data = json.loads(client.get("/en/meine-daten/export.json").content)

    (requests,) = [g for g in data["records"] if g["type"] == "online_requests.onlinerequest"]
    assert requests["items"][0]["fields"]["Answers"]["Colour"] == "Green"


def test_the_staff_members_department_is_shown_in_german_too(client, resident):
    staff = UserFactory(staff=True, roles=["Sachbearbeitung"])
    Department.objects.get_or_create(
        code="KVR",
        defaults={"name": "Kreisverwaltungsreferat", "name_en": "Department of Public Order"},
    )
    with processing_context(
        actor=staff, purpose="resident_support", channel="admin", department="KVR"
    ):
        actions.record_use(action="view", subject=resident, record=resident)
    client.force_login(resident)

    text = client.get("/meine-daten/").content.decode()

    by = r"\(Rolle: [^;)]*Sachbearbeitung[^;)]*; Referat: Kreisverwaltungsreferat\)"
    assert re.search(by, text)


# --- The legal basis ------------------------------------------------------------------------------


def test_every_legal_basis_is_german():
    """The legal basis is a German citation in both languages: no English words in any."""
    english = re.compile(r"\b(?:and|for|of|the|with|consent|needs|access)\b")
    assert [p.legal_basis for p in purposes.all_purposes() if english.search(p.legal_basis)] == []


def test_the_participation_purposes_legal_basis_is_german():
    basis = purposes.get("participation_events").legal_basis
    assert "(Einwilligung) für Angaben zum Unterstützungsbedarf" in basis

"""Issuing batches, entering sheets (once only, also under a race), duplicates, letters, counts."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from munich_portal.audit.models import DataUseEvent
from munich_portal.core.numbers import is_valid
from paper import actions, selectors
from paper.models import DuplicateDecision, FormBatch, FormSheet
from participation import actions as registration_actions
from participation.models import Event, Registration, RegistrationStatus
from tests.factories import UserFactory
from tests.participation.factories import (
    ConsentTextFactory,
    EventFactory,
    ProcessFactory,
    RegistrationFactory,
    person,
)

pytestmark = pytest.mark.django_db


def _batch(event, sheets=3, **kwargs):
    return actions.issue_batch(
        process=event.process,
        event=event,
        place="Bürgerbüro Pasing",
        sheets=sheets,
        issued_by=None,
        **kwargs,
    )


def _enter(sheet, clerk, n=0, **kwargs):
    values = {
        "number": sheet.number,
        "entered_by": clerk,
        "person": person(n, email=""),
        "number_of_people": 1,
        "access_needs": [],
    }
    values.update(kwargs)
    return actions.enter_sheet(**values)


# --- issuing --------------------------------------------------------------------------------------


def test_issuing_a_batch_draws_unique_valid_numbers_from_the_sequence(event):
    """50 sheets get 50 different numbers with a valid check digit; a second batch continues the
    sequence without overlap; the batch records place, date, consent version and organiser."""
    organiser = UserFactory(staff=True)
    first = actions.issue_batch(
        process=event.process,
        event=event,
        place=" Bürgerbüro Pasing ",
        sheets=50,
        issued_by=organiser,
    )
    second = _batch(event, sheets=20)
    numbers = list(FormSheet.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 70
    assert all(is_valid(number) for number in numbers)
    assert all(number.startswith(str(timezone.localdate().year)) for number in numbers)
    assert max(first.form_sheets.values_list("number", flat=True)) < min(
        second.form_sheets.values_list("number", flat=True)
    )
    assert first.place == "Bürgerbüro Pasing"
    assert first.issued_on == timezone.localdate()
    assert first.consent_version == "2026-11"
    assert first.issued_by_id == organiser.pk
    assert set(first.form_sheets.values_list("status", flat=True)) == {"issued"}


@pytest.mark.parametrize("sheets", [0, 501])
def test_a_batch_has_1_to_500_sheets(event, sheets):
    with pytest.raises(actions.PaperError):
        _batch(event, sheets=sheets)


def test_a_batch_for_an_event_of_another_process_is_refused(event):
    with pytest.raises(actions.PaperError):
        actions.issue_batch(
            process=ProcessFactory(), event=event, place="Rathaus", sheets=1, issued_by=None
        )


def test_a_process_batch_needs_upcoming_events_and_at_most_four(event):
    """A sheet for a whole process lists its events; none or more than four do not fit."""
    empty = ProcessFactory()
    with pytest.raises(actions.PaperError):
        actions.issue_batch(process=empty, place="Rathaus", sheets=1, issued_by=None)
    for _ in range(4):
        EventFactory(process=event.process)
    with pytest.raises(actions.PaperError):
        actions.issue_batch(process=event.process, place="Rathaus", sheets=1, issued_by=None)


def test_form_numbers_are_unique_in_the_database(event):
    """The database refuses a second sheet with the same number."""
    sheet = _batch(event, sheets=1).form_sheets.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        FormSheet.objects.create(number=sheet.number, batch=sheet.batch)


def test_the_database_refuses_numbers_that_are_not_digits(event):
    batch = _batch(event, sheets=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        FormSheet.objects.create(number="2026-000001-x", batch=batch)


# --- entering -------------------------------------------------------------------------------------


def test_entering_a_sheet_registers_the_person_on_the_paper_channel(event, clerk):
    """The registration has channel paper, the form number, the clerk, the consent version of
    the batch and was received at the moment of entry; the sheet is marked entered."""
    sheet = _batch(event).form_sheets.first()
    result = _enter(sheet, clerk, access_needs=["wheelchair"], number_of_people=2)
    registration = result.registration
    sheet.refresh_from_db()
    assert registration.channel == "paper"
    assert registration.form_number == sheet.number
    assert registration.entered_by_id == clerk.pk
    assert registration.consent_version == sheet.batch.consent_version
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.access_needs == ["wheelchair"]
    assert sheet.status == FormSheet.Status.ENTERED
    assert sheet.registration == registration
    assert sheet.entered_by_id == clerk.pk
    assert sheet.entered_at == registration.received_at
    assert not result.linked
    event.refresh_from_db()
    assert event.confirmed_places == 2


def test_the_entry_is_in_the_registration_history_with_its_form_number(event, clerk):
    """The registration's history starts with the entry, naming the paper form; later changes
    are history rows too."""
    sheet = _batch(event).form_sheets.first()
    registration = _enter(sheet, clerk).registration
    first = registration.history.earliest()
    assert first.history_type == "+"
    assert sheet.printed_number in (first.history_change_reason or "")
    assert first.purpose == "participation_events"
    registration.phone = "089 123456"
    registration.save()
    assert registration.history.count() == 2
    assert sheet.history.filter(status="entered").exists()


def test_a_sheet_cannot_be_entered_twice(event, clerk):
    """The second entry of the same number is refused and names the first entry."""
    sheet = _batch(event).form_sheets.first()
    _enter(sheet, clerk)
    with pytest.raises(actions.SheetNotEnterable) as refused:
        _enter(sheet, UserFactory(staff=True), n=1)
    assert refused.value.sheet.entered_by_id == clerk.pk
    assert Registration.objects.filter(form_number=sheet.number).count() == 1


def test_a_void_sheet_cannot_be_entered(event, clerk):
    batch = _batch(event)
    sheet = batch.form_sheets.first()
    assert actions.void_sheets(sheets=[sheet], by=clerk) == 1
    with pytest.raises(actions.SheetNotEnterable):
        _enter(sheet, clerk)


def test_voiding_leaves_entered_sheets_alone(event, clerk):
    sheets = list(_batch(event).form_sheets.all())
    _enter(sheets[0], clerk)
    assert actions.void_sheets(sheets=sheets, by=clerk) == 2
    sheets[0].refresh_from_db()
    assert sheets[0].status == FormSheet.Status.ENTERED


def test_the_database_refuses_two_registrations_with_one_form_number(event):
    """Backing the row lock: Registration.form_number is unique."""
    RegistrationFactory(event=event, form_number="20260000017")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, form_number="20260000017")


def test_an_unknown_number_is_refused(event, clerk):
    with pytest.raises(actions.PaperError):
        actions.enter_sheet(
            number="20269999993",
            entered_by=clerk,
            person=person(),
            number_of_people=1,
            access_needs=[],
        )


def test_a_process_sheet_needs_the_ticked_event(clerk):
    ConsentTextFactory()
    process = ProcessFactory()
    first = EventFactory(process=process)
    second = EventFactory(process=process)
    other = EventFactory()
    sheet = actions.issue_batch(
        process=process, place="Rathaus", sheets=1, issued_by=None
    ).form_sheets.get()
    with pytest.raises(actions.PaperError):
        _enter(sheet, clerk)
    with pytest.raises(actions.PaperError):
        _enter(sheet, clerk, event=other)
    registration = _enter(sheet, clerk, event=second).registration
    assert registration.event == second
    assert not first.registrations.exists()


def test_paper_and_online_share_the_places_and_the_waiting_list(event, clerk):
    """Three places: two online, then two sheets: one confirmed, one waitlisted."""
    for n in range(2):
        registration_actions.register(
            event=event,
            channel="online",
            person=person(n),
            number_of_people=1,
            access_needs=[],
            consent_version="2026-11",
        )
    sheets = list(_batch(event).form_sheets.all())
    assert _enter(sheets[0], clerk, n=10).registration.status == RegistrationStatus.CONFIRMED
    assert _enter(sheets[1], clerk, n=11).registration.status == RegistrationStatus.WAITLISTED


def test_a_sheet_without_email_gets_a_letter(event, clerk, django_capture_on_commit_callbacks):
    """The person gave no e-mail: the confirmation becomes a letter for the clerks' batch."""
    sheet = _batch(event).form_sheets.first()
    with django_capture_on_commit_callbacks(execute=True):
        registration = _enter(sheet, clerk).registration
    (letter,) = registration.letters.all()
    assert letter.kind == "participation.confirmation"
    assert (letter.street, letter.reference) == (registration.street, registration.reference)


@pytest.mark.django_db(transaction=True)
def test_two_clerks_entering_the_same_sheet_at_once_make_one_registration():
    """A race: eight threads enter the same number at the same moment. Exactly one succeeds; the
    others are refused as already entered; one registration holds the number."""
    ConsentTextFactory()
    event = EventFactory(capacity=20)
    sheet = _batch(event, sheets=1).form_sheets.get()
    clerks = [UserFactory(staff=True) for _ in range(8)]
    barrier = threading.Barrier(len(clerks))
    outcomes, lock = [], threading.Lock()

    def one(index):
        try:
            barrier.wait(timeout=30)
            _enter(FormSheet.objects.get(pk=sheet.pk), clerks[index], n=index)
            outcome = "entered"
        except actions.SheetNotEnterable:
            outcome = "refused"
        except Exception as error:  # any other failure is a finding
            outcome = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    with ThreadPoolExecutor(max_workers=len(clerks)) as pool:
        list(pool.map(one, range(len(clerks))))
    assert sorted(outcomes) == ["entered"] + ["refused"] * 7
    assert Registration.objects.filter(form_number=sheet.number).count() == 1
    assert Event.objects.get(pk=event.pk).confirmed_places == 1


# --- duplicates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("online", "paper"),
    [
        # Umlauts and ß spelt out, case, spaces and hyphens; e-mail in other case.
        (
            {"first_name": "Jörg", "last_name": "Müller-Strauß", "email": "J.Mueller@Example.org"},
            {
                "first_name": "JOERG",
                "last_name": " mueller strauss ",
                "email": "j.mueller@example.org",
            },
        ),
        # Phone digits only, +49 read as 0.
        (
            {
                "first_name": "Anna",
                "last_name": "Huber",
                "email": "a@example.org",
                "phone": "+49 89 1234567",
            },
            {"first_name": "anna", "last_name": "HUBER", "email": "", "phone": "089/123 45 67"},
        ),
        # Postal code.
        (
            {
                "first_name": "José",
                "last_name": "Pérez",
                "email": "jp@example.org",
                "postal_code": "80331",
            },
            {"first_name": "Jose", "last_name": "Perez", "email": "", "postal_code": "80331"},
        ),
    ],
)
def test_duplicates_match_by_normalised_name_and_a_contact(event, online, paper):
    existing = RegistrationFactory(event=event, **online)
    candidates = selectors.find_duplicates(event=event, **paper)
    assert [candidate.registration.pk for candidate in candidates] == [existing.pk]


def test_same_name_without_a_matching_contact_is_no_duplicate(event):
    RegistrationFactory(
        event=event,
        first_name="Anna",
        last_name="Huber",
        email="a@example.org",
        postal_code="80331",
    )
    assert not selectors.find_duplicates(
        event=event,
        first_name="Anna",
        last_name="Huber",
        email="b@example.org",
        postal_code="81245",
    )


def test_cancelled_registrations_and_other_events_are_no_duplicates(event):
    RegistrationFactory(
        event=event, first_name="Anna", last_name="Huber", email="a@example.org", status="cancelled"
    )
    RegistrationFactory(first_name="Anna", last_name="Huber", email="a@example.org")
    assert not selectors.find_duplicates(
        event=event, first_name="Anna", last_name="Huber", email="a@example.org"
    )


def test_candidates_are_masked_for_the_clerk(event):
    RegistrationFactory(
        event=event,
        first_name="Anna",
        last_name="Huber",
        email="anna.huber@example.org",
        phone="089 1234567",
    )
    candidate = selectors.find_duplicates(
        event=event, first_name="Anna", last_name="Huber", email="anna.huber@example.org"
    )[0]
    assert candidate.masked_email == "a•••@example.org"
    assert candidate.masked_phone == "•••567"
    assert candidate.matched_on == ("email",)


def test_same_person_links_the_sheet_and_takes_no_second_place(event, clerk):
    """The clerk decides "same person": the sheet is entered as a linked, cancelled record; the
    online registration keeps its one place; the decision is stored."""
    online = registration_actions.register(
        event=event,
        channel="online",
        person=person(1),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
    )
    sheet = _batch(event).form_sheets.first()
    result = _enter(sheet, clerk, n=1, same_person_as=online, shown_candidates=[online])
    assert result.linked
    assert result.registration.linked_to == online
    assert result.registration.status == RegistrationStatus.CANCELLED
    event.refresh_from_db()
    assert event.confirmed_places == 1
    decision = DuplicateDecision.objects.get()
    assert (decision.sheet, decision.candidate, decision.registration) == (
        sheet,
        online,
        result.registration,
    )
    assert decision.decision == DuplicateDecision.Decision.SAME_PERSON
    assert decision.decided_by_id == clerk.pk
    sheet.refresh_from_db()
    assert sheet.status == FormSheet.Status.ENTERED


def test_different_person_saves_a_new_registration_and_records_the_decision(event, clerk):
    online = RegistrationFactory(event=event, first_name="Maria", last_name="Schmid0")
    sheet = _batch(event).form_sheets.first()
    result = _enter(sheet, clerk, shown_candidates=[online])
    assert not result.linked
    assert result.registration.linked_to is None
    assert result.registration.status == RegistrationStatus.CONFIRMED
    decision = DuplicateDecision.objects.get()
    assert decision.decision == DuplicateDecision.Decision.DIFFERENT_PERSON
    assert decision.candidate == online


def test_same_person_must_be_one_of_the_candidates_shown(event, clerk):
    other = RegistrationFactory(event=event)
    sheet = _batch(event).form_sheets.first()
    with pytest.raises(actions.PaperError):
        _enter(sheet, clerk, same_person_as=other, shown_candidates=[])


def test_viewing_candidates_is_a_data_use_event(event, clerk):
    """Showing the candidates logs a batch "view" event, and one for a resident with an account."""
    resident = UserFactory()
    candidate = RegistrationFactory(event=event, user=resident)
    before = DataUseEvent.objects.count()
    actions.log_candidates_viewed(candidates=[candidate])
    events = list(DataUseEvent.objects.order_by("seq")[before:])
    assert [event.action for event in events] == ["view", "view"]
    assert events[0].details["criteria"] == {
        "duplicate_check": True,
        "candidates": 1,
        "entry": "paper",
    }
    assert events[1].record_id == str(candidate.pk)


# --- counts ---------------------------------------------------------------------------------------


def test_batch_counts_per_batch_of_an_event(event, clerk):
    """Issued, entered, void and still out per batch; process batches count too."""
    pasing = _batch(event, sheets=3)
    library = actions.issue_batch(
        process=event.process, place="Stadtbibliothek", sheets=2, issued_by=None
    )
    sheets = list(pasing.form_sheets.order_by("number"))
    _enter(sheets[0], clerk)
    actions.void_sheets(sheets=[sheets[1]], by=clerk)
    _enter(library.form_sheets.first(), clerk, n=5, event=event)
    counts = selectors.batch_counts(event)
    rows = {row["place"]: row for row in counts["batches"]}
    assert {
        key: rows["Bürgerbüro Pasing"][key]
        for key in ("issued", "entered", "void", "outstanding", "returned")
    } == {"issued": 3, "entered": 1, "void": 1, "outstanding": 1, "returned": 2}
    assert rows["Stadtbibliothek"]["for_process"] is True
    assert (rows["Stadtbibliothek"]["issued"], rows["Stadtbibliothek"]["entered"]) == (2, 1)
    assert counts["totals"]["issued"] == 5
    assert selectors.counts_for_batch(pasing) == {
        "issued": 3,
        "returned": 2,
        "entered": 1,
        "void": 1,
        "waiting": 0,
        "missing": 1,
        "outstanding": 1,
    }
    assert FormBatch.objects.count() == 2


def test_a_sheet_layout_is_measured_once_and_remembered(event, monkeypatch):
    """Two batches of the same event, place and day lay the sheet out once (the admin form's
    check and issuing reuse it as well); another place is measured anew; the answer is kept."""
    from paper import pdf

    calls = []
    real = pdf.page_count
    monkeypatch.setattr(pdf, "page_count", lambda html, css: calls.append(1) or real(html, css))
    monkeypatch.setattr(pdf, "_FITS", {})
    _batch(event, sheets=1)
    _batch(event, sheets=2)
    assert len(calls) == 1
    actions.check_batch(
        process=event.process, event=event, sheets=1, place="Stadtbibliothek", language="de"
    )
    assert len(calls) == 2
    assert list(pdf._FITS.values()) == [True, True]


def test_a_batch_whose_front_would_run_onto_a_second_page_is_refused(event):
    """Four events with titles and places of the longest length the model allows do not fit one
    front page: the batch is refused before any number is drawn, the message for the event
    field."""
    long = {
        "title_de": ("Werkstatt zur Neugestaltung der Quartiersmitte mit Spielplatz " * 4)[:200],
        "place_address": ("Treffpunkt am Haupteingang der Grundschule, Hof links, " * 6)[:300],
    }
    Event.objects.filter(pk=event.pk).update(**long)
    event.refresh_from_db()
    for _ in range(actions.MAX_EVENTS_PER_PROCESS_SHEET - 1):
        EventFactory(process=event.process, **long)
    with pytest.raises(actions.PaperError) as refused, translation.override("en"):
        actions.issue_batch(process=event.process, place="Rathaus", sheets=1, issued_by=None)
    assert refused.value.field == "event"
    assert "do not fit on the front of one sheet" in str(refused.value)
    assert not FormBatch.objects.exists()
    # The same events fit one at a time.
    assert (
        actions.issue_batch(
            process=event.process, event=event, place="Rathaus", sheets=1, issued_by=None
        ).form_sheets.count()
        == 1
    )


def test_a_sheet_in_leichte_sprache_registers_with_german_messages(event, clerk):
    batch = _batch(event, sheets=1, language=FormBatch.Language.EASY_GERMAN)
    assert batch.language == "de-x-ls"
    result = _enter(batch.form_sheets.get(), clerk)
    assert result.registration.language == "de"


def test_a_process_batch_in_leichte_sprache_names_one_event(event):
    """Two upcoming events: the German batch is issued, the one in Leichte Sprache refused next
    to the event field, before any number is drawn."""
    EventFactory(process=event.process)
    actions.issue_batch(process=event.process, place="Rathaus", sheets=1, issued_by=None)
    sheets = FormSheet.objects.count()
    with translation.override("en"), pytest.raises(actions.PaperError) as caught:
        actions.issue_batch(
            process=event.process,
            place="Rathaus",
            sheets=1,
            issued_by=None,
            language=FormBatch.Language.EASY_GERMAN,
        )
    assert caught.value.field == "event"
    assert "a sheet in Leichte Sprache names only one" in str(caught.value)
    assert FormSheet.objects.count() == sheets

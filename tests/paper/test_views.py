"""The clerks' pages: who may open them, number screen, entry, duplicates, letters, admin."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from munich_portal.audit.models import DataUseEvent
from munich_portal.core.numbers import check_digit
from munich_portal.messaging.models import Letter
from paper import actions
from paper.models import DuplicateDecision, FormBatch, FormSheet
from participation.models import RegistrationStatus
from tests.factories import UserFactory
from tests.messaging.conftest import idea_letter, registration_letter
from tests.participation.factories import (
    ConsentTextFactory,
    EventFactory,
    ProcessFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

# Texts are asserted in English (the German translations may still change): /en/ addresses.
ENTRY = "/en/erfassung/"
LETTERS = "/en/erfassung/briefe/"
BACKEND = settings.AUTHENTICATION_BACKENDS[-1]


def en_reverse(name, args=None) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def clerk():
    return UserFactory(
        email="klara.klerk@muenchen.example",
        full_name="Klara Klerk",
        staff=True,
        roles=["Erfassung"],
        mfa=True,
    )


@pytest.fixture
def organiser():
    return UserFactory(staff=True, roles=["Veranstaltungsorganisation"], mfa=True)


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(capacity=5, title_de="Werkstatt Pasing")


@pytest.fixture
def sheets(event):
    batch = actions.issue_batch(
        process=event.process, event=event, place="Bürgerbüro Pasing", sheets=3, issued_by=None
    )
    return list(batch.form_sheets.order_by("number"))


def _sheet_data(**overrides):
    data = {
        "first_name": "Franziska",
        "last_name": "Obermaier",
        "street": "Lindwurmstraße 88",
        "postal_code": "80337",
        "city": "München",
        "phone": "089 7654321",
        "email": "",
        "number_of_people": "2",
        "access_needs": ["wheelchair", "sign_language"],
        "access_needs_note": "",
        "signed": "on",
    }
    data.update(overrides)
    return data


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- who may open the pages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "entry", "letters", "batch_pdf"),
    [
        ("anonymous", 302, 302, 302),
        ("resident", 403, 403, 302),
        ("staff_without_mfa", 302, 302, 302),
        ("clerk", 200, 200, 200),
        ("organiser", 403, 403, 200),
    ],
)
def test_permission_matrix(who, entry, letters, batch_pdf, clerk, organiser, sheets):
    """Clerks (Erfassung) enter sheets and print letters; organisers issue batches and download
    their PDF in the staff area; residents and staff without a second factor get neither."""
    users = {
        "anonymous": None,
        "resident": UserFactory(),
        "staff_without_mfa": UserFactory(staff=True, roles=["Erfassung"]),
        "clerk": clerk,
        "organiser": organiser,
    }
    client = _client(users[who])
    sheet_url = f"/en/erfassung/{sheets[0].number}/"
    pdf_url = en_reverse("admin:paper_formbatch_pdf", args=[sheets[0].batch_id])
    assert client.get(ENTRY).status_code == entry
    assert client.get(sheet_url).status_code == entry
    assert client.post(ENTRY, {"number": sheets[0].number}).status_code in {entry, 302}
    assert client.get(LETTERS).status_code == letters
    assert client.post("/en/erfassung/briefe/drucken/").status_code in {letters, 302}
    assert client.get(pdf_url).status_code == batch_pdf
    # Nobody but the clerk entered anything.
    assert FormSheet.objects.filter(status="entered").count() == 0


def test_anonymous_visitors_are_sent_to_the_login(sheets):
    response = _client().get(ENTRY)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/konto/login/?next=/en/erfassung/")


def test_staff_without_second_factor_are_sent_to_set_it_up():
    response = _client(UserFactory(staff=True, roles=["Erfassung"])).get(ENTRY)
    assert response["Location"] == en_reverse("mfa_activate_totp")


def test_the_entry_screen_links_the_letters_to_print(clerk):
    """A clerk, who may print letters, finds the letters page from the entry screen."""
    html = _client(clerk).get(ENTRY).content.decode()
    assert f'href="{LETTERS}"' in html


def test_the_german_address_is_the_default(clerk):
    response = _client(clerk).get("/erfassung/")
    assert response.status_code == 200
    assert 'lang="de"' in response.content.decode()


# --- the number screen ----------------------------------------------------------------------------


def test_number_screen_has_one_number_field_and_no_autofocus(clerk):
    """A single text field for the number (first field in the page's form), no autofocus
    attribute; the script that returns the focus after a save is a static file."""
    html = _client(clerk).get(ENTRY).content.decode()
    main = html[html.index("<main") :]
    fields = re.findall(r"<input[^>]*>", main)
    visible = [field for field in fields if 'type="hidden"' not in field]
    assert len(visible) == 1 and 'name="number"' in visible[0]
    assert "autofocus" not in html
    assert 'autocomplete="off"' in visible[0]
    assert "js/paper-entry.js" in html
    assert "<script>" not in html


@pytest.mark.parametrize("typed", ["{digits}", "{printed}", " {printed} "])
def test_a_valid_number_opens_its_sheet(clerk, sheets, typed):
    sheet = sheets[0]
    number = typed.format(digits=sheet.number, printed=sheet.printed_number)
    response = _client(clerk).post(ENTRY, {"number": number})
    assert response.status_code == 302
    assert response["Location"] == f"/en/erfassung/{sheet.number}/"


def test_a_wrong_check_digit_is_caught_at_once(clerk, sheets):
    """One digit typed wrong: the check digit catches it; the typed value stays in the field."""
    digits = sheets[0].number
    typo = digits[:6] + str((int(digits[6]) + 1) % 10) + digits[7:]
    response = _client(clerk).post(ENTRY, {"number": typo})
    html = response.content.decode()
    assert response.status_code == 200
    assert "check digit does not match" in html
    assert f'value="{typo}"' in html
    assert 'aria-invalid="true"' in html
    assert "error-summary" in html


def test_a_number_too_short_is_explained(clerk):
    html = _client(clerk).post(ENTRY, {"number": "2026-0047"}).content.decode()
    assert "eleven digits" in html


def test_an_unknown_number_is_refused(clerk, sheets):
    body = "20269999" + "99"
    unknown = body + check_digit(body)
    html = _client(clerk).post(ENTRY, {"number": unknown}).content.decode()
    assert "No printed form has the number" in html


def test_an_entered_number_is_refused_naming_the_clerk_and_the_time(clerk, sheets):
    actions.enter_sheet(
        number=sheets[0].number,
        entered_by=clerk,
        person={"first_name": "A", "last_name": "B", "email": "a@example.org"},
        number_of_people=1,
        access_needs=[],
    )
    other = UserFactory(staff=True, roles=["Erfassung"], mfa=True)
    response = _client(other).post(ENTRY, {"number": sheets[0].printed_number})
    html = response.content.decode()
    assert "was already entered by Klara Klerk on" in html
    sheets[0].refresh_from_db()
    assert sheets[0].entered_at.astimezone().strftime("%H:%M") in html or " at " in html
    # Opening the sheet's address directly is refused the same way.
    response = _client(other).get(f"/en/erfassung/{sheets[0].number}/", follow=True)
    assert "was already entered by Klara Klerk" in response.content.decode()


def test_a_void_number_is_refused(clerk, sheets):
    actions.void_sheets(sheets=[sheets[0]], by=clerk)
    html = _client(clerk).post(ENTRY, {"number": sheets[0].number}).content.decode()
    assert "marked void" in html


# --- the entry screen -----------------------------------------------------------------------------


def test_entry_screen_lists_the_fields_in_the_order_of_the_paper_sheet(clerk, sheets):
    html = _client(clerk).get(f"/en/erfassung/{sheets[0].number}/").content.decode()
    names = []
    for name in re.findall(r'name="([a-z_]+)"', html[html.index("<main") :]):
        if name not in names and name != "csrfmiddlewaretoken":
            names.append(name)
    assert names == [
        "first_name",
        "last_name",
        "street",
        "postal_code",
        "city",
        "phone",
        "email",
        "number_of_people",
        "access_needs",
        "access_needs_note",
        "signed",
    ]
    # "Save and next" is the first submit button: the one Enter presses.
    assert re.findall(r"<button[^>]*>([^<]*)</button>", html[html.index("<main") :])[0] == (
        "Save and next"
    )
    assert "Bürgerbüro Pasing" in html


def test_save_and_next_registers_and_returns_to_the_number_field(clerk, sheets, event):
    response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", _sheet_data())
    assert response.status_code == 302
    assert response["Location"] == "/en/erfassung/?weiter=1"
    assert _messages(response) == [f"Form {sheets[0].printed_number} saved: confirmed (2 places)."]
    sheets[0].refresh_from_db()
    registration = sheets[0].registration
    assert registration.channel == "paper"
    assert registration.entered_by_id == clerk.pk
    assert registration.access_needs == ["sign_language", "wheelchair"]
    # Back at the number screen, the focus returns to the number field (data attribute).
    html = _client(clerk).get(response["Location"]).content.decode()
    assert "data-return-focus" in html


def test_the_result_says_waiting_list_when_the_places_are_gone(clerk, sheets, event):
    event.capacity = 1
    event.save()
    client = _client(clerk)
    first = client.post(f"/en/erfassung/{sheets[0].number}/", _sheet_data(number_of_people="1"))
    assert "confirmed (1 place)" in _messages(first)[0], _messages(first)
    response = client.post(
        f"/en/erfassung/{sheets[1].number}/", _sheet_data(first_name="Heinz", number_of_people="1")
    )
    # The first message was never shown (no page between the two saves): the last is ours.
    assert "on the waiting list (1 place)" in _messages(response)[-1]
    assert sheets[1].__class__.objects.get(pk=sheets[1].pk).registration.status == (
        RegistrationStatus.WAITLISTED
    )


def test_an_unsigned_sheet_is_not_saved_and_nothing_typed_is_lost(clerk, sheets):
    data = _sheet_data()
    del data["signed"]
    response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert 'value="Obermaier"' in html
    assert 'value="Lindwurmstraße 88"' in html
    sheets[0].refresh_from_db()
    assert sheets[0].status == FormSheet.Status.ISSUED


def test_without_email_the_postal_address_is_needed(clerk, sheets):
    response = _client(clerk).post(
        f"/en/erfassung/{sheets[0].number}/", _sheet_data(street="", city="")
    )
    assert "Needed for the confirmation letter" in response.content.decode()
    response = _client(clerk).post(
        f"/en/erfassung/{sheets[0].number}/",
        _sheet_data(street="", city="", email="f.obermaier@example.org"),
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "field",
    ["first_name", "number_of_people", "email", "postal_code"],
)
def test_bad_input_never_causes_a_server_error(clerk, sheets, field):
    for value in [
        "",
        "x" * 5000,
        "0",
        "-1",
        "11",
        "<script>",
        "\x00",
        "\U0001d518\U0001d52b\U0001d526",
    ]:
        response = _client(clerk).post(
            f"/en/erfassung/{sheets[0].number}/", _sheet_data(**{field: value})
        )
        assert response.status_code in {200, 302}


def test_a_process_sheet_asks_for_the_ticked_event_first(clerk):
    ConsentTextFactory()
    process = ProcessFactory()
    first = EventFactory(process=process, title_de="Infoabend Nord")
    EventFactory(process=process, title_de="Infoabend Süd")
    sheet = actions.issue_batch(
        process=process, place="Rathaus", sheets=1, issued_by=None
    ).form_sheets.get()
    client = _client(clerk)
    html = client.get(f"/en/erfassung/{sheet.number}/").content.decode()
    main = html[html.index("<main") :]
    assert main.index('name="event"') < main.index('name="first_name"')
    response = client.post(f"/en/erfassung/{sheet.number}/", _sheet_data(event=str(first.pk)))
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.registration.event == first


# --- duplicates -----------------------------------------------------------------------------------


@pytest.fixture
def online_registration(event):
    return RegistrationFactory(
        event=event,
        first_name="Franziska",
        last_name="Obermaier",
        email="franzi@example.org",
        phone="+49 89 7654321",
        postal_code="80337",
        number_of_people=1,
    )


def test_a_possible_duplicate_is_shown_before_saving(clerk, sheets, online_registration):
    """Same name and phone as an online registration: the clerk sees it (channel, date, masked
    contact) and nothing is saved yet; the view of the candidate is logged."""
    before = DataUseEvent.objects.count()
    response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", _sheet_data())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Possible duplicate" in html
    assert "f•••@example.org" in html
    assert "•••321" in html
    assert "franzi@example.org" not in html
    assert "Online" in html
    assert f'name="shown" value="{online_registration.pk}"' in html
    assert 'name="decision"' in html
    sheets[0].refresh_from_db()
    assert sheets[0].status == FormSheet.Status.ISSUED
    viewed = DataUseEvent.objects.order_by("seq")[before:]
    assert [event.action for event in viewed] == ["view"]


def test_duplicate_decision_same_person(clerk, sheets, online_registration, event):
    data = {
        **_sheet_data(),
        "shown": str(online_registration.pk),
        "decision": str(online_registration.pk),
    }
    response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", data)
    assert response.status_code == 302
    assert "linked to the existing registration" in _messages(response)[0]
    decision = DuplicateDecision.objects.get()
    assert decision.decision == "same_person"
    assert decision.candidate == online_registration
    event.refresh_from_db()
    assert event.confirmed_places == 0  # no place for the sheet: the online one keeps its own


def test_duplicate_decision_different_person(clerk, sheets, online_registration, event):
    data = {**_sheet_data(), "shown": str(online_registration.pk), "decision": "new"}
    response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", data)
    assert response.status_code == 302
    assert "confirmed" in _messages(response)[0]
    assert DuplicateDecision.objects.get().decision == "different_person"
    event.refresh_from_db()
    assert event.confirmed_places == 2  # the sheet's two people


def test_duplicate_screen_without_a_choice_asks_again(clerk, sheets, online_registration):
    data = {**_sheet_data(), "shown": str(online_registration.pk)}
    response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", data)
    html = response.content.decode()
    assert "Choose one." in html
    assert 'value="Obermaier"' in html  # the typed sheet is carried along
    assert not DuplicateDecision.objects.exists()


def test_a_candidate_appearing_meanwhile_is_shown_before_deciding(
    clerk, sheets, online_registration, event
):
    """The clerk decided on the candidates they saw; a new one since then is shown first."""
    RegistrationFactory(
        event=event, first_name="Franziska", last_name="Obermaier", email="", postal_code="80337"
    )
    data = {**_sheet_data(), "shown": str(online_registration.pk), "decision": "new"}
    response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", data)
    assert response.status_code == 200
    assert "Possible duplicate" in response.content.decode()
    assert not DuplicateDecision.objects.exists()


# --- letters --------------------------------------------------------------------------------------


def _letter(**registration):
    return registration_letter(**registration)


def test_letters_page_counts_the_waiting_letters(clerk):
    _letter()
    _letter()
    html = _client(clerk).get(LETTERS).content.decode()
    assert "2 letters are waiting to be printed." in html


def test_printing_todays_letters_downloads_a_pdf_and_marks_them(clerk):
    letter = _letter()
    response = _client(clerk).post("/en/erfassung/briefe/drucken/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="briefe-')
    assert response.content.startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.printed_at is not None
    assert DataUseEvent.objects.filter(action="print").exists()
    # Nothing left: the page says so, and printing again sends back to the page.
    assert "No letters are waiting." in _client(clerk).get(LETTERS).content.decode()
    assert _client(clerk).post("/en/erfassung/briefe/drucken/").status_code == 302


def test_a_past_batch_can_be_printed_again(clerk):
    letter = _letter()
    client = _client(clerk)
    client.post("/en/erfassung/briefe/drucken/")
    letter.refresh_from_db()
    day = letter.printed_batch.isoformat()
    assert (
        day in client.get(LETTERS).content.decode()
        or "Print the letters of" in client.get(LETTERS).content.decode()
    )
    response = client.post(f"/en/erfassung/briefe/{day}/erneut/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert client.post("/en/erfassung/briefe/2001-01-01/erneut/").status_code == 404
    assert client.post("/en/erfassung/briefe/kein-datum/erneut/").status_code == 404


def test_the_page_lists_and_prints_letters_of_registrations_and_ideas(clerk):
    """One batch for every kind the clerk may see: registrations and ideas."""
    registration, idea = _letter(), idea_letter()
    html = _client(clerk).get(LETTERS).content.decode()
    assert "2 letters are waiting to be printed." in html
    assert "Registration confirmed: 1" in html and "Answer to an idea: 1" in html
    response = _client(clerk).post("/en/erfassung/briefe/drucken/")
    assert response.content.startswith(b"%PDF")
    assert set(Letter.objects.filter(printed_at__isnull=False)) == {registration, idea}
    # One print event per letter, under each kind's purpose.
    purposes = DataUseEvent.objects.filter(action="print", batch__isnull=True).values_list(
        "purpose", flat=True
    )
    assert sorted(purposes) == ["participation_events", "participation_ideas"]


def test_only_staff_who_may_print_reach_the_letters_pages(organiser):
    """Organisers read letters in the staff area but do not print them."""
    _letter()
    client = _client(organiser)
    assert client.get(LETTERS).status_code == 403
    assert client.post("/en/erfassung/briefe/drucken/").status_code == 403
    assert not Letter.objects.filter(printed_at__isnull=False).exists()


def test_printing_needs_post(clerk):
    assert _client(clerk).get("/en/erfassung/briefe/drucken/").status_code == 405


# --- the staff area -------------------------------------------------------------------------------


def test_organiser_issues_a_batch_in_the_admin_and_downloads_its_pdf(organiser, event):
    client = _client(organiser)
    response = client.post(
        en_reverse("admin:paper_formbatch_add"),
        {
            "process": event.process_id,
            "event": event.pk,
            "place": "Bürgerbüro Pasing",
            "issued_on": "2026-11-20",
            "sheets": "4",
            "language": "de",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = FormBatch.objects.get()
    assert batch.form_sheets.count() == 4
    assert batch.issued_by_id == organiser.pk
    changelist = client.get(en_reverse("admin:paper_formbatch_changelist")).content.decode()
    assert "Bürgerbüro Pasing" in changelist
    assert "Download the forms (PDF, 4 sheets)" in changelist
    pdf = client.get(en_reverse("admin:paper_formbatch_pdf", args=[batch.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_admin_refuses_a_batch_for_an_event_of_another_process(organiser, event):
    response = _client(organiser).post(
        en_reverse("admin:paper_formbatch_add"),
        {
            "process": ProcessFactory().pk,
            "event": event.pk,
            "place": "Rathaus",
            "issued_on": "2026-11-20",
            "sheets": "4",
            "language": "de",
        },
    )
    assert response.status_code == 200
    assert "does not belong to this process" in response.content.decode()
    assert not FormBatch.objects.exists()


def test_organiser_marks_sheets_void_in_the_admin(organiser, sheets):
    response = _client(organiser).post(
        en_reverse("admin:paper_formsheet_changelist"),
        {"action": "mark_void", "_selected_action": [sheets[0].pk]},
    )
    assert response.status_code == 302
    sheets[0].refresh_from_db()
    assert sheets[0].status == FormSheet.Status.VOID


def test_sheets_are_found_by_the_printed_number(clerk, sheets):
    response = _client(clerk).get(
        en_reverse("admin:paper_formsheet_changelist"), {"q": sheets[1].printed_number}
    )
    html = response.content.decode()
    assert sheets[1].printed_number in html
    assert sheets[0].printed_number not in html


def test_tampered_decision_fields_never_cause_a_server_error(clerk, sheets, online_registration):
    """Odd "shown" and "decision" values show the duplicate screen again, nothing is saved."""
    for shown, decision in [
        ("9" * 5000, "new"),
        ("\u0661", "1"),
        (str(online_registration.pk), "999999"),
        (str(online_registration.pk), "x" * 300),
    ]:
        data = {**_sheet_data(), "shown": shown, "decision": decision}
        response = _client(clerk).post(f"/en/erfassung/{sheets[0].number}/", data)
        assert response.status_code == 200
        assert 'name="decision"' in response.content.decode()
    assert not DuplicateDecision.objects.exists()


def test_admin_refuses_a_process_batch_with_more_events_than_a_sheet_holds(organiser, event):
    """Five upcoming events do not fit one front page: the message stands next to the event
    field (choose one event instead), the input is kept and no batch is made."""
    for _ in range(actions.MAX_EVENTS_PER_PROCESS_SHEET):
        EventFactory(process=event.process)
    response = _client(organiser).post(
        en_reverse("admin:paper_formbatch_add"),
        {
            "process": event.process_id,
            "event": "",
            "place": "Rathaus",
            "issued_on": "2026-11-20",
            "sheets": "4",
            "language": "de",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["event"] == [
        "This process has 5 upcoming events; a sheet lists at most 4. "
        "Print forms for each event instead."
    ]
    assert form["place"].value() == "Rathaus"
    assert not FormBatch.objects.exists()

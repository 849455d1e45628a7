"""The organisers' admin: who may see registrations, check people in and export them; the access
needs summed up; every use of registrations logged with the purpose of work."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from munich_portal.audit import selectors as audit_selectors
from munich_portal.audit.context import SESSION_PURPOSE_KEY
from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import OutgoingEmail
from participation import actions, selectors
from participation.models import Event, Registration, RegistrationStatus
from tests.admin_forms import save_change_form
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, person

pytestmark = pytest.mark.django_db

PURPOSE = "participation_events"


@pytest.fixture
def event():
    return EventFactory(slug="werkstatt", title_de="Werkstatt Altstadt", capacity=10)


@pytest.fixture
def registrations(event):
    resident = UserFactory(email="anna@example.org")
    rows = [
        actions.register(
            event=event, channel="online", person=person(1, first_name="Anna", last_name="Bürger"),
            number_of_people=2, access_needs=["sign_language", "wheelchair"],
            consent_version="x", user=resident,
        ),
        actions.register(
            event=event, channel="paper", person=person(2, email="", last_name="Huber"),
            number_of_people=1, access_needs=["sign_language"], consent_version="x",
            form_number="10000000017",
        ),
        actions.register(
            event=event, channel="online", person=person(3, last_name="Yilmaz"),
            number_of_people=1, access_needs=["sign_language"], consent_version="x",
        ),
    ]  # fmt: skip
    return rows


def staff(roles, email):
    return UserFactory(staff=True, mfa=True, roles=roles, email=email)


@pytest.fixture
def people():
    return {
        "anonymous": None,
        "resident": UserFactory(email="resi@example.org"),
        "organiser": staff(["Veranstaltungsorganisation"], "vera@muenchen.de"),
        "clerk": staff(["Erfassung"], "erik@muenchen.de"),
        "editor": staff(["Redaktion"], "rita@muenchen.de"),
    }


def as_person(client, user):
    if user is not None:
        client.force_login(user)
        if user.is_staff:
            session = client.session
            session[SESSION_PURPOSE_KEY] = PURPOSE
            session.save()
    return client


def en_reverse(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, **kwargs)


def head() -> int:
    return audit_selectors.log_head()[0]


def urls(event):
    """The organiser views in English (/en/admin/...): the assertions read English texts."""
    with translation.override("en"):
        return _urls(event)


def _urls(event):
    return {
        "overview": reverse("admin:participation_event_overview", args=[event.pk]),
        "list": reverse("admin:participation_registration_changelist")
        + f"?event__id__exact={event.pk}",
        "check_in": reverse("admin:participation_registration_check_in", args=[event.pk]),
        "export": reverse("admin:participation_registration_export", args=[event.pk]),
    }


# Who gets what: 200 allowed, 302 sent to the login, 403 refused.
MATRIX = {
    "anonymous": {"overview": 302, "list": 302, "check_in": 302, "export": 302},
    "resident": {"overview": 302, "list": 302, "check_in": 302, "export": 302},
    "organiser": {"overview": 200, "list": 200, "check_in": 200, "export": 200},
    "clerk": {"overview": 200, "list": 200, "check_in": 403, "export": 403},
    "editor": {"overview": 403, "list": 403, "check_in": 403, "export": 403},
}


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("view", ["overview", "list", "check_in", "export"])
def test_permission_matrix_of_the_organiser_views(client, people, registrations, event, who, view):
    as_person(client, people[who])
    response = client.get(urls(event)[view])
    expected = MATRIX[who][view]
    if expected == 302:
        assert response.status_code == 302
        assert "/login" in response["Location"] or "next=" in response["Location"]
    else:
        assert response.status_code == expected


def test_staff_without_a_purpose_of_work_are_asked_for_one_first(
    client, people, registrations, event
):
    client.force_login(people["organiser"])
    response = client.get(urls(event)["check_in"])
    assert response.status_code == 302
    assert en_reverse("admin:audit_purpose") in response["Location"]


def test_the_overview_sums_up_access_needs_and_counts_channels(
    client, people, registrations, event
):
    html = as_person(client, people["organiser"]).get(urls(event)["overview"]).content.decode()
    assert "3 \u00d7 sign language interpreter, 1 \u00d7 wheelchair access" in html
    assert "4 of 10 places confirmed, 6 free." in html
    # Figures only: the overview names no registrant.
    assert "Bürger" not in html and "Huber" not in html


def test_the_overview_counts_paper_sheets_per_batch(client, people, event):
    from paper import actions as paper_actions
    from paper.models import FormBatch  # noqa: F401  (the paper channel exists)

    clerk = people["clerk"]
    batch = paper_actions.issue_batch(
        process=event.process, event=event, place="Bürgerbüro Pasing", sheets=5, issued_by=clerk
    )
    sheet = batch.form_sheets.order_by("number").first()
    paper_actions.enter_sheet(
        number=sheet.number, entered_by=clerk, person=person(5, email=""),
        number_of_people=1, access_needs=[], event=event,
    )  # fmt: skip
    html = as_person(client, people["organiser"]).get(urls(event)["overview"]).content.decode()
    row = html.split("Bürgerbüro Pasing", 1)[1].split("</tr>", 1)[0]
    cells = [cell.split("<", 1)[0] for cell in row.split("<td>")[1:]]
    # Issued, returned, entered, void, returned but not entered, missing.
    assert cells[1:] == ["5", "1", "1", "0", "0", "4"]
    # Organisers may record returned piles: the batch links to its page.
    assert f"/admin/paper/formbatch/{batch.pk}/returns/" in html


def test_the_registrations_list_shows_channel_and_status_and_is_logged(
    client, people, registrations, event
):
    before = head()
    response = as_person(client, people["organiser"]).get(urls(event)["list"])
    html = response.content.decode()
    assert "Bürger" in html and "Huber" in html
    assert "Paper form" in html or "paper form" in html
    events = DataUseEvent.objects.filter(seq__gt=before)
    batch = events.get(batch__isnull=True, action="list")
    assert batch.purpose == PURPOSE
    assert batch.details["hit_count"] == 3
    # The one registrant with an account gets their own event ("Meine Daten" shows it).
    assert events.filter(batch=batch.seq).count() == 1


def one_place_taken_and_one_waiting(event, *, waiting_person, **waiting):
    """Capacity 1: the first registration takes the place, the second waits (returns both)."""
    Event.objects.filter(pk=event.pk).update(capacity=1)
    holder = actions.register(
        event=event, channel="online", person=person(1), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    fields = {"channel": "online", "access_needs": [], **waiting}
    waiting_row = actions.register(
        event=event, person=waiting_person, number_of_people=1, consent_version="x", **fields
    )
    return holder, waiting_row


def test_check_in_by_scanning_the_code_checks_in_at_once(client, people, registrations, event):
    """The scanner types the code without the hyphen and presses Enter: the person is checked in
    and the page shows name, number of people and access needs, with an empty field again."""
    registration = registrations[0]
    client = as_person(client, people["organiser"])
    before = head()
    response = client.post(
        urls(event)["check_in"], {"code": registration.reference.replace("-", "").lower()}
    )
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by_id == people["organiser"].pk
    assert DataUseEvent.objects.filter(seq__gt=before, action="change").exists()
    page = response.content.decode()
    assert "Checked in: Anna Bürger" in page
    result = page.split('id="check-in-result"', 1)[1].split("</section>", 1)[0]
    assert "<dd>2</dd>" in result
    assert "sign language interpreter, wheelchair access" in result
    assert "Present: 2 of 4 people" in page
    assert 'value=""' in page.split('name="code"', 1)[1].split(">", 1)[0]
    assert "errornote" not in page


def test_a_second_scan_is_refused_naming_who_and_when(client, people, registrations, event):
    registration = registrations[1]  # a paper registrant: no account, logged all the same
    client = as_person(client, people["organiser"])
    before = head()
    client.post(urls(event)["check_in"], {"code": registration.reference})
    assert DataUseEvent.objects.filter(seq__gt=before, action="change").count() == 1
    registration.refresh_from_db()
    again = client.post(urls(event)["check_in"], {"code": registration.reference}).content.decode()
    time = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    who = people["organiser"].get_full_name()
    message = f"Maria Huber was already checked in by {who} at {time}."
    summary = again.split('class="errornote"', 1)[1].split("</div>", 1)[0]
    assert message in summary and 'href="#id_code"' in summary
    field_error = again.split('id="id_code_error"', 1)[1].split("</ul>", 1)[0]
    assert message in field_error
    assert 'aria-invalid="true"' in again
    assert registration.reference in again.split('name="code"', 1)[1].split(">", 1)[0]
    assert Registration.objects.get(pk=registration.pk).checked_in_at == registration.checked_in_at


def test_an_unknown_code_or_another_events_code_is_an_error_next_to_the_field(
    client, people, registrations, event
):
    other = actions.register(
        event=EventFactory(slug="andere", capacity=5), channel="online", person=person(7),
        number_of_people=1, access_needs=[], consent_version="x",
    )  # fmt: skip
    client = as_person(client, people["organiser"])
    for code in ("ZZZ-ZZZZ", other.reference, ""):
        page = client.post(urls(event)["check_in"], {"code": code}).content.decode()
        assert 'id="id_code_error"' in page and 'class="errornote"' in page, code
    other.refresh_from_db()
    assert other.checked_in_at is None
    empty = client.post(urls(event)["check_in"], {"code": ""}).content.decode()
    assert "Enter the code from the confirmation" in empty


def test_the_code_of_a_person_promoted_from_the_waiting_list_checks_in(client, people, event):
    first, waiting = one_place_taken_and_one_waiting(
        event, waiting_person=person(2, last_name="Wartend"), access_needs=["childcare"]
    )
    client = as_person(client, people["organiser"])
    refused = client.post(urls(event)["check_in"], {"code": waiting.reference}).content.decode()
    assert "Maria Wartend has no confirmed place (on the waiting list)." in refused
    actions.cancel_registration(registration=first, by=None)
    done = client.post(urls(event)["check_in"], {"code": waiting.reference}).content.decode()
    assert "Checked in: Maria Wartend" in done and "childcare" in done
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.checked_in_at is not None


def test_the_code_selector_keeps_to_the_event_and_the_scope(people, registrations, event):
    registration = registrations[0]
    organiser = people["organiser"]
    code = registration.reference.replace("-", " ").lower()
    found = selectors.registration_for_check_in(code, event=event, user=organiser)
    assert found == registration
    other_event = EventFactory(slug="anders")
    assert selectors.registration_for_check_in(code, event=other_event, user=organiser) is None
    assert selectors.registration_for_check_in(code, event=event, user=people["editor"]) is None


def test_the_code_of_a_merged_registration_checks_in_the_kept_one(client, people, event):
    anna = {"first_name": "Anna", "last_name": "Müller", "phone": "089 1234567"}
    kept = actions.register(
        event=event, channel="phone", person=person(1, email="", **anna), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    dropped = actions.register(
        event=event, channel="online", person=person(2, **anna), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    actions.merge_duplicate(keep=kept, drop=dropped, by=people["organiser"])
    organiser = people["organiser"]
    assert (
        selectors.registration_for_check_in(dropped.reference, event=event, user=organiser) == kept
    )
    client = as_person(client, organiser)
    done = client.post(urls(event)["check_in"], {"code": dropped.reference}).content.decode()
    assert "Checked in: Anna Müller" in done
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.checked_in_at is not None and dropped.checked_in_at is None


def test_check_in_by_name_lists_matches_with_a_button(client, people, registrations, event):
    client = as_person(client, people["organiser"])
    before = head()
    html = client.get(urls(event)["check_in"], {"q": "Huber"}).content.decode()
    assert "Huber" in html and "Check in Maria" in html
    search = DataUseEvent.objects.get(seq__gt=before, action="search", batch__isnull=True)
    assert "Huber" not in str(search.details)  # the search term is stored as a hash only
    target = registrations[1]
    response = client.post(urls(event)["check_in"], {"registration": target.pk, "q": "Huber"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.checked_in_at is not None
    again = client.post(urls(event)["check_in"], {"registration": target.pk}, follow=True)
    assert "was already checked in" in again.content.decode()


def test_a_waitlisted_registration_is_not_checked_in(client, people, event):
    _, waiting = one_place_taken_and_one_waiting(
        event, waiting_person=person(2, last_name="Wartend")
    )
    client = as_person(client, people["organiser"])
    response = client.post(urls(event)["check_in"], {"registration": waiting.pk}, follow=True)
    assert "has no confirmed place" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_the_csv_export_is_a_data_use_event_with_purpose(client, people, registrations, event):
    before = head()
    response = as_person(client, people["organiser"]).get(urls(event)["export"])
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    assert rows[0][0] == "reference code"
    assert {row[5] for row in rows[1:]} == {"Bürger", "Huber", "Yilmaz"}
    batch = DataUseEvent.objects.get(seq__gt=before, action="export", batch__isnull=True)
    assert batch.purpose == PURPOSE
    assert batch.details["criteria"]["event"] == event.pk
    assert batch.details["hit_count"] == 3


def test_the_csv_defuses_spreadsheet_formulas(client, people, event):
    actions.register(
        event=event, channel="online", person=person(1, last_name="=HYPERLINK(\"x\")"),
        number_of_people=1, access_needs=[], consent_version="x",
    )  # fmt: skip
    response = as_person(client, people["organiser"]).get(urls(event)["export"])
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_the_export_action_is_logged_as_an_export(client, people, registrations, event):
    before = head()
    response = as_person(client, people["organiser"]).post(
        en_reverse("admin:participation_registration_changelist"),
        {"action": "export_csv", "_selected_action": [r.pk for r in registrations]},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert DataUseEvent.objects.filter(seq__gt=before, action="export").exists()


def test_cancel_action_promotes_from_the_waiting_list(client, people, event):
    holder, waiting = one_place_taken_and_one_waiting(
        event, waiting_person=person(2, email=""), channel="paper"
    )
    as_person(client, people["organiser"]).post(
        en_reverse("admin:participation_registration_changelist"),
        {"action": "cancel_selected", "_selected_action": [holder.pk]},
    )
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert holder.cancelled_by_id == people["organiser"].pk
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_registrations_cannot_be_added_through_a_bare_admin_form(client, people):
    response = as_person(client, people["organiser"]).get(
        en_reverse("admin:participation_registration_add")
    )
    assert response.status_code == 403


def test_lowering_the_capacity_below_confirmed_places_is_refused_in_the_form(
    client, people, registrations, event
):
    client = as_person(client, people["organiser"])
    url = en_reverse("admin:participation_event_change", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, dict))
    }
    data.update(
        {
            "process": event.process_id,
            "starts_at_0": event.starts_at.strftime("%d.%m.%Y"),
            "starts_at_1": event.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": event.ends_at.strftime("%d.%m.%Y"),
            "ends_at_1": event.ends_at.strftime("%H:%M:%S"),
            "capacity": "2",
        }
    )
    for key in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        data.pop(key, None)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "places are already confirmed" in response.content.decode()
    assert Event.objects.get(pk=event.pk).capacity == 10
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 3


def test_the_letters_list_is_logged_per_resident(client, people, event):
    """Registrants without e-mail get letters, listed in the one letters admin: the list logs a
    batch event and one event for a recipient with an account."""
    resident = UserFactory(email="brief@example.org")
    actions.register(
        event=event, channel="paper", person=person(1, email=""), number_of_people=1,
        access_needs=[], consent_version="x", user=resident,
    )  # fmt: skip
    actions.register(
        event=event, channel="paper", person=person(2, email=""), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    before = head()
    response = as_person(client, people["organiser"]).get(
        en_reverse("admin:messaging_letter_changelist")
    )
    assert response.status_code == 200
    batch = DataUseEvent.objects.get(seq__gt=before, action="list", batch__isnull=True)
    assert batch.details["hit_count"] == 2
    assert DataUseEvent.objects.filter(batch=batch.seq).count() == 1


# --- one e-mail per save (issue 14) ---------------------------------------------------------------


def test_editing_a_registration_in_the_admin_sends_nothing(client, people, registrations):
    """Correcting a registration's data (a phone number) is nothing to tell the person about."""
    registration = registrations[0]
    before = OutgoingEmail.objects.count()
    response = save_change_form(
        as_person(client, people["organiser"]),
        reverse("admin:participation_registration_change", args=[registration.pk]),
        phone="089 123456",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    registration.refresh_from_db()
    assert registration.phone == "089 123456"
    assert OutgoingEmail.objects.count() == before


def test_raising_the_capacity_tells_each_person_moved_up_once(client, people, event):
    """More places give the waiting list places in the same save: each person moved up gets one
    e-mail, nobody else any."""
    Event.objects.filter(pk=event.pk).update(capacity=1)
    actions.register(
        event=event, channel="online", person=person(1), number_of_people=1,
        access_needs=[], consent_version="x", user=UserFactory(email="maria1@example.org"),
    )  # fmt: skip
    waiting = actions.register(
        event=event, channel="online", person=person(2), number_of_people=1,
        access_needs=[], consent_version="x", user=UserFactory(email="maria2@example.org"),
    )  # fmt: skip
    assert waiting.status == RegistrationStatus.WAITLISTED
    before = set(OutgoingEmail.objects.values_list("pk", flat=True))
    response = save_change_form(
        as_person(client, people["organiser"]),
        reverse("admin:participation_event_change", args=[event.pk]),
        capacity="2",
        description_de="Mit neuem Programm.",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    (email,) = OutgoingEmail.objects.exclude(pk__in=before)
    assert (email.kind, email.to_address) == ("participation.promotion", "maria2@example.org")
    assert Event.objects.get(pk=event.pk).description_de == "Mit neuem Programm."


def test_moving_the_event_in_the_form_tells_every_registrant_once(
    client, people, registrations, event
):
    """A new place and the organiser's note in one save: each registrant is told once, by
    e-mail or (the paper registrant without e-mail) by letter; saving again tells nobody."""
    url = reverse("admin:participation_event_change", args=[event.pk])
    client = as_person(client, people["organiser"])
    response = save_change_form(
        client, url, place_name="Rathaus, Großer Sitzungssaal", message_to_registrants="Umzug."
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    kinds = {
        registration.pk: list(registration.emails.values_list("kind", flat=True))
        + list(registration.letters.values_list("kind", flat=True))
        for registration in registrations
    }
    assert all(found.count("participation.event_changed") == 1 for found in kinds.values())
    paper = registrations[1]
    letter = paper.letters.get(kind="participation.event_changed")
    assert "Rathaus, Großer Sitzungssaal" in letter.body and "Umzug." in letter.body
    # The same form sent again (the place is already the new one): nothing more.
    response = save_change_form(client, url, place_name="Rathaus, Großer Sitzungssaal")
    assert response.status_code == 302
    assert OutgoingEmail.objects.filter(kind="participation.event_changed").count() == 2


def test_cancelling_the_event_in_the_form_cancels_and_tells_everyone(
    client, people, registrations, event
):
    url = en_reverse("admin:participation_event_change", args=[event.pk])
    client = as_person(client, people["organiser"])
    response = save_change_form(client, url, cancel_event="on")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Event.objects.get(pk=event.pk).cancelled_at is not None
    assert not Registration.objects.filter(event=event).exclude(status="cancelled").exists()
    assert OutgoingEmail.objects.filter(kind="participation.event_cancelled").count() == 2
    page = client.get(url).content.decode()
    # Cancelled for good: the checkbox is gone, the date shows.
    assert 'name="cancel_event"' not in page and "Cancelled" in page


def test_cancelling_and_moving_at_once_is_an_error_next_to_the_field(
    client, people, registrations, event
):
    url = en_reverse("admin:participation_event_change", args=[event.pk])
    client = as_person(client, people["organiser"])
    response = save_change_form(client, url, cancel_event="on", place_name="Anderswo")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "not both at once" in form.errors["cancel_event"][0]
    assert Event.objects.get(pk=event.pk).cancelled_at is None
    assert not OutgoingEmail.objects.filter(kind__startswith="participation.event_").exists()


def test_check_in_with_the_qr_code_decoded_from_the_confirmation_letter(
    client, people, event, tmp_path
):
    """A phone registrant without e-mail gets the confirmation by letter: the letter PDF's QR code
    decodes (zxing-cpp, 200 dpi) to the code printed beside it, and scanning that checks in."""
    import datetime as dt

    import zxingcpp

    from munich_portal.messaging.models import Letter
    from munich_portal.messaging.pdf import letters_pdf
    from tests.pdf_tools import page_image, pdf_pages

    registration = actions.register(
        event=event, channel="phone", person=person(4, email="", last_name="Brief"),
        number_of_people=3, access_needs=["induction_loop"], consent_version="x",
    )  # fmt: skip
    letter = Letter.objects.get(source_id=registration.pk, kind="participation.confirmation")
    pdf = letters_pdf([letter], day=dt.date(2026, 12, 7))
    assert pdf_pages(pdf) == 1, "the QR code keeps the letter on one page"
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    codes = zxingcpp.read_barcodes(page_image(path, 1, tmp_path))
    assert [code.format for code in codes] == [zxingcpp.BarcodeFormat.QRCode]
    scanned = codes[0].text
    assert scanned == registration.reference == letter.reference

    page = as_person(client, people["organiser"]).post(urls(event)["check_in"], {"code": scanned})
    assert "Checked in: Maria Brief" in page.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_check_in_with_the_qr_code_decoded_from_the_confirmation_email(client, people, event):
    """The confirmation e-mail carries the code as text and as a PNG QR image: decoded with
    zxing-cpp, the image gives the code printed in the text, and scanning it checks in."""
    import base64
    import io

    import zxingcpp
    from PIL import Image

    from munich_portal.messaging.models import OutgoingEmail

    registration = actions.register(
        event=event, channel="online", person=person(6, last_name="Mail"), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    email = OutgoingEmail.objects.get(source_id=registration.pk, kind="participation.confirmation")
    assert registration.reference in email.body
    [image] = [item for item in email.attachments if item["mimetype"] == "image/png"]
    assert image["filename"] == f"check-in-{registration.reference}.png"
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(image["content"]))))
    assert [code.format for code in codes] == [zxingcpp.BarcodeFormat.QRCode]
    assert codes[0].text == registration.reference

    page = as_person(client, people["organiser"]).post(
        urls(event)["check_in"], {"code": codes[0].text}
    )
    assert "Checked in: Maria Mail" in page.content.decode()


def test_the_confirmation_page_shows_the_code_as_text_and_qr_code(client, event):
    registration = actions.register(
        event=event, channel="online", person=person(5), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    with translation.override("en"):
        url = reverse("participation:registration_done", args=[event.slug, registration.reference])
    html = client.get(url).content.decode()
    qr = html.split('class="check-in-qr"', 1)[1].split("</div>", 1)[0]
    assert "<svg" in qr and f"QR code of your reference code {registration.reference}" in qr
    assert f'<strong class="reference-code">{registration.reference}</strong>' in html


# --- walk-ins at the door -------------------------------------------------------------------------


def _walk_in(**overrides):
    data = {
        "walk_in": "1",
        "walkin-first_name": "Wendelin",
        "walkin-last_name": "Laufkundschaft",
        "walkin-number_of_people": "2",
        "walkin-access_needs": ["induction_loop"],
        "walkin-email": "",
        "walkin-consent": "on",
    }
    data.update(overrides)
    return data


def test_a_walk_in_is_registered_and_checked_in_in_one_step(client, people, registrations, event):
    client = as_person(client, people["organiser"])
    before = head()
    page = client.get(urls(event)["check_in"]).content.decode()
    assert "Walk-in without a registration" in page and "6 places are free" in page
    response = client.post(urls(event)["check_in"], _walk_in(), follow=True)
    walk_in = Registration.objects.get(last_name="Laufkundschaft")
    assert walk_in.channel == "on_site"
    assert walk_in.status == RegistrationStatus.CONFIRMED
    assert walk_in.checked_in_at is not None
    assert walk_in.checked_in_by_id == walk_in.entered_by_id == people["organiser"].pk
    assert walk_in.access_needs == ["induction_loop"]
    event.refresh_from_db()
    assert event.confirmed_places == 6
    html = response.content.decode()
    assert (
        f"Registered and checked in: Wendelin Laufkundschaft (2 people, code {walk_in.reference})"
        in html
    )
    assert "Present: 2 of 6 people" in html
    assert "4 places are free" in html
    assert DataUseEvent.objects.filter(seq__gt=before, action="create").exists()
    # Nobody to write to: no e-mail, no letter.
    assert not OutgoingEmail.objects.filter(to_address="").exists()


def test_a_walk_in_is_refused_with_a_clear_message_when_the_event_is_full(client, people, event):
    """Places gone: refused, nobody registered, even though the event keeps a waiting list."""
    Event.objects.filter(pk=event.pk).update(capacity=1)
    actions.register(
        event=event, channel="online", person=person(1), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    client = as_person(client, people["organiser"])
    response = client.post(urls(event)["check_in"], _walk_in())
    html = response.content.decode()
    assert response.status_code == 200
    assert "The event is full: no place is free, so no walk-in can be let in." in html
    assert 'value="Laufkundschaft"' in html
    assert not Registration.objects.filter(last_name="Laufkundschaft").exists()


def test_a_walk_in_group_larger_than_the_free_places_is_refused_at_the_field(client, people, event):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    client = as_person(client, people["organiser"])
    html = client.post(urls(event)["check_in"], _walk_in()).content.decode()
    error = html.split('id="id_walkin-number_of_people_error"', 1)[1].split("</ul>", 1)[0]
    assert "Only 1 place is free" in error
    assert not Registration.objects.filter(last_name="Laufkundschaft").exists()


def test_walk_in_errors_stand_next_to_the_fields(client, people, event):
    client = as_person(client, people["organiser"])
    data = _walk_in(**{"walkin-first_name": "", "walkin-consent": ""})
    html = client.post(urls(event)["check_in"], data).content.decode()
    summary = html.split('class="errornote"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_walkin-first_name"' in summary
    assert "Ask for consent to the privacy notice first." in summary
    assert 'id="id_walkin-first_name_error"' in html
    assert 'value="Laufkundschaft"' in html
    # The code field does not take the focus from the errors.
    assert "autofocus" not in html.split('name="code"', 1)[1].split(">", 1)[0]
    assert not Registration.objects.filter(last_name="Laufkundschaft").exists()


def test_only_staff_who_may_add_registrations_see_and_use_the_walk_in_form(client, people, event):
    """A role that checks in but may not add registrations gets no walk-in form (and a POST is
    refused); organisers have both permissions."""
    door = UserFactory(staff=True, mfa=True, email="door@muenchen.de")
    from django.contrib.auth.models import Permission

    door.user_permissions.add(Permission.objects.get(codename="check_in_registration"))
    door.user_permissions.add(Permission.objects.get(codename="view_registration"))
    door.user_permissions.add(Permission.objects.get(codename="view_event"))
    client = as_person(client, door)
    page = client.get(urls(event)["check_in"])
    if page.status_code == 200:
        assert "Walk-in without a registration" not in page.content.decode()
        assert client.post(urls(event)["check_in"], _walk_in()).status_code == 403
    assert not Registration.objects.filter(last_name="Laufkundschaft").exists()


def test_the_name_search_shows_access_needs_in_words(client, people, registrations, event):
    client = as_person(client, people["organiser"])
    html = client.get(urls(event)["check_in"], {"q": "Bürger"}).content.decode()
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "sign language interpreter, wheelchair access" in table
    assert "sign_language" not in table


def test_a_staff_name_with_a_degree_ends_the_message_with_one_period(client, people, event):
    """ "Olga Organ, B.Sc." checked someone in: the refusal of a second check-in must not read
    "B.Sc.."."""
    olga = staff(["Veranstaltungsorganisation"], "olga@muenchen.de")
    olga.full_name = "Olga Organ, B.Sc."
    olga.save()
    registration = actions.register(
        event=event, channel="online", person=person(1), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    client = as_person(client, olga)
    client.post(urls(event)["check_in"], {"code": registration.reference})
    again = client.post(urls(event)["check_in"], {"code": registration.reference}).content.decode()
    assert "by Olga Organ, B.Sc. at" in again
    assert "B.Sc.." not in again

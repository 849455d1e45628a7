"""Rights requests of people without an account (issue 14, part 4): the public form, the clerk's
paper entry, deadlines and the overdue list, the officer's view of every matching record, the
identity check, the PDF answer and the erasure — each step logged, scoped to the officer."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst

from accessibility.models import BarrierReport
from appointments.models import Booking
from munich_portal.audit.models import DataUseEvent
from munich_portal.core.roles import Role
from munich_portal.core.timezone import add_months
from munich_portal.messaging.models import Letter, OutgoingEmail
from munich_portal.rights.models import Channel, RightsRequest, Status
from participation.models import Registration
from tests.accessibility.factories import BarrierReportFactory
from tests.appointments.factories import BookingFactory
from tests.participation.factories import HeldRegistrationFactory
from tests.pdf_tools import PDFTOTEXT, page_image
from tests.rights.conftest import EMAIL, NAME, PHONE, POSTAL_CODE, STREET, login_staff

pytestmark = pytest.mark.django_db

FORM = "/datenschutz/auskunft/"
RECORD = "rights.rightsrequest"
ADMIN = "/admin/rights/rightsrequest/"


def post_form(client, *, remote_addr="127.0.0.1", **data):
    payload = {"kind": "access", "name": NAME, "email": EMAIL, "reply_by": "email"}
    payload.update(data)
    return client.post(FORM, payload, REMOTE_ADDR=remote_addr)


def rights_request(**values) -> RightsRequest:
    defaults = {"kind": "erasure", "name": NAME, "email": EMAIL, "phone": PHONE}
    defaults.update(values)
    return RightsRequest.objects.create(**defaults)


def guest_records():
    """The person's records from three apps, none linked to an account."""
    registration = HeldRegistrationFactory(
        channel="paper",
        first_name="Kreszenz",
        last_name="Wimmerbauer",
        email="",
        phone="089 7654321",
        street=STREET,
        postal_code=POSTAL_CODE,
        city="München",
    )
    booking = BookingFactory(name="Wimmerbauer Kreszenz", email=EMAIL.upper())
    report = BarrierReportFactory(name=NAME, email=EMAIL, phone="")
    # A namesake with other contact details, and someone else with her e-mail address.
    namesake = BookingFactory(name=NAME, email="andere@example.org")
    relative = HeldRegistrationFactory(first_name="Alois", last_name="Wimmerbauer", email=EMAIL)
    return registration, booking, report, namesake, relative


def pdf_text(pdf: bytes, tmp_path) -> str:
    import subprocess

    path = tmp_path / "answer.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


# --- The public form ----------------------------------------------------------------------------


def test_form_is_linked_from_the_privacy_notice_and_meine_daten_intro(client):
    assert f'href="{FORM}"' in client.get("/datenschutz/").content.decode()
    page = client.get(FORM)
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_valid_request_is_stored_with_a_one_month_deadline_and_confirmed_by_email(client):
    response = post_form(client, phone="089 1", kind="erasure")
    assert response.status_code == 302 and response["Location"].endswith("/danke/")
    stored = RightsRequest.objects.get()
    assert (stored.kind, stored.channel, stored.status) == ("erasure", Channel.WEB, "received")
    assert stored.deadline == add_months(timezone.localdate(stored.received_at), 1)
    email = OutgoingEmail.objects.get(kind="rights.confirmation")
    assert email.to_address == EMAIL and NAME in email.body
    assert client.get(response["Location"]).status_code == 200


def test_name_without_any_contact_shows_errors_next_to_fields_and_keeps_input(client):
    response = post_form(client, email="", phone="", street="Quellenweg 17")
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert 'value="Quellenweg 17"' in html and f'value="{NAME}"' in html
    assert response.context["form"].errors["postal_code"]
    assert not RightsRequest.objects.exists()


def test_missing_name_and_bad_email_are_field_errors(client):
    response = post_form(client, name="", email="not-an-address")
    errors = response.context["form"].errors
    assert "name" in errors and "email" in errors
    assert not RightsRequest.objects.exists()


def test_answer_by_letter_needs_the_postal_address(client):
    response = post_form(client, reply_by="letter")
    assert "street" in response.context["form"].errors
    response = post_form(
        client, reply_by="letter", street=STREET, postal_code=POSTAL_CODE, city="München"
    )
    assert response.status_code == 302


def test_sixth_request_within_an_hour_is_refused_and_keeps_the_input(client):
    for _ in range(5):
        assert post_form(client).status_code == 302
    response = post_form(client, phone="089 555")
    assert response.status_code == 429
    assert 'value="089 555"' in response.content.decode()
    assert RightsRequest.objects.count() == 5
    assert post_form(client, remote_addr="192.0.2.9").status_code == 302


# --- Clerk's paper entry ------------------------------------------------------------------------


def test_clerk_types_in_a_paper_request(client, clerk):
    response = client.post(
        f"{ADMIN}add/",
        {
            "kind": "access",
            "channel": "paper",
            "received_at_0": timezone.localdate().isoformat(),
            "received_at_1": "10:00:00",
            "reply_by": "letter",
            "language": "de",
            "name": NAME,
            "street": STREET,
            "postal_code": POSTAL_CODE,
            "city": "München",
            "email": "",
            "phone": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = RightsRequest.objects.get()
    assert stored.channel == Channel.PAPER and stored.entered_by == clerk
    assert stored.deadline == add_months(timezone.localdate(stored.received_at), 1)


def test_clerk_cannot_see_web_requests_nor_take_the_officers_steps(client, clerk):
    web = rights_request()
    assert client.get(f"{ADMIN}{web.pk}/change/").status_code in (302, 404)
    paper = rights_request(channel="paper")
    assert client.get(f"{ADMIN}{paper.pk}/change/").status_code == 200
    response = client.post(f"{ADMIN}{paper.pk}/identity/", {"method": "id_document"})
    assert response.status_code == 403
    paper.refresh_from_db()
    assert paper.identity_confirmed_at is None


@pytest.mark.parametrize("role", [Role.CASEWORK, Role.EVENTS, Role.ACCESSIBILITY])
def test_other_roles_get_no_rights_requests(client, role):
    login_staff(client, role, purpose="resident_support")
    request = rights_request()
    assert client.get(ADMIN).status_code == 403
    assert client.get(f"{ADMIN}{request.pk}/change/").status_code == 403
    assert client.post(f"{ADMIN}{request.pk}/erase/").status_code == 403


# --- Deadline and overdue -----------------------------------------------------------------------


def test_overdue_filter_and_red_badge(client, officer):
    late = rights_request(received_at=timezone.now() - dt.timedelta(days=40))
    fresh = rights_request(name="Frisch Eingegangen")
    answered_late = rights_request(
        received_at=timezone.now() - dt.timedelta(days=40), status=Status.ANSWERED
    )
    assert late.is_overdue() and not fresh.is_overdue() and not answered_late.is_overdue()
    response = client.get(f"{ADMIN}?frist=overdue")
    shown = list(response.context["cl"].result_list)
    assert shown == [late]
    assert 'class="badge badge-overdue"' in response.content.decode()
    assert response.context["overdue_count"] == 1
    assert 'href="?frist=overdue"' in response.content.decode()  # the reminder above the list


# --- The officer's view and steps ---------------------------------------------------------------


def test_officer_sees_every_matching_record_and_the_search_is_logged(client, officer):
    registration, booking, report, namesake, relative = guest_records()
    request = rights_request()
    before = DataUseEvent.objects.count()
    response = client.get(f"{ADMIN}{request.pk}/change/")
    assert response.status_code == 200
    found = {
        group.label: [record.pk for record in group.records]
        for group in response.context["match_groups"]
    }
    assert found["participation.registration"] == [registration.pk]
    assert found["appointments.booking"] == [booking.pk]
    assert found["accessibility.barrierreport"] == [report.pk]
    assert namesake.pk not in found["appointments.booking"]
    assert relative.pk not in found["participation.registration"]
    searches = DataUseEvent.objects.filter(seq__gt=before, action="search")
    assert set(searches.values_list("record_type", flat=True)) >= {
        "participation.registration",
        "appointments.booking",
        "accessibility.barrierreport",
    }
    assert set(searches.values_list("purpose", flat=True)) == {"data_subject_rights"}


def test_erasure_needs_a_confirmed_identity(client, officer):
    _registration, booking, *_ = guest_records()
    request = rights_request()
    response = client.post(
        f"{ADMIN}{request.pk}/erase/", {"record": f"appointments.booking:{booking.pk}"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.name == "Wimmerbauer Kreszenz"
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_identity_then_pdf_answer_with_every_record(client, officer, tmp_path):
    guest_records()
    request = rights_request(
        kind="access", reply_by="letter", street=STREET, postal_code=POSTAL_CODE, city="München"
    )
    assert client.post(f"{ADMIN}{request.pk}/answer/").status_code == 302  # identity first
    response = client.post(
        f"{ADMIN}{request.pk}/identity/", {"method": "id_document", "note": "Bürgerbüro Ost"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.IDENTITY_CONFIRMED
    assert request.identity_confirmed_by == officer and request.identity_method == "id_document"

    response = client.post(f"{ADMIN}{request.pk}/answer/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert "Kreszenz Wimmerbauer" in text
    assert "Quellenweg 17" in text and EMAIL.upper() in text
    with translation.override(request.language):
        for model in (Registration, Booking, BarrierReport):
            assert str(capfirst(model._meta.verbose_name_plural)) in text
    # Page 1 is a readable page, not blank (looked at: tmp_path/page1.png).
    image = page_image(tmp_path / "answer.pdf", 1, tmp_path).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 1000
    request.refresh_from_db()
    assert request.status == Status.ANSWERED and request.answered_at is not None
    letter = Letter.objects.get(kind="rights.answer")
    assert letter.recipient_name == NAME and letter.street == STREET
    assert "Quellenweg 17" in letter.body
    steps = DataUseEvent.objects.filter(purpose="data_subject_rights", record_type=RECORD)
    assert {"change", "export"} <= set(steps.values_list("action", flat=True))


def test_erase_the_chosen_records_after_the_identity_check(client, officer):
    registration, booking, report, namesake, relative = guest_records()
    request = rights_request()
    client.post(f"{ADMIN}{request.pk}/identity/", {"method": "email_reply"})
    response = client.post(
        f"{ADMIN}{request.pk}/erase/",
        {
            "record": [
                f"participation.registration:{registration.pk}",
                f"appointments.booking:{booking.pk}",
                f"accessibility.barrierreport:{report.pk}",
                # Not found for this person: ignored, never erased.
                f"appointments.booking:{namesake.pk}",
            ]
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ERASED and request.erased_at is not None
    # Anonymised or deleted (the apps' hooks decide), never left with her name.
    assert not Registration.objects.filter(pk=registration.pk, last_name="Wimmerbauer").exists()
    assert Booking.objects.filter(pk=booking.pk, name=booking.name).count() == 0
    assert BarrierReport.objects.get(pk=report.pk).email == ""
    namesake.refresh_from_db()
    relative.refresh_from_db()
    assert namesake.name == NAME and relative.email == EMAIL
    erase_events = DataUseEvent.objects.filter(action="anonymise", purpose="data_subject_rights")
    assert erase_events.exists()

    response = client.post(f"{ADMIN}{request.pk}/close/")
    request.refresh_from_db()
    assert request.status == Status.CLOSED and request.closed_at is not None


def test_records_of_an_account_are_shown_but_never_erased_from_here(client, officer):
    from tests.factories import UserFactory

    holder = UserFactory(email="holder@example.org")
    own = BookingFactory(name=NAME, email=EMAIL, user=holder)
    request = rights_request()
    client.post(f"{ADMIN}{request.pk}/identity/", {"method": "email_reply"})
    page = client.get(f"{ADMIN}{request.pk}/change/").content.decode()
    assert f'value="appointments.booking:{own.pk}"' not in page
    client.post(f"{ADMIN}{request.pk}/erase/", {"record": f"appointments.booking:{own.pk}"})
    own.refresh_from_db()
    assert own.name == NAME

"""What to bring (issue 16, part 3): the services' required documents and fee on the confirmation
page, the confirmation e-mail, the calendar file, the reminder and the letter, in the booking's
language (German where the English text is empty), each service once."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from appointments import actions, notifications, tokens
from appointments.models import Booking
from munich_portal.core.channels import Channel
from munich_portal.core.timezone import MUNICH
from munich_portal.messaging.models import OutgoingEmail
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.factories import UserFactory
from tests.services.factories import ServiceFactory

pytestmark = pytest.mark.django_db

ADDRESS = {"street": "Sendlinger Straße 1", "postal_code": "80331", "city": "München"}


@pytest.fixture
def services():
    appointment_type = AppointmentTypeFactory()
    passport = ServiceFactory(
        name_de="Reisepass beantragen",
        name_en="Apply for a passport",
        required_documents_de="Personalausweis\nbiometrisches Passfoto",
        required_documents_en="Identity card\nbiometric passport photo",
        fees_de="70 Euro",
        fees_en="70 euros",
    )
    # No English texts: the English messages show the German ones.
    card = ServiceFactory(
        name_de="Personalausweis beantragen",
        name_en="",
        required_documents_de="Alter Ausweis",
        required_documents_en="",
        fees_de="37 Euro",
        fees_en="",
    )
    appointment_type.services.add(passport, card)
    return appointment_type, passport, card


def _book(appointment_type, passport, card, *, language, days=1, **kwargs):
    slot = SlotFactory(
        appointment_type=appointment_type,
        starts_at=in_days(days, 10),
        ends_at=in_days(days, 10, 20),
        capacity=4,
    )
    return actions.book(
        slot=slot,
        name="Anna Huber",
        people=[("", [passport]), ("Ben Huber", [passport, card])],
        language=language,
        **kwargs,
    )


def _email(booking, kind) -> OutgoingEmail:
    return OutgoingEmail.objects.get(source_id=booking.pk, kind=f"appointments.{kind}")


def _verified(**kwargs):
    user = UserFactory()
    return {"user": user, "email": user.email, "verified": True, **kwargs}


def _description(ics: bytes) -> str:
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    return str(event.get("description"))


def test_the_german_confirmation_reminder_and_calendar_file_say_what_to_bring(services):
    appointment_type, passport, card = services
    booking = _book(appointment_type, passport, card, language="de", **_verified())
    body = _email(booking, "confirmation").body
    for text in (
        "Was Sie mitbringen",
        "Reisepass beantragen",
        "- Personalausweis",
        "- biometrisches Passfoto",
        "Gebühr: 70 Euro",
        "Personalausweis beantragen",
        "- Alter Ausweis",
        "Gebühr: 37 Euro",
        "Wer kommt mit welchem Anliegen:",
        "- Ben Huber: Personalausweis beantragen, Reisepass beantragen",
    ):
        assert text in body, text
    # Two people need a passport: its documents are listed once.
    assert body.count("biometrisches Passfoto") == 1
    description = _description(notifications.calendar_file(booking))
    assert "Was Sie mitbringen" in description and "Gebühr: 70 Euro" in description
    assert "Alter Ausweis" in description
    # The reminder the day before.
    now = timezone.localtime(booking.slot.starts_at, MUNICH) - dt.timedelta(days=1)
    assert actions.send_reminders(now=now) == 1
    reminder = _email(booking, "reminder").body
    assert "Was Sie mitbringen" in reminder and "Gebühr: 37 Euro" in reminder


def test_the_english_messages_use_english_texts_and_fall_back_to_german(services, client):
    appointment_type, passport, card = services
    booking = _book(appointment_type, passport, card, language="en", **_verified())
    body = _email(booking, "confirmation").body
    for text in (
        "What to bring",
        "Apply for a passport",
        "- Identity card",
        "Fee: 70 euros",
        # No English for the ID card: the German text.
        "Personalausweis beantragen",
        "- Alter Ausweis",
        "Fee: 37 Euro",
    ):
        assert text in body, text
    assert "Gebühr" not in body and "Was Sie mitbringen" not in body
    # The calendar file from the manage link is in the booking's language, whatever the page's.
    response = client.get(f"/termine/verwalten/{tokens.manage_token(booking)}/kalender.ics")
    assert response.status_code == 200
    description = _description(response.content)
    assert "What to bring" in description and "Fee: 70 euros" in description


def test_a_letter_says_what_to_bring_in_the_persons_language(services):
    appointment_type, passport, card = services
    for days, language, heading, fee in (
        (3, "de", "Was Sie mitbringen", "Gebühr: 70 Euro"),
        (4, "en", "What to bring", "Fee: 70 euros"),
    ):
        booking = _book(
            appointment_type,
            passport,
            card,
            language=language,
            days=days,
            phone="089 1",
            channel=Channel.PHONE,
            booked_by=UserFactory(staff=True),
            address=ADDRESS,
        )
        (letter,) = booking.letters.all()
        assert heading in letter.body and fee in letter.body
        assert "Ben Huber" in letter.body
        # The cancellation letter does not ask to bring anything.
        actions.cancel(booking=booking)
        cancellation = booking.letters.get(kind="appointments.cancellation")
        assert heading not in cancellation.body


def test_the_confirmation_and_manage_pages_list_documents_and_fee(services, client):
    appointment_type, passport, card = services
    booking = _book(appointment_type, passport, card, language="de", **_verified())
    page = client.get(f"/termine/gebucht/{booking.reference}/").content.decode()
    assert "Was Sie mitbringen" in page
    assert "<li>biometrisches Passfoto</li>" in page and "70 Euro" in page
    assert page.count("<h3>Reisepass beantragen</h3>") == 1
    manage = client.get(f"/termine/verwalten/{tokens.manage_token(booking)}/").content.decode()
    assert "Ben Huber: Personalausweis beantragen, Reisepass beantragen" in manage
    assert "Alter Ausweis" in manage
    english = client.get(f"/en/termine/gebucht/{booking.reference}/").content.decode()
    assert "What to bring" in english and "<li>biometric passport photo</li>" in english
    # No English for the ID card: the German text, marked as German.
    assert '<div lang="de"><p>37 Euro</p></div>' in english
    assert Booking.objects.get(pk=booking.pk).places == 2

"""Issue 15, part 7: one daily letter batch holds every message to a person without e-mail —
a registration confirmation, an event moved, an idea's answer and its status, an appointment
confirmation booked by a clerk — printed by a clerk from /erfassung/briefe/ as one PDF, one letter
per page."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from appointments import actions as appointment_actions
from munich_portal.core.channels import Channel
from munich_portal.messaging.models import Letter
from participation import actions as participation_actions
from tests.appointments.factories import SlotFactory, in_days
from tests.factories import UserFactory
from tests.messaging.conftest import idea_letter
from tests.participation.factories import EventFactory, person
from tests.pdf_tools import page_image, pdf_pages, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch():
    """The four letters, written by the apps' own actions for people with only an address."""
    event = EventFactory(title_de="Werkstatt Freiham", capacity=5)
    registration = participation_actions.register(
        event=event,
        channel=Channel.PAPER,
        person=person(1, first_name="Franziska", last_name="Obermaier", email=""),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
        language="de",
    )
    participation_actions.move_event(
        event=event, changes={"place_name": "Stadtteilzentrum Freiham"}, note="Neuer Saal."
    )
    idea = idea_letter("answer")
    status = idea_letter("status", status_reason="Im Haushalt 2027 eingeplant.")
    booking = appointment_actions.book(
        slot=SlotFactory(starts_at=in_days(20, 10), ends_at=in_days(20, 10, 20)),
        name="Herr Maier",
        channel=Channel.PHONE,
        address={"street": "Fürstenrieder Str. 5", "postal_code": "80686", "city": "München"},
        booked_by=UserFactory(staff=True),
        language="de",
    )
    return {
        "registration": registration.letters.get(kind="participation.confirmation"),
        "event_changed": registration.letters.get(kind="participation.event_changed"),
        "idea": idea,
        "idea_status": status,
        "appointment": booking.letters.get(kind="appointments.confirmation"),
    }


def test_one_batch_pdf_holds_every_kind_of_letter(batch, tmp_path):
    clerk = UserFactory(staff=True, mfa=True, roles=["Erfassung"])
    client = Client()
    client.force_login(clerk, backend=settings.AUTHENTICATION_BACKENDS[-1])
    response = client.post("/erfassung/briefe/drucken/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf_pages(pdf) == 5
    content = " ".join(text(pdf).split())
    assert "Anmeldung bestätigt: Werkstatt Freiham" in content
    assert "Veranstaltung verlegt: Werkstatt Freiham" in content
    assert "Jetzt:" in content and "Stadtteilzentrum Freiham" in content
    assert "Neuer Saal." in content
    assert batch["idea"].subject in content
    assert "Wir pflanzen im Frühjahr zwölf Linden." in content
    assert batch["idea_status"].subject in content
    assert "Im Haushalt 2027 eingeplant." in content
    assert batch["appointment"].subject in content
    assert "Herr Maier" in content and "Fürstenrieder Str. 5" in content
    assert batch["appointment"].reference in content
    # Every letter is marked printed in today's batch; nothing is left for a second batch.
    assert not Letter.objects.filter(printed_at__isnull=True).exists()
    assert {letter.printed_batch for letter in Letter.objects.all()} == {timezone.localdate()}
    # The appointment's page as an image: a white A4 page with the address in the window.
    path = tmp_path / "batch.pdf"
    path.write_bytes(pdf)
    order = [letter.kind for letter in Letter.objects.order_by("created_at", "pk")]
    image = page_image(path, order.index("appointments.confirmation") + 1, tmp_path)
    width, height = image.size
    assert abs(height / width - 297 / 210) < 0.01
    left, top, right, bottom = (20 / 210, 45 / 297, 105 / 210, 90 / 297)  # DIN 5008 form B
    window = image.convert("L").crop(
        (int(width * left), int(height * top), int(width * right), int(height * bottom))
    )
    assert window.getextrema()[0] < 100  # dark text in the address window
    image.save(tmp_path / "appointment.png")
    page_image(path, order.index("participation.event_changed") + 1, tmp_path)

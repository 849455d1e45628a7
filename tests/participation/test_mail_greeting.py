"""Mails to an address not yet confirmed do not greet with the name the sender typed (issue 11)."""

import re

import pytest
from django.core import mail

from ideas import notifications as idea_notifications
from participation import actions
from participation.models import Registration
from tests.ideas.conftest import make_idea, make_process
from tests.participation.factories import ConsentTextFactory, EventFactory, person

pytestmark = pytest.mark.django_db

EVIL_FIRST, EVIL_LAST = "Visit", "http://evil.example"


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(slug="werkstatt-gruss", capacity=5)


def test_a_guest_registration_greets_by_name_only_after_confirming(
    client, event, django_capture_on_commit_callbacks
):
    data = {
        "first_name": EVIL_FIRST,
        "last_name": EVIL_LAST,
        "email": "victim@example.org",
        "phone": "",
        "number_of_people": "1",
        "access_needs_note": "",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/veranstaltungen/werkstatt-gruss/", data)
    assert response.status_code == 302
    (confirm,) = mail.outbox
    assert "evil.example" not in confirm.body and "Visit" not in confirm.body

    link = re.search(r"https?://[^\s]+/anmeldung/bestaetigen/[^\s]+/", confirm.body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/" + link.split("://", 1)[1].split("/", 1)[1], {})
    assert mail.outbox[-1].body.startswith(f"Guten Tag {EVIL_FIRST} {EVIL_LAST},")


def test_a_pending_guest_registration_cancelled_by_staff_greets_neutrally(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = actions.register_guest(
            event=event,
            person=person(first_name=EVIL_FIRST, last_name=EVIL_LAST, email="victim@example.org"),
            number_of_people=1,
            access_needs=[],
            consent_version="2026-11",
        )
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_registration(registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    for message in mail.outbox:
        assert "evil.example" not in message.body


@pytest.mark.parametrize("channel", ["paper", "phone", "on_site"])
def test_an_address_typed_in_by_a_clerk_gets_a_neutral_greeting(
    event, channel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.register(
            event=event,
            channel=channel,
            person=person(first_name=EVIL_FIRST, last_name=EVIL_LAST, email="victim@example.org"),
            number_of_people=1,
            access_needs=[],
            consent_version="2026-11",
        )
    (message,) = mail.outbox
    assert "evil.example" not in message.body
    assert message.body.startswith("Guten Tag,")


def test_an_answer_to_a_paper_idea_greets_neutrally(django_capture_on_commit_callbacks):
    process = make_process("during")
    idea = make_idea(
        process,
        channel="paper",
        author_name=f"{EVIL_FIRST} {EVIL_LAST}",
        contact_email="victim@example.org",
        answer="Danke.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert idea_notifications.notify_author(idea, "answer") == "email"
    (message,) = mail.outbox
    assert message.to == ["victim@example.org"]
    assert "evil.example" not in message.body

"""Fixtures of the letters' tests: letters of both apps that write them, and staff per role."""

import pytest

from ideas import notifications as idea_notifications
from munich_portal.audit.context import SESSION_PURPOSE_KEY
from munich_portal.core.roles import Role
from participation import notifications as registration_notifications
from tests.factories import UserFactory
from tests.ideas.conftest import make_idea, make_process
from tests.participation.conftest import _empty_page_caches, on_commit  # noqa: F401
from tests.participation.factories import HeldRegistrationFactory


def registration_letter(kind="confirmation", **registration):
    """A registrant without e-mail, and the letter participation writes them."""
    values = {
        "channel": "paper",
        "email": "",
        "first_name": "Franziska",
        "last_name": "Obermaier",
        "street": "Lindwurmstraße 88",
        "postal_code": "80337",
        "city": "München",
        "number_of_people": 2,
        "access_needs": ["sign_language"],
        "form_number": None,
    }
    values.update(registration)
    return registration_notifications.queue_letter(HeldRegistrationFactory(**values), kind)


def idea_letter(kind="answer", process=None, **idea):
    """A paper contributor with only a postal address, and the letter ideas writes them."""
    values = {
        "channel": "paper",
        "author_name": "Korbinian Huber",
        "contact_street": "Tegernseer Landstraße 161",
        "contact_postal_code": "81539",
        "contact_city": "München",
        "answer": "Wir pflanzen im Frühjahr zwölf Linden.",
        "status": "accepted",
        "status_reason": "Im Haushalt 2027.",
        "language": "de",
    }
    values.update(idea)
    return idea_notifications.queue_letter(make_idea(process or make_process(), **values), kind)


def staff_client(client, user, purpose):
    """``client`` logged in as ``user``, who has chosen ``purpose`` as their purpose of work."""
    client.force_login(user)
    session = client.session
    session[SESSION_PURPOSE_KEY] = purpose
    session.save()
    return client


def staff(role, **extra):
    return UserFactory(staff=True, mfa=True, roles=[role], **extra)


@pytest.fixture
def clerk():
    return staff(Role.DATA_ENTRY, full_name="Klara Klerk")


@pytest.fixture
def organiser():
    return staff(Role.EVENTS)

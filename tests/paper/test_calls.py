"""Registrations by phone and on site: the clerks' screen without a sheet number."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client

from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import Letter, OutgoingEmail
from participation import actions as participation_actions
from participation.models import Registration, RegistrationStatus
from tests.factories import UserFactory
from tests.paper.test_views import _sheet_data
from tests.participation.factories import ConsentTextFactory, EventFactory, person

pytestmark = pytest.mark.django_db

CALL = "/en/erfassung/anmeldung/"
BACKEND = settings.AUTHENTICATION_BACKENDS[-1]


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def clerk():
    return UserFactory(staff=True, roles=["Erfassung"], mfa=True, full_name="Klara Klerk")


@pytest.fixture
def organiser():
    return UserFactory(staff=True, roles=["Veranstaltungsorganisation"], mfa=True)


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(capacity=5, title_de="Werkstatt Pasing", title_en="Workshop Pasing")


def _call_data(event, **overrides):
    """The sheet test's person, typed in for a phone call (e-mail, no address, consent)."""
    data = _sheet_data(event=str(event.pk), channel="phone", email="franzi@example.org")
    data.update(street="", postal_code="", city="", access_needs=["wheelchair"], consent="on")
    del data["signed"]
    data.update(overrides)
    return data


def _online_registration(event, phone="089 7654321"):
    """Franziska Obermaier, registered online for ``event`` with ``phone``."""
    return participation_actions.register(
        event=event,
        channel="online",
        person=person(first_name="Franziska", last_name="Obermaier", phone=phone),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("resident", 403), ("clerk", 200), ("organiser", 200)],
)
def test_clerks_and_organisers_open_the_screen(who, status, clerk, organiser, event):
    users = {"anonymous": None, "resident": UserFactory(), "clerk": clerk, "organiser": organiser}
    client = _client(users[who])
    assert client.get(CALL).status_code == status
    client.post(CALL, _call_data(event))
    expected = 1 if status == 200 else 0
    assert Registration.objects.filter(channel="phone").count() == expected


def test_a_caller_with_e_mail_is_registered_and_told_by_e_mail(clerk, event):
    """Channel, clerk and time recorded through register(); the confirmation is an e-mail;
    "Save and next" comes back with the event and the channel chosen again."""
    response = _client(clerk).post(CALL, _call_data(event))
    assert response.status_code == 302
    assert response["Location"] == f"{CALL}?veranstaltung={event.pk}&kanal=phone"
    registration = Registration.objects.get()
    assert registration.channel == "phone"
    assert registration.entered_by == clerk
    assert registration.received_at is not None
    assert registration.form_number is None
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.access_needs == ["wheelchair"]
    assert registration.consent_version == "2026-11"
    event.refresh_from_db()
    assert event.confirmed_places == 2
    assert OutgoingEmail.objects.filter(
        to_address=registration.email, kind="participation.confirmation"
    ).exists()
    assert not Letter.objects.exists()
    [message] = _messages(response)
    assert f"Franziska Obermaier is confirmed (2 places), code {registration.reference}" in message
    # The next person: event and channel are chosen, the person fields are empty.
    html = _client(clerk).get(response["Location"]).content.decode()
    assert f'<option value="{event.pk}" selected>' in html
    assert re.search(r'<input type="radio" name="channel" value="phone"[^>]*checked', html)
    assert "Obermaier" not in html


def test_a_walk_in_without_e_mail_gets_a_letter_in_the_daily_batch(clerk, event):
    data = _call_data(
        event,
        channel="on_site",
        email="",
        street="Lindwurmstraße 88",
        postal_code="80337",
        city="München",
    )
    response = _client(clerk).post(CALL, data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.channel == "on_site"
    letter = Letter.objects.get()
    assert letter.kind == "participation.confirmation"
    assert letter.postal_code == "80337"
    assert letter.printed_at is None  # waits for the clerks' daily batch
    assert not OutgoingEmail.objects.exists()


def test_the_entry_is_logged_as_a_staff_use(clerk, event):
    before = DataUseEvent.objects.count()
    _client(clerk).post(CALL, _call_data(event))
    logged = list(DataUseEvent.objects.order_by("seq")[before:])
    assert "create" in [use.action for use in logged]


def test_errors_stand_next_to_the_fields_and_the_input_is_kept(clerk, event):
    data = _call_data(event, channel="", first_name="", email="", consent="")
    response = _client(clerk).post(CALL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert "Choose phone or in person." in html
    assert "Read out the privacy notice and ask for consent" in html
    assert "Needed for the confirmation letter (no e-mail given)." in html
    assert 'value="Obermaier"' in html
    assert 'value="089 7654321"' in html
    assert "<title>Error:" in html
    assert not Registration.objects.exists()


def test_an_event_that_is_over_or_unknown_cannot_be_chosen(clerk, event):
    import datetime as dt

    from django.utils import timezone

    past = EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2, hours=-2),
    )
    html = _client(clerk).get(CALL).content.decode()
    assert f'value="{event.pk}"' in html
    assert f'value="{past.pk}"' not in html
    response = _client(clerk).post(CALL, _call_data(past))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_full_event_without_waiting_list_is_refused_next_to_the_event(clerk, event):
    event.waiting_list_enabled = False
    event.capacity = 1
    event.save()
    response = _client(clerk).post(CALL, _call_data(event))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The event is full and keeps no waiting list" in html
    assert 'value="Obermaier"' in html
    assert not Registration.objects.exists()


def test_a_possible_duplicate_is_shown_and_the_clerk_links_it(clerk, event):
    """The paper screen's duplicate check applies: same name and phone as an online
    registration; the clerk says it is the same person and no second place is taken."""
    online = _online_registration(event, phone="+49 89 7654321")
    client = _client(clerk)
    first = client.post(CALL, _call_data(event))
    html = first.content.decode()
    assert first.status_code == 200
    assert "Possible duplicate: phone or on-site registration" in html
    assert f'name="shown" value="{online.pk}"' in html
    assert 'action="/en/erfassung/anmeldung/"' in html
    assert Registration.objects.count() == 1
    data = {**_call_data(event), "shown": str(online.pk), "decision": str(online.pk)}
    response = client.post(CALL, data)
    assert response.status_code == 302
    entry = Registration.objects.exclude(pk=online.pk).get()
    assert entry.linked_to == online
    assert entry.status == RegistrationStatus.CANCELLED
    event.refresh_from_db()
    assert event.confirmed_places == 1
    assert "no second place taken" in _messages(response)[0]


def test_a_different_person_is_saved_as_new(clerk, event):
    online = _online_registration(event)
    data = {**_call_data(event), "shown": str(online.pk), "decision": "new"}
    assert _client(clerk).post(CALL, data).status_code == 302
    event.refresh_from_db()
    assert event.confirmed_places == 3


def test_the_decision_is_required(clerk, event):
    online = _online_registration(event)
    data = {**_call_data(event), "shown": str(online.pk)}
    html = _client(clerk).post(CALL, data).content.decode()
    assert "Choose whether this is the same person" in html
    assert Registration.objects.count() == 1

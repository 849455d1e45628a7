"""An event moved or cancelled by its organisers: every registrant is told by their channel
(participation.actions.move_event, cancel_event)."""

import datetime as dt
import logging

import pytest
from django.utils import timezone, translation

from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import Letter, OutgoingEmail
from participation import actions
from participation.models import Event, RegistrationStatus
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, person

pytestmark = pytest.mark.django_db

DASH = "\u2013"  # between the start and the end time


def register(event, n=0, *, channel="online", people=1, who=None, language="de"):
    return actions.register(
        event=event,
        channel=channel,
        person=who or person(n),
        number_of_people=people,
        access_needs=[],
        consent_version="2026-11",
        language=language,
    )


def kinds(registration, model):
    return list(
        model.objects.filter(source_id=registration.pk)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


@pytest.fixture
def full_event():
    """One place: a confirmed e-mail registrant, a waiting letter registrant (English), a
    pending guest and a phone registrant with neither e-mail nor address."""
    event = EventFactory(
        capacity=1,
        title_de="Werkstatt Freiham",
        title_en="Freiham workshop",
        starts_at=timezone.make_aware(dt.datetime(2030, 3, 4, 18, 0)),
        ends_at=timezone.make_aware(dt.datetime(2030, 3, 4, 20, 0)),
        place_name="Alte Kongresshalle",
        place_address="Theresienhöhe 15, 80339 München",
    )
    confirmed = register(event, 0)
    by_post = register(event, 1, channel="paper", who=person(1, email=""), language="en")
    guest = actions.register_guest(
        event=event, person=person(2), number_of_people=1, access_needs=[], consent_version="x"
    )
    nobody = register(
        event, 3, channel="phone", who=person(3, email="", street="", postal_code="", city="")
    )
    return event, confirmed, by_post, guest, nobody


def test_moving_an_event_tells_every_registrant_by_their_channel_with_old_and_new(full_event):
    event, confirmed, by_post, guest, nobody = full_event
    new_start = timezone.make_aware(dt.datetime(2030, 3, 11, 17, 30))
    told = actions.move_event(
        event=event,
        changes={
            "starts_at": new_start,
            "ends_at": new_start + dt.timedelta(hours=2),
            "place_name": "Stadtteilzentrum Freiham",
        },
        note="Die Halle wird renoviert.",
        by=UserFactory(),
    )
    assert {r.pk for r in told} == {confirmed.pk, by_post.pk, guest.pk, nobody.pk}
    # E-mail for the confirmed registrant, in German, with before and after.
    email = OutgoingEmail.objects.get(source_id=confirmed.pk, kind="participation.event_changed")
    assert email.subject == "Veranstaltung verlegt: Werkstatt Freiham"
    assert f"Vorher: Montag, 4. März 2030, 18:00{DASH}20:00, Alte Kongresshalle" in email.body
    assert f"Jetzt: Montag, 11. März 2030, 17:30{DASH}19:30, Stadtteilzentrum Freiham" in email.body
    assert "Die Halle wird renoviert." in email.body
    assert "Ihr Platz bleibt" in email.body
    assert email.attachments[0]["filename"] == "veranstaltung.ics"
    # A letter in English for the waiting registrant without e-mail.
    letter = Letter.objects.get(source_id=by_post.pk, kind="participation.event_changed")
    assert letter.language == "en"
    assert letter.subject == "Event moved: Freiham workshop"
    assert f"Before: Monday, 4 March 2030, 18:00{DASH}20:00, Alte Kongresshalle" in letter.body
    assert f"Now: Monday, 11 March 2030, 17:30{DASH}19:30, Stadtteilzentrum Freiham" in letter.body
    assert "You stay on the waiting list, in the same position." in letter.body
    # The pending guest by e-mail without a name; the phone registrant by nobody.
    guest_mail = OutgoingEmail.objects.get(source_id=guest.pk, kind="participation.event_changed")
    assert guest_mail.body.startswith("Guten Tag,\n")
    assert kinds(nobody, OutgoingEmail) == [] and kinds(nobody, Letter) == []
    # Statuses and places are untouched; the event carries the new time.
    stored = Event.objects.get(pk=event.pk)
    assert stored.starts_at == new_start and stored.confirmed_places == 1
    assert stored.history.first().place_name == "Stadtteilzentrum Freiham"


def test_the_same_move_made_twice_tells_nobody_twice(full_event):
    event, confirmed, *_rest = full_event
    changes = {"place_address": "Freihamer Allee 1, 81249 München"}
    assert actions.move_event(event=event, changes=changes)
    assert actions.move_event(event=event, changes=changes) == []
    assert kinds(confirmed, OutgoingEmail).count("participation.event_changed") == 1


def test_a_move_refuses_fields_that_are_not_time_or_place(full_event):
    with pytest.raises(ValueError):
        actions.move_event(event=full_event[0], changes={"capacity": 5})


def test_cancelling_an_event_cancels_every_registration_and_tells_each(full_event, caplog):
    event, confirmed, by_post, guest, nobody = full_event
    clerk = UserFactory()
    with caplog.at_level(logging.INFO, logger="participation.actions"):
        cancelled = actions.cancel_event(event=event, note="Krankheit der Moderation.", by=clerk)
    assert {r.pk for r in cancelled} == {confirmed.pk, by_post.pk, guest.pk, nobody.pk}
    for registration in (confirmed, by_post, guest, nobody):
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CANCELLED
        assert registration.cancelled_by == clerk
    stored = Event.objects.get(pk=event.pk)
    assert stored.cancelled_at is not None and stored.confirmed_places == 0
    email = OutgoingEmail.objects.get(source_id=confirmed.pk, kind="participation.event_cancelled")
    assert email.subject == "Veranstaltung abgesagt: Werkstatt Freiham"
    assert "Krankheit der Moderation." in email.body
    assert b"METHOD:CANCEL" in __import__("base64").b64decode(email.attachments[0]["content"])
    letter = Letter.objects.get(source_id=by_post.pk, kind="participation.event_cancelled")
    assert "the waiting list has ended with the event" in letter.body
    # Nobody was promoted from the waiting list: no other message went out.
    assert kinds(by_post, Letter) == ["participation.waitlisted", "participation.event_cancelled"]
    assert OutgoingEmail.objects.get(
        source_id=guest.pk, kind="participation.event_cancelled"
    ).body.startswith("Guten Tag,\n")
    # Logged: one staff use of the registrations, and the log line.
    (batch,) = [
        use
        for use in DataUseEvent.objects.filter(action="change")
        if use.details.get("criteria", {}).get("view") == "cancel_event"
    ]
    assert batch.details["criteria"]["told"] == 3
    assert f"Event {event.pk} cancelled" in caplog.text


def test_cancelling_twice_changes_nothing_and_no_one_can_register_afterwards(full_event):
    event, confirmed, *_rest = full_event
    actions.cancel_event(event=event)
    assert actions.cancel_event(event=event) == []
    assert kinds(confirmed, OutgoingEmail).count("participation.event_cancelled") == 1
    for channel in ("online", "paper"):
        with pytest.raises(actions.RegistrationClosed):
            register(Event.objects.get(pk=event.pk), 9, channel=channel)


def test_the_page_of_a_cancelled_event_says_so_and_offers_no_form(client, full_event):
    event = full_event[0]
    actions.cancel_event(event=event)
    with translation.override("en"):
        page = client.get(event.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "This event has been cancelled." in html
    assert 'name="first_name"' not in html

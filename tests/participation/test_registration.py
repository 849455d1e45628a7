"""Online registration: with an account, as a guest with e-mail confirmation, the e-mails with
their calendar files, the cancellation link, bad input and the guest rate limit."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from participation import actions, tokens
from participation.models import Event, Registration, RegistrationStatus
from tests.factories import UserFactory
from tests.participation.factories import (
    ConsentTextFactory,
    EventFactory,
    RegistrationFactory,
    person,
)

pytestmark = pytest.mark.django_db

# English pages: the assertions read English texts whatever the German translations say.
URL = "/en/veranstaltungen/werkstatt/"


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(slug="werkstatt", title_de="Werkstatt Altstadt", title_en="", capacity=3)


def form_data(**overrides):
    data = {
        "first_name": "Maria",
        "last_name": "Huber",
        "email": "maria@example.org",
        "phone": "",
        "number_of_people": "1",
        "access_needs": ["sign_language"],
        "access_needs_note": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def post(client, data, django_capture_on_commit_callbacks, url=URL):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, data)


def link_in(message, name) -> str:
    match = re.search(rf"https?://[^\s]+/anmeldung/{name}/[^\s]+/", message.body)
    assert match, message.body
    return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]


def ics_of(message) -> Calendar:
    attachments = [a for a in message.attachments if a[0].endswith(".ics")]
    assert len(attachments) == 1
    _name, content, mimetype = attachments[0]
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


# --- logged in ------------------------------------------------------------------------------------


def test_the_form_is_prefilled_from_the_account(client, event):
    user = UserFactory(email="anna@example.org", full_name="Anna Maria Bürger")
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert 'value="Anna Maria"' in html
    assert 'value="Bürger"' in html
    assert 'value="anna@example.org"' in html and "disabled" in html


def test_a_logged_in_resident_is_confirmed_at_once_and_gets_an_ics(
    client, event, django_capture_on_commit_callbacks
):
    user = UserFactory(email="anna@example.org", full_name="Anna Bürger")
    client.force_login(user)
    response = post(
        client,
        form_data(first_name="Anna", last_name="Bürger", email="forged@example.org"),
        django_capture_on_commit_callbacks,
    )
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/angemeldet/{registration.reference}/")
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.user == user
    # The account's address, not what the form sent (the field is disabled).
    assert registration.email == "anna@example.org"
    assert registration.access_needs == ["sign_language"]
    assert registration.consent_version == "2026-11"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "Werkstatt Altstadt" in message.subject
    assert registration.reference in message.body
    entry = ics_of(message).walk("VEVENT")[0]
    assert entry.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert entry.decoded("DTEND") == event.ends_at.replace(microsecond=0)
    assert registration.reference in str(entry["UID"])
    assert "/anmeldung/stornieren/" in message.body


def test_the_confirmation_page_names_the_status_and_the_code(
    client, event, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())
    response = post(client, form_data(), django_capture_on_commit_callbacks)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<h1>Registration confirmed</h1>" in html
    assert Registration.objects.get().reference in html
    assert "maria@example.org" not in html  # no personal data on a shareable address
    assert "no-store" in page["Cache-Control"]


def test_a_second_registration_of_the_account_is_refused_with_a_message(
    client, event, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())
    post(client, form_data(), django_capture_on_commit_callbacks)
    response = client.get(URL)
    assert "You are registered for this event." in response.content.decode()
    again = post(client, form_data(), django_capture_on_commit_callbacks)
    assert again.status_code == 409
    assert "You are registered for this event." in again.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "notice"),
    [
        (RegistrationStatus.CONFIRMED, "You are registered for this event."),
        (RegistrationStatus.WAITLISTED, "You are on the waiting list for this event."),
        (RegistrationStatus.PENDING, "Your registration is waiting for your e-mail confirmation."),
    ],
)
def test_the_page_tells_a_resident_of_their_own_registration_only(client, event, status, notice):
    anna, bert = UserFactory(), UserFactory()
    own = RegistrationFactory(event=event, user=anna, status=status)
    RegistrationFactory(event=event, user=bert, status=RegistrationStatus.CONFIRMED)
    RegistrationFactory(event=EventFactory(), user=anna, status=RegistrationStatus.CONFIRMED)
    client.force_login(anna)
    html = client.get(URL).content.decode()
    assert notice in html and f"Your reference code: {own.reference}." in html
    client.force_login(bert)
    assert own.reference not in client.get(URL).content.decode()


def test_a_cancelled_registration_is_not_told_as_one(client, event):
    anna = UserFactory()
    cancelled = RegistrationFactory(event=event, user=anna, status=RegistrationStatus.CANCELLED)
    client.force_login(anna)
    html = client.get(URL).content.decode()
    assert cancelled.reference not in html and "Your reference code" not in html
    assert 'name="first_name"' in html  # the form to register again


# --- guests ---------------------------------------------------------------------------------------


def test_a_guest_gets_a_confirmation_link_and_no_place_until_confirming(
    client, event, django_capture_on_commit_callbacks
):
    response = post(client, form_data(number_of_people="2"), django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert Event.objects.get(pk=event.pk).confirmed_places == 0
    assert "Please confirm your e-mail address" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    assert not mail.outbox[0].attachments  # no calendar file before the place is confirmed
    confirm_url = link_in(mail.outbox[0], "bestaetigen")

    # Opening the link (or a mail scanner prefetching it) confirms nothing.
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "Confirm registration" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING

    done = post(client, {}, django_capture_on_commit_callbacks, url=confirm_url)
    assert done.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert Event.objects.get(pk=event.pk).confirmed_places == 2
    assert len(mail.outbox) == 2
    ics_of(mail.outbox[1])


def test_an_expired_confirmation_link_is_refused(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.PARTICIPATION_GUEST_CONFIRMATION_HOURS = 1
    post(client, form_data(), django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    token = tokens.guest_token(registration)
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + dt.timedelta(hours=2)
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        response = client.get(f"/en/anmeldung/bestaetigen/{token}/")
    assert response.status_code == 410
    assert "The link has expired" in response.content.decode()


def test_a_forged_link_is_not_found(client, event):
    assert client.get("/en/anmeldung/bestaetigen/1:abc:def/").status_code == 404
    assert client.get("/en/anmeldung/stornieren/abc:def/").status_code == 404


def test_guest_registrations_are_rate_limited_per_client(
    client, event, django_capture_on_commit_callbacks
):
    event.capacity = 100
    event.save()
    for n in range(actions.GUEST_LIMIT):
        response = post(
            client, form_data(email=f"gast{n}@example.org"), django_capture_on_commit_callbacks
        )
        assert response.status_code == 302
    blocked = post(
        client, form_data(email="noch-einer@example.org"), django_capture_on_commit_callbacks
    )
    assert blocked.status_code == 429
    html = blocked.content.decode()
    assert "your entries are still here" in html
    assert 'value="noch-einer@example.org"' in html


# --- waiting list, cancellation -------------------------------------------------------------------


def test_cancellation_link_cancels_without_login_and_promotes_the_next(
    client, event, django_capture_on_commit_callbacks
):
    event.capacity = 1
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        holder = actions.register(
            event=event,
            channel="online",
            person=person(1),
            number_of_people=1,
            access_needs=[],
            consent_version="x",
            language="en",  # both registered on the English pages: English e-mails
        )
        waiting = actions.register(
            event=event,
            channel="online",
            person=person(2),
            number_of_people=1,
            access_needs=[],
            consent_version="x",
            language="en",  # both registered on the English pages: English e-mails
        )
    assert "waiting list" in mail.outbox[1].subject
    cancel_url = f"/en/anmeldung/stornieren/{tokens.cancel_token(holder)}/"
    page = client.get(cancel_url)
    assert "Cancel my registration" in page.content.decode()
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED  # a GET changes nothing

    response = post(client, {}, django_capture_on_commit_callbacks, url=cancel_url)
    assert response.status_code == 200
    assert "Your registration is cancelled." in response.content.decode()
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    subjects = [message.subject for message in mail.outbox[2:]]
    assert any("Registration cancelled" in subject for subject in subjects)
    promotion = next(m for m in mail.outbox[2:] if "A place has become free" in m.subject)
    assert promotion.to == [waiting.email]
    ics_of(promotion)
    cancellation = next(m for m in mail.outbox[2:] if "cancelled" in m.subject)
    assert str(ics_of(cancellation)["METHOD"]) == "CANCEL"


def test_a_paper_registrant_promoted_from_the_waiting_list_gets_a_letter(event):
    event.capacity = 1
    event.save()
    holder = actions.register(
        event=event,
        channel="online",
        person=person(1),
        number_of_people=1,
        access_needs=[],
        consent_version="x",
    )
    paper = actions.register(
        event=event,
        channel="paper",
        person=person(2, email=""),
        number_of_people=1,
        access_needs=[],
        consent_version="x",
        form_number="10000000009",
    )
    actions.cancel_registration(registration=holder, by=None)
    assert paper.letters.filter(kind="participation.promotion").exists()


def test_emails_are_written_in_the_registrants_language(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.register(
            event=event,
            channel="online",
            person=person(1),
            number_of_people=1,
            access_needs=[],
            consent_version="x",
            language="en",
        )
    assert "Registration confirmed" in mail.outbox[0].subject
    # Links lead to the English pages.
    assert "/en/veranstaltungen/werkstatt/" in mail.outbox[0].body
    assert "/en/anmeldung/stornieren/" in mail.outbox[0].body


# --- bad input ------------------------------------------------------------------------------------


def test_errors_are_summarised_and_the_values_kept(client, event):
    response = client.post(
        URL,
        form_data(first_name="", email="keine-adresse", consent="", access_needs=["other"],
                  access_needs_note="", last_name="Müller-Lüdenscheidt"),
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="error-summary" role="alert"' in html
    assert 'href="#id_first_name"' in html
    assert 'href="#id_email"' in html
    assert 'href="#id_consent"' in html
    assert 'href="#id_access_needs_note"' in html
    assert 'value="Müller-Lüdenscheidt"' in html
    assert 'value="keine-adresse"' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Error:" in html
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"number_of_people": "11"},
        {"number_of_people": "-1"},
        {"number_of_people": "zwei"},
        {"access_needs": ["fly"]},
        {"first_name": "x" * 100_000},
        {"first_name": "Anna\x00"},
        {"access_needs_note": "lang " * 400},
        {"email": "a@" + "b" * 300 + ".de"},
    ],
)
def test_malformed_input_gets_a_message_never_a_server_error(client, event, bad):
    response = client.post(URL, form_data(**bad))
    assert response.status_code == 200
    assert '<div class="error-summary"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_a_closed_registration_is_refused_with_a_message(client, event):
    Event.objects.filter(pk=event.pk).update(
        registration_closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    response = client.post(URL, form_data())
    assert response.status_code == 409
    assert "Registration for this event is closed." in response.content.decode()


def test_a_full_event_without_waiting_list_says_so(client, event):
    Event.objects.filter(pk=event.pk).update(waiting_list_enabled=False, capacity=1)
    actions.register(
        event=event,
        channel="paper",
        person=person(1, email=""),
        number_of_people=1,
        access_needs=[],
        consent_version="x",
    )
    response = client.post(URL, form_data())
    assert response.status_code == 409
    assert "this event has no waiting list" in response.content.decode()


def test_cancellation_link_works_until_the_event_ends_whatever_its_age(
    client, event, django_capture_on_commit_callbacks
):
    """The cancel link's policy (docs/decisions.md): no age limit; the event's end ends it."""
    from django.core import signing

    registration = RegistrationFactory(event=event)
    token = tokens.cancel_token(registration)
    # A year after the e-mail the link still opens the registration.
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + dt.timedelta(days=365)
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        assert tokens.registration_for_cancel_token(token) == registration
    # Links from before the timestamped format (plain signature) still work.
    old = signing.Signer(salt=tokens.CANCEL_SALT).sign(registration.cancel_token)
    assert tokens.registration_for_cancel_token(old) == registration
    # Once the event has ended the page says so and cancels nothing.
    event.starts_at = timezone.now() - dt.timedelta(hours=3)
    event.ends_at = timezone.now() - dt.timedelta(hours=1)
    event.save()
    url = f"/en/anmeldung/stornieren/{token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "can no longer be cancelled" in page.content.decode()
    assert "Cancel my registration" not in page.content.decode()
    post(client, {}, django_capture_on_commit_callbacks, url=url)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED

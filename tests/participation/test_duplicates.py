"""Duplicates both ways (issue 15): an online registration after a paper, phone or on-site one of
the same person, and the organisers' duplicate report with its merge."""

import pytest
from django.core import mail
from django.utils import timezone

from munich_portal.core import scopes
from munich_portal.core.person_match import (
    contact_keys,
    matched_contacts,
    normalise_name,
    normalise_phone,
)
from munich_portal.messaging.models import OutgoingEmail
from participation import actions, selectors
from participation.models import Event, Registration, RegistrationStatus
from tests.factories import UserFactory
from tests.participation.factories import ConsentTextFactory, EventFactory, person
from tests.participation.test_registration import form_data as registration_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    ConsentTextFactory()
    return EventFactory(slug="werkstatt", title_de="Werkstatt Altstadt", title_en="", capacity=3)


def by_phone(event, **overrides):
    """What a clerk types in for a caller: Anna Müller, her e-mail, phone and postal code."""
    who = person(
        0,
        first_name="Anna",
        last_name="Müller",
        email="anna@example.org",
        phone="089 1234567",
        postal_code="80331",
    )
    who.update(overrides)
    return actions.register(
        event=event, channel="phone", person=who, number_of_people=1, access_needs=[],
        consent_version="x",
    )  # fmt: skip


def online(event, user, **kwargs):
    return actions.register(
        event=event, channel="online", user=user, number_of_people=1, access_needs=[],
        consent_version="x",
        person=person(0, first_name="Anna", last_name="Mueller", email=user.email),
        **kwargs,
    )  # fmt: skip


def guest(event, **overrides):
    who = person(0, first_name="ANNA", last_name="Mueller", email="Anna@Example.org")
    who.update(overrides)
    return actions.register_guest(
        event=event, person=who, number_of_people=1, access_needs=[], consent_version="x"
    )


def places(event) -> int:
    return Event.objects.get(pk=event.pk).confirmed_places


# --- matching -----------------------------------------------------------------------------------


def test_names_and_contacts_are_compared_as_people_write_them():
    assert normalise_name(" Jörg-Peter ", "MÜLLER") == normalise_name("Joerg Peter", "Mueller")
    assert normalise_name("José", "") == "jose"
    assert normalise_phone("+49 89 1234567") == normalise_phone("089/123 45 67") == "0891234567"
    wanted = contact_keys(email="A@B.de", phone="", postal_code="80331")
    assert matched_contacts(wanted, contact_keys(email="a@b.de", postal_code="80 331")) == (
        "email",
        "postal_code",
    )
    # Two empty values are no match.
    assert matched_contacts(contact_keys(), contact_keys()) == ()


# --- online after phone: with an account --------------------------------------------------------


def test_a_resident_registered_by_phone_is_not_given_a_second_place(event):
    earlier = by_phone(event)
    user = UserFactory(email="anna@example.org", full_name="Anna Müller")
    with pytest.raises(actions.PossibleDuplicate) as caught:
        online(event, user)
    assert [match.registration for match in caught.value.matches] == [earlier]
    assert caught.value.matches[0].matched_on == ("email",)
    assert Registration.objects.filter(event=event).count() == 1
    assert places(event) == 1


def test_someone_else_with_the_same_name_registers_after_saying_so(event):
    by_phone(event)
    user = UserFactory(email="anna@example.org", full_name="Anna Müller")
    registration = online(event, user, someone_else=True)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert places(event) == 2


def test_an_account_is_matched_only_with_its_own_data(event):
    """A phone registration with the account's name but another address (a stranger's phone and
    postal code would match what the resident types): nothing is said, the resident registers."""
    by_phone(event, email="")
    user = UserFactory(email="anna@example.org", full_name="Anna Müller")
    assert online(event, user).status == RegistrationStatus.CONFIRMED
    # The account's name counts, not the name typed into the form.
    by_phone(event, first_name="Berta", email="berta@example.org")
    other = UserFactory(email="berta@example.org", full_name="Berta Huber")
    assert online(event, other).is_active


def test_a_cancelled_or_online_registration_is_no_match(event):
    cancelled = by_phone(event)
    actions.cancel_registration(registration=cancelled, by=None)
    user = UserFactory(email="anna@example.org", full_name="Anna Müller")
    assert online(event, user).status == RegistrationStatus.CONFIRMED


# --- online after phone: guests -----------------------------------------------------------------


def test_a_guest_with_the_same_name_and_address_is_asked_before_taking_a_place(event):
    by_phone(event)
    pending = guest(event)  # pending: holds no place, nothing to say yet
    with pytest.raises(actions.PossibleDuplicate):
        actions.confirm_guest(registration=pending)
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.PENDING
    assert places(event) == 1
    confirmed = actions.confirm_guest(registration=pending, someone_else=True)
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert places(event) == 2


def test_a_guest_matching_on_phone_or_postal_code_only_is_told_nothing(event):
    """A stranger could type someone's name and postal code: the match is left to the report."""
    by_phone(event, email="")
    pending = guest(event, email="fremd@example.org", phone="0891234567")
    assert actions.confirm_guest(registration=pending).status == RegistrationStatus.CONFIRMED
    assert [(p.keep.channel, p.drop.channel) for p in pairs(event)] == [("phone", "online")]


# --- the pages ----------------------------------------------------------------------------------

URL = "/en/veranstaltungen/werkstatt/"


def form_data(**overrides):
    """The registration form as Anna Müller fills it in (test_registration's form)."""
    return registration_form(
        first_name="Anna", last_name="Müller", email="anna@example.org", **overrides
    )


def test_the_event_page_tells_a_resident_they_seem_registered_and_lets_them_go_on(
    client, event, django_capture_on_commit_callbacks
):
    earlier = by_phone(event)
    client.force_login(UserFactory(email="anna@example.org", full_name="Anna Müller"))
    response = client.post(URL, form_data(number_of_people="2"))
    assert response.status_code == 409
    html = response.content.decode()
    day = timezone.localtime(earlier.received_at).strftime("%-d. %B %Y")
    assert "You seem to be registered for this event already" in html
    assert f"by phone on {day}" in html
    assert "This is someone else: register" in html
    assert 'name="someone_else" value="1"' in html
    # What was typed travels along, so the second click loses nothing.
    assert 'name="number_of_people" value="2"' in html
    assert Registration.objects.filter(event=event).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(URL, {**form_data(number_of_people="2"), "someone_else": "1"})
    assert done.status_code == 302
    registration = Registration.objects.get(event=event, channel="online")
    assert registration.number_of_people == 2 and registration.is_active


def test_the_guest_confirmation_page_carries_the_notice(
    client, event, django_capture_on_commit_callbacks
):
    by_phone(event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data())
    pending = Registration.objects.get(event=event, channel="online")
    assert pending.status == RegistrationStatus.PENDING
    link = next(line for line in mail.outbox[-1].body.split() if "/anmeldung/bestaetigen/" in line)
    url = "/en/" + link.split("://", 1)[1].split("/", 1)[1].removeprefix("en/")
    page = client.get(url).content.decode()
    assert "You seem to be registered for this event already" in page
    assert "This is someone else: confirm registration" in page
    refused = client.post(url, {})
    assert refused.status_code == 409
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"someone_else": "1"})
    assert done.status_code == 302
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CONFIRMED


# --- the report and the merge -------------------------------------------------------------------


def pairs(event):
    return selectors.duplicate_pairs(Registration.objects.filter(event=event))


def test_the_report_pairs_registrations_across_channels_only(event):
    Event.objects.filter(pk=event.pk).update(capacity=10)
    first = by_phone(event)
    second = by_phone(event, email="", phone="")  # same channel: the clerks' screen catches it
    assert pairs(event) == []
    cancelled = by_phone(event, first_name="Berta")
    actions.cancel_registration(registration=cancelled, by=None)
    other_name = guest(event, first_name="Berta", email="berta@example.org")
    actions.confirm_guest(registration=other_name)
    assert pairs(event) == []  # Berta's phone registration is cancelled
    same = guest(event, email="a.mueller@example.org")  # the postal code matches
    online_row = actions.confirm_guest(registration=same)
    found = pairs(event)
    assert [(pair.keep, pair.drop, pair.matched_on) for pair in found] == [
        (first, online_row, ("postal_code",)),
        (second, online_row, ("postal_code",)),
    ]


def test_merging_frees_the_place_promotes_and_tells_nobody_twice(event):
    Event.objects.filter(pk=event.pk).update(capacity=2)
    phone = by_phone(event)
    pending = guest(event, phone="089 1234567", email="anna.m@example.org")
    online_row = actions.confirm_guest(registration=pending)
    waiting = actions.register(
        event=event, channel="online", person=person(7), number_of_people=1, access_needs=[],
        consent_version="x",
    )  # fmt: skip
    assert waiting.status == RegistrationStatus.WAITLISTED
    [pair] = pairs(event)
    assert (pair.keep, pair.drop, pair.matched_on) == (phone, online_row, ("phone", "postal_code"))
    emails_before = set(OutgoingEmail.objects.values_list("pk", flat=True))

    promoted = actions.merge_duplicate(keep=pair.keep, drop=pair.drop, by=None)

    assert promoted == [waiting]
    online_row.refresh_from_db()
    assert online_row.status == RegistrationStatus.CANCELLED
    assert online_row.linked_to == phone
    assert places(event) == 2
    new = OutgoingEmail.objects.exclude(pk__in=emails_before)
    # Only the promoted person hears about it, once; the merged person is told nothing.
    assert [email.to_address for email in new] == [waiting.email]
    assert pairs(event) == []


def test_a_merge_that_no_longer_fits_is_refused_with_a_reason(event):
    phone = by_phone(event)
    pending = guest(event, email="anna.m@example.org", phone="0891234567")
    online_row = actions.confirm_guest(registration=pending)
    with pytest.raises(actions.NotMergeable) as same:
        actions.merge_duplicate(keep=phone, drop=phone, by=None)
    assert same.value.code == "same"
    actions.merge_duplicate(keep=phone, drop=online_row, by=None)
    with pytest.raises(actions.NotMergeable) as again:
        actions.merge_duplicate(keep=phone, drop=online_row, by=None)
    assert again.value.code == "linked"
    stranger = actions.register(
        event=event, channel="paper", person=person(9), number_of_people=1, access_needs=[],
        consent_version="x",
    )  # fmt: skip
    with pytest.raises(actions.NotMergeable) as unlike:
        actions.merge_duplicate(keep=phone, drop=stranger, by=None)
    assert unlike.value.code == "no_match"


def test_the_report_reads_through_the_scope(event):
    by_phone(event)
    pending = guest(event, email="anna.m@example.org", phone="0891234567")
    actions.confirm_guest(registration=pending)
    organiser = UserFactory(staff=True, mfa=True, roles=["Veranstaltungsorganisation"])
    editor = UserFactory(staff=True, mfa=True, roles=["Redaktion"])
    rows = Registration.objects.filter(event=event)
    assert len(selectors.duplicate_pairs(scopes.for_staff(rows, organiser))) == 1
    assert selectors.duplicate_pairs(scopes.for_staff(rows, editor)) == []


# --- the report in the staff area --------------------------------------------------------------

PURPOSE = "participation_events"


def staff(roles):
    from munich_portal.audit.context import SESSION_PURPOSE_KEY

    user = UserFactory(staff=True, mfa=True, roles=roles)
    return user, SESSION_PURPOSE_KEY


def login(client, roles):
    user, key = staff(roles)
    client.force_login(user)
    session = client.session
    session[key] = PURPOSE
    session.save()
    return user


def report_urls(event):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return (
            reverse("admin:participation_registration_duplicates", args=[event.pk]),
            reverse("admin:participation_registration_duplicates_merge", args=[event.pk]),
        )


@pytest.fixture
def pair(event):
    """Anna Müller by phone (a place), then online as a guest with her phone: a second place."""
    Event.objects.filter(pk=event.pk).update(capacity=2)
    phone = by_phone(event)
    online_row = actions.confirm_guest(
        registration=guest(event, email="a.m@example.org", phone="0891234567")
    )
    waiting = actions.register(
        event=event, channel="paper", person=person(5, email=""), number_of_people=1,
        access_needs=[], consent_version="x",
    )  # fmt: skip
    return phone, online_row, waiting


def test_the_report_lists_the_pair_and_logs_it_with_the_purpose(client, event, pair):
    from munich_portal.audit import selectors as audit_selectors
    from munich_portal.audit.models import DataUseEvent

    phone, online_row, _waiting = pair
    login(client, ["Veranstaltungsorganisation"])
    before = audit_selectors.log_head()[0]
    report, _merge = report_urls(event)
    html = client.get(report).content.decode()
    assert "1 possible duplicate" in html
    assert phone.reference in html and online_row.reference in html
    assert "name, phone, postal code" in html
    listed = DataUseEvent.objects.get(seq__gt=before, action="list", batch__isnull=True)
    assert listed.purpose == PURPOSE
    assert listed.details["criteria"]["view"] == "duplicates"


def test_merging_from_the_report_confirms_first_then_frees_the_place(client, event, pair):
    phone, online_row, waiting = pair
    login(client, ["Veranstaltungsorganisation"])
    report, merge = report_urls(event)
    ask = client.post(merge, {"keep": phone.pk, "drop": online_row.pk})
    assert ask.status_code == 200
    assert "Merge: cancel the second registration" in ask.content.decode()
    online_row.refresh_from_db()
    assert online_row.status == RegistrationStatus.CONFIRMED  # nothing happens before confirming

    done = client.post(merge, {"keep": phone.pk, "drop": online_row.pk, "confirm": "1"})
    assert done.status_code == 302 and done["Location"] == report
    online_row.refresh_from_db()
    waiting.refresh_from_db()
    assert online_row.status == RegistrationStatus.CANCELLED and online_row.linked_to == phone
    assert waiting.status == RegistrationStatus.CONFIRMED
    after = client.get(report).content.decode()
    assert "Moved up from the waiting list: 1." in after
    assert "No possible duplicates" in after

    # The same merge again (a second tab, the back button): a message, never an error page.
    again = client.post(
        merge, {"keep": phone.pk, "drop": online_row.pk, "confirm": "1"}, follow=True
    )
    assert again.status_code == 200
    assert "has already been merged" in again.content.decode()
    rubbish = client.post(merge, {"keep": "x", "drop": "99999999999999999999"}, follow=True)
    assert rubbish.status_code == 200
    assert "no longer exists" in rubbish.content.decode()
    assert client.get(merge).status_code == 302


def test_outside_the_participation_team_the_report_is_refused(client, event, pair):
    login(client, ["Redaktion"])
    report, merge = report_urls(event)
    assert client.get(report).status_code == 403
    phone, online_row, _waiting = pair
    refused = client.post(merge, {"keep": phone.pk, "drop": online_row.pk, "confirm": "1"})
    assert refused.status_code == 403
    online_row.refresh_from_db()
    assert online_row.status == RegistrationStatus.CONFIRMED


def test_clerks_merge_too_as_they_decide_paper_duplicates(client, event, pair):
    """Erfassung may change registrations and judges duplicates while typing sheets."""
    login(client, ["Erfassung"])
    report, _merge = report_urls(event)
    html = client.get(report).content.decode()
    assert "1 possible duplicate" in html and "Merge…" in html

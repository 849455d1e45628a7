"""The deletion page lists what will be cancelled, deleted and kept anonymised, and why; a resident
with public contributions chooses what happens to them (issue 14)."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from ideas.models import Idea
from munich_portal.audit.registry import DELETE, KEEP
from munich_portal.audit.selectors import erasure_preview
from participation.models import ErasedRegistrations, Event, Registration, RegistrationStatus
from tests.appointments.factories import BookingFactory, SlotFactory, in_days
from tests.factories import DEFAULT_PASSWORD
from tests.online_requests.factories import published_service, submitted_request
from tests.participation.factories import EventFactory, RegistrationFactory
from tests.results.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db

URL = "/konto/loeschen/"


def checked(page: str, value: str) -> bool:
    """Whether the contributions radio button with ``value`` is selected."""
    return bool(re.search(rf'name="contributions" value="{value}"[^>]*\bchecked', page))


@pytest.fixture
def busy_resident(resident):
    """Registered for an event ahead and one past, with an appointment and an open request."""
    ahead = EventFactory(title_de="Werkstatt Innenstadt", capacity=3)
    RegistrationFactory(event=ahead, user=resident)
    Event.objects.filter(pk=ahead.pk).update(confirmed_places=1)  # the factory moves no count
    starts = timezone.now() - dt.timedelta(days=5)
    past = EventFactory(
        title_de="Infoabend Altstadt", starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    RegistrationFactory(event=past, user=resident, checked_in_at=starts)
    slot = SlotFactory(starts_at=in_days(6))
    BookingFactory(slot=slot, user=resident)
    submitted_request(published_service(), user=resident)
    return resident


def test_the_page_lists_what_is_cancelled_deleted_and_kept_with_why(client, log_in, busy_resident):
    log_in(busy_resident)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.text
    cancelled = page.index('id="erasure-cancelled"')
    deleted = page.index('id="erasure-deleted"')
    anonymised = page.index('id="erasure-anonymised"')
    # Each thing under its heading: the event and the appointment ahead are cancelled ...
    assert cancelled < page.index("Werkstatt Innenstadt") < deleted
    booking_type = busy_resident.appointment_bookings.get().slot.appointment_type.name_de
    assert cancelled < page.index(booking_type) < deleted
    # ... the request is deleted, with a warning because it is still open ...
    request = busy_resident.online_requests.get()
    named = f"{request.service.name_de} ({request.reference})"
    assert deleted < page.rindex(named) < anonymised
    assert page.index(named) < cancelled  # the warning comes first
    assert 'id="erasure-warnings"' in page
    assert "nicht mehr bearbeiten" in page
    # ... and the past event stays only as a count.
    assert anonymised < page.index("Infoabend Altstadt")
    # Why, in plain words, and the response is not cached.
    assert "Art. 17 DSGVO" in page
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_no_choice_without_public_contributions(client, log_in, resident):
    log_in(resident)
    response = client.get(URL)
    assert 'name="contributions"' not in response.text
    assert 'id="erasure-cancelled"' not in response.text


def test_contributions_offer_the_choice_and_delete_is_preselected(client, log_in, resident):
    IdeaFactory(author=resident)
    log_in(resident)
    page = client.get(URL).text
    assert 'name="contributions"' in page
    assert checked(page, "delete") and not checked(page, "keep")
    assert "Meine Beiträge löschen" in page
    assert "Text behalten, anonymisiert" in page


@pytest.fixture
def choices(monkeypatch) -> list:
    """The ``contributions`` each call of ``erase_subject`` got (the real erasure still runs)."""
    from munich_portal.audit import actions

    seen = []
    original = actions.erase_subject

    def spy(**kwargs):
        seen.append(kwargs.get("contributions"))
        return original(**kwargs)

    monkeypatch.setattr(actions, "erase_subject", spy)
    return seen


def test_the_choice_reaches_the_erasure(client, log_in, resident, choices):
    IdeaFactory(author=resident)
    log_in(resident)
    response = client.post(
        URL, {"password": DEFAULT_PASSWORD, "confirm": "on", "contributions": KEEP}
    )
    assert response.status_code == 302
    assert choices == [KEEP]
    assert not get_user_model().objects.filter(pk=resident.pk).exists()


def test_without_contributions_the_erasure_deletes(client, log_in, resident, choices):
    log_in(resident)
    client.post(URL, {"password": DEFAULT_PASSWORD, "confirm": "on", "contributions": KEEP})
    assert choices == [DELETE]  # no field, no choice


def test_an_invalid_choice_keeps_everything_and_says_so(client, log_in, resident):
    idea = IdeaFactory(author=resident)
    log_in(resident)
    response = client.post(
        URL, {"password": DEFAULT_PASSWORD, "confirm": "on", "contributions": "publish"}
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert 'href="#id_contributions"' in response.text
    assert 'aria-invalid="true"' in response.text or "field--error" in response.text
    assert "checked" in response.text  # the ticked confirmation stays ticked
    assert get_user_model().objects.filter(pk=resident.pk).exists()
    assert Idea.objects.filter(pk=idea.pk, author=resident).exists()


def test_a_missing_confirmation_with_the_choice_keeps_the_choice(client, log_in, resident):
    CommentFactory(author=resident)
    log_in(resident)
    response = client.post(URL, {"password": DEFAULT_PASSWORD, "contributions": KEEP})
    assert response.status_code == 200
    assert 'href="#id_confirm"' in response.text
    assert checked(response.text, "keep") and not checked(response.text, "delete")


def test_deleting_cancels_and_keeps_counts_end_to_end(client, log_in, busy_resident):
    ahead_registration = Registration.objects.get(
        user=busy_resident, event__title_de="Werkstatt Innenstadt"
    )
    event = ahead_registration.event
    log_in(busy_resident)
    client.post(URL, {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert not Registration.objects.filter(pk=ahead_registration.pk).exists()
    assert ErasedRegistrations.objects.filter(
        event__title_de="Infoabend Altstadt", status=RegistrationStatus.CONFIRMED, checked_in=1
    ).exists()
    assert ErasedRegistrations.objects.filter(event=event, status="cancelled").exists()


def test_the_preview_follows_the_declarations(busy_resident):
    preview = erasure_preview(busy_resident)
    labels = {
        kind: {group.declaration.label for group in getattr(preview, kind)}
        for kind in ("cancelled", "deleted", "anonymised", "contributions")
    }
    assert labels["cancelled"] == {"participation.registration", "appointments.booking"}
    assert "online_requests.onlinerequest" in labels["deleted"]
    assert labels["anonymised"] == {"participation.registration"}
    assert not preview.has_contributions
    assert len(preview.warnings) == 1

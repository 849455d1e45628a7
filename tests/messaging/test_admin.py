"""The one letters admin: a read-only list of every kind the staff member may see, and printing
the selected letters as one PDF."""

import pytest
from django.urls import reverse
from django.utils import translation

from munich_portal.audit.models import DataUseEvent
from munich_portal.core.roles import Role
from munich_portal.messaging.models import Letter
from tests.messaging.conftest import idea_letter, registration_letter, staff, staff_client

pytestmark = pytest.mark.django_db


def _admin_client(client, user, purpose="letters"):
    return staff_client(client, user, purpose)


def _url(name, *args) -> str:
    with translation.override("en"):
        return reverse(f"admin:messaging_letter_{name}", args=args)


def test_clerks_list_letters_of_registrations_and_ideas(client, clerk):
    registration, idea = registration_letter(), idea_letter()
    html = _admin_client(client, clerk).get(_url("changelist")).content.decode()
    assert _url("change", registration.pk) in html
    assert _url("change", idea.pk) in html
    assert "Print the selected letters" in html


def test_clerks_print_the_selected_letters(client, clerk):
    registration, idea = registration_letter(), idea_letter()
    response = _admin_client(client, clerk).post(
        _url("changelist"),
        {"action": "print_selected", "_selected_action": [registration.pk, idea.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Letter.objects.filter(printed_at__isnull=False).count() == 2
    assert DataUseEvent.objects.filter(action="print", batch__isnull=True).count() == 2


def test_organisers_read_letters_but_do_not_print_them(client, organiser):
    letter = registration_letter()
    client = _admin_client(client, organiser)
    page = client.get(_url("changelist")).content.decode()
    assert _url("change", letter.pk) in page
    assert "print_selected" not in page
    response = client.post(
        _url("changelist"), {"action": "print_selected", "_selected_action": [letter.pk]}
    )
    assert response["Content-Type"] != "application/pdf"
    letter.refresh_from_db()
    assert letter.printed_at is None


def test_a_letter_is_shown_read_only(client, clerk):
    letter = registration_letter()
    client = _admin_client(client, clerk)
    page = client.get(_url("change", letter.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lindwurmstraße 88" in html and 'name="street"' not in html
    response = client.post(_url("change", letter.pk), {"street": "Anderswo 1"})
    assert response.status_code == 403
    letter.refresh_from_db()
    assert letter.street == "Lindwurmstraße 88"


def test_staff_without_a_letter_role_do_not_reach_letters(client):
    registration_letter()
    editor = staff(Role.EDITORIAL)
    assert _admin_client(client, editor).get(_url("changelist")).status_code == 403

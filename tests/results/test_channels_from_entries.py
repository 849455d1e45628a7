"""The results page's "by channel" figures for phone and on site come from real entries: a clerk
types in callers and people at the counter (/erfassung/anmeldung/), the organiser registers
walk-ins at the door; nothing is written directly."""

import re

import pytest
from django.conf import settings
from django.test import Client

from munich_portal.audit.context import SESSION_PURPOSE_KEY
from participation.models import Registration
from tests.factories import UserFactory
from tests.participation.factories import ConsentTextFactory, EventFactory
from tests.results.factories import results_process
from tests.results.test_pages import main_html, url

pytestmark = pytest.mark.django_db

BACKEND = settings.AUTHENTICATION_BACKENDS[-1]


def _staff(roles) -> Client:
    client = Client()
    client.force_login(UserFactory(staff=True, roles=roles, mfa=True), backend=BACKEND)
    session = client.session
    session[SESSION_PURPOSE_KEY] = "participation_events"
    session.save()
    return client


def _row(table: str, label: str) -> list[str]:
    row = re.search(rf'<tr><th scope="row">{label}</th>(.*?)</tr>', table).group(1)
    return re.findall(r"<td>(.*?)</td>", row)


def test_phone_and_on_site_figures_count_the_entries_made_on_the_screens():
    ConsentTextFactory()
    process = results_process()
    event = EventFactory(process=process, capacity=40)
    clerk = _staff(["Erfassung"])
    for n in range(5):
        response = clerk.post(
            "/en/erfassung/anmeldung/",
            {
                "event": str(event.pk),
                "channel": "phone" if n < 3 else "on_site",
                "first_name": "Rufus",
                "last_name": f"Anrufer{n}",
                "email": f"rufus{n}@example.org",
                "phone": f"089 100{n}",
                "number_of_people": "1",
                "consent": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:500]
    for n in range(3):
        # Two more callers, so that phone reaches the threshold of shown figures (5).
        response = clerk.post(
            "/en/erfassung/anmeldung/",
            {
                "event": str(event.pk),
                "channel": "phone",
                "first_name": "Paula",
                "last_name": f"Telefon{n}",
                "street": "Marienplatz 8",
                "postal_code": "80331",
                "city": "München",
                "number_of_people": "1",
                "consent": "on",
            },
        )
        assert response.status_code == 302
    organiser = _staff(["Veranstaltungsorganisation"])
    door = f"/en/admin/participation/registration/check-in/{event.pk}/"
    for n in range(5):
        response = organiser.post(
            door,
            {
                "walk_in": "1",
                "walkin-first_name": "Walter",
                "walkin-last_name": f"Tuer{n}",
                "walkin-number_of_people": "1",
                "walkin-consent": "on",
            },
        )
        assert response.status_code == 302
    assert Registration.objects.filter(channel="phone").count() == 6
    assert Registration.objects.filter(channel="on_site").count() == 7
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 5

    table = main_html(Client().get(url(process)))
    table = table.split('id="channels-caption"', 1)[1].split("</table>", 1)[0]
    # Columns: online, paper form, phone, on site, total.
    assert _row(table, "Registrations") == ["0", "0", "6", "7", "13"]
    assert _row(table, "Attendance \\(checked in\\)") == ["0", "0", "0", "5", "5"]

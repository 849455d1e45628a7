"""A resident's own pages read only the columns they show (issue 17, round 3).

Mein Konto, Termine, Anträge and the home page's personal block select the few columns of their
lists (``.only(...)``, or rows of a statement built once per process) instead of whole rows with
every related row: building those queries in Python cost more than the rest of the page. A
column left out that a template or a link still reads would silently cost one query per row, so
these tests make every such late read fail (Django's deferred field and related-object fetches
raise) while each page shows a list of every kind it has. The names have no English, so the
English pages read both languages' columns.
"""

import datetime as dt

import pytest
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone

from appointments import actions as appointment_actions
from appointments.models import BookingStatus
from ideas.models import Idea
from online_requests.models import OnlineRequest, RequestStatus
from tests.appointments.factories import AppointmentTypeFactory, BookingFactory, SlotFactory
from tests.factories import UserFactory
from tests.online_requests.factories import published_service, submitted_request
from tests.participation.factories import EventFactory, ProcessFactory, RegistrationFactory
from tests.services.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_late_reads(monkeypatch):
    """Any read of a column or related row the page's query did not select fails the test."""

    def refuse(descriptor, instance, *args):
        name = getattr(getattr(descriptor, "field", None), "name", descriptor)
        raise AssertionError(f"{type(instance).__name__}.{name} was read after its query")

    for descriptor in (DeferredAttribute, ForwardManyToOneDescriptor):
        monkeypatch.setattr(descriptor, "fetch_one", refuse)
        monkeypatch.setattr(descriptor, "fetch_many", refuse)


@pytest.fixture
def resident_with_everything():
    resident = UserFactory(email="alles.dabei@example.org")
    now = timezone.now()
    for days, status, name in (
        (3, BookingStatus.CONFIRMED, "Kommender Termin"),
        (-3, BookingStatus.CONFIRMED, "Vergangener Termin"),
        (5, BookingStatus.CANCELLED, "Abgesagter Termin"),
    ):
        starts = now + dt.timedelta(days=days)
        slot = SlotFactory(
            appointment_type__name_de=name,
            appointment_type__name_en="",
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=20),
        )
        BookingFactory(slot=slot, user=resident, status=status)
    appointment_actions.join_waiting_list(
        service=ServiceFactory(name_de="Wartelisten-Dienst", name_en=""),
        name="Alles Dabei",
        email=resident.email,
        user=resident,
        verified=True,
    )
    appointment_actions.join_waiting_list(
        appointment_type=AppointmentTypeFactory(
            name_de="Wartelisten-Terminart",
            name_en="",
            office__name_de="Wartelisten-Amt",
            office__name_en="",
        ),
        name="Alles Dabei",
        email=resident.email,
        user=resident,
        verified=True,
    )
    service = published_service(slug="antrag-fuer-alles")
    service.name_de, service.name_en = "Antragsdienst", ""
    service.save()
    sent = submitted_request(service, user=resident)
    OnlineRequest.objects.create(
        user=resident,
        service=ServiceFactory(name_de="Entwurfsdienst", name_en="", slug="entwurfsdienst"),
        form_version=sent.form_version,
        status=RequestStatus.DRAFT,
    )
    RegistrationFactory(
        event=EventFactory(title_de="Werkstatt am Markt", title_en=""), user=resident
    )
    process = ProcessFactory(title_de="Grün in der Stadt", title_en="")
    for title, moderation in (("Mehr Bäume", "published"), ("Trinkbrunnen", "pending")):
        Idea.objects.create(
            process=process,
            title=title,
            text="Bitte.",
            channel="online",
            author=resident,
            author_name="Alles",
            moderation=moderation,
        )
    return resident


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/", ["Kommender Termin"]),
        (
            "/konto/",
            [
                "Kommender Termin",
                "Werkstatt am Markt",
                "Mehr Bäume",
                "Grün in der Stadt",
                "Antragsdienst",
            ],
        ),
        (
            "/termine/",
            [
                "Kommender Termin",
                "Vergangener Termin",
                "Abgesagter Termin",
                "Wartelisten-Dienst",
                "Wartelisten-Terminart \N{EN DASH} Wartelisten-Amt",
            ],
        ),
        ("/antraege/", ["Entwurfsdienst", "Antragsdienst"]),
    ],
)
@pytest.mark.parametrize("language", ["", "/en"])
def test_a_residents_own_page_reads_no_column_after_its_queries(
    client, resident_with_everything, no_late_reads, path, shown, language
):
    client.force_login(resident_with_everything)
    response = client.get(language + path)
    assert response.status_code == 200
    html = response.content.decode()
    for text in shown:
        assert text in html

"""``selectors.offered_types_at``, read by every step of the booking page: one prepared statement
(issue 17, round 6) that loads what the ORM's ``select_related`` loaded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments import selectors
from appointments.models import AppointmentType
from services.models import Office, PublicationStatus
from tests.appointments.factories import AppointmentTypeFactory
from tests.services.factories import OfficeFactory

pytestmark = pytest.mark.django_db


def test_the_types_and_their_office_are_the_instances_the_orm_loads():
    office = OfficeFactory()
    second = AppointmentTypeFactory(office=office, position=2, name_de="B-Termin")
    first = AppointmentTypeFactory(office=office, position=1, name_de="A-Termin")
    AppointmentTypeFactory(office=office, position=0, active=False)  # not bookable online
    AppointmentTypeFactory(position=0)  # another office

    selectors.offered_types_at("gibt-es-nicht")  # prepared on this connection (once per process)
    with CaptureQueriesContext(connection) as queries:
        found = selectors.offered_types_at(office.slug)
        offices = {id(offered.office) for offered in found}

    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["EXECUTE"]
    assert [offered.pk for offered in found] == [first.pk, second.pk]
    assert len(offices) == 1
    loaded = list(
        AppointmentType.objects.filter(pk__in=[first.pk, second.pk])
        .select_related("office")
        .order_by("position")
    )
    for built, orm in zip(found, loaded, strict=True):
        for model, instance, expected in (
            (AppointmentType, built, orm),
            (Office, built.office, orm.office),
        ):
            assert not instance._state.adding and instance._state.db == "default"
            for field in model._meta.concrete_fields:
                assert getattr(instance, field.attname) == getattr(expected, field.attname), (
                    field.name
                )


def test_an_unpublished_or_unknown_office_offers_nothing():
    hidden = OfficeFactory(status=PublicationStatus.DRAFT)
    AppointmentTypeFactory(office=hidden)

    assert selectors.offered_types_at(hidden.slug) == []
    assert selectors.offered_types_at("gibt-es-nicht") == []

"""The service-first search (appointments.finder): earliest free times across all offices."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments import finder
from appointments.finder import Filters
from appointments.models import Slot
from munich_portal.core.models import Stadtbezirk
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def offering(service, office=None, **type_fields):
    appointment_type = AppointmentTypeFactory(office=office or OfficeFactory(), **type_fields)
    appointment_type.services.add(service)
    return appointment_type


def slot(appointment_type, days, hour, minute=0, **fields):
    return SlotFactory(
        appointment_type=appointment_type, starts_at=in_days(days, hour, minute), **fields
    )


def shown(days):
    """[(day offset, office slug, [HH:MM, …], more)] of the finder's answer."""
    today = timezone.localdate()
    return [
        (
            (day.day - today).days,
            entry.office.slug,
            [f"{starts:%H:%M}" for _pk, starts in entry.times],
            entry.more,
        )
        for day in days
        for entry in day.offices
    ]


@pytest.fixture
def service():
    return ServiceFactory(slug="reisepass")


def test_earliest_times_across_offices_grouped_by_day_and_office(service):
    west = offering(service, OfficeFactory(slug="west"))
    east = offering(service, OfficeFactory(slug="ost"))
    slot(west, 2, 10)
    slot(west, 2, 9)
    slot(east, 2, 8, 30)
    slot(east, 1, 11)
    slot(west, 5, 8)
    # Another service's type at the same office: not shown.
    other = offering(ServiceFactory(), west.office)
    slot(other, 1, 7)
    assert shown(finder.earliest_times(service)) == [
        (1, "ost", ["11:00"], 0),
        (2, "ost", ["08:30"], 0),
        (2, "west", ["09:00", "10:00"], 0),
        (5, "west", ["08:00"], 0),
    ]


def test_a_few_times_per_office_and_day_the_rest_counted(service):
    office = offering(service, OfficeFactory(slug="mitte"))
    for minute in range(0, 60, 10):
        slot(office, 3, 9, minute)
    assert shown(finder.earliest_times(service, per_office=4)) == [
        (3, "mitte", ["09:00", "09:10", "09:20", "09:30"], 2)
    ]


def test_the_earliest_offices_per_day_and_all_of_them_for_one_day(service):
    for n in range(7):
        slot(offering(service, OfficeFactory(slug=f"amt-{n}")), 2, 8 + n)
    days = finder.earliest_times(service, per_day=5)
    assert [entry[1] for entry in shown(days)] == [f"amt-{n}" for n in range(5)]
    assert days[0].more_offices == 2
    one_day = Filters(day=timezone.localdate() + dt.timedelta(days=2))
    days = finder.earliest_times(service, one_day, days=1, per_day=None)
    assert [entry[1] for entry in shown(days)] == [f"amt-{n}" for n in range(7)]
    assert finder.earliest_times(service, Filters(day=timezone.localdate())) == []


def test_only_the_first_days_with_a_free_time(service):
    office = offering(service)
    for days in range(1, 15):
        slot(office, days, 9)
    listed = [day.day for day in finder.earliest_times(service, days=10)]
    assert listed == [timezone.localdate() + dt.timedelta(days=n) for n in range(1, 11)]


def test_taken_and_past_slots_are_never_shown(service):
    office = offering(service, OfficeFactory(slug="mitte"))
    slot(office, 1, 9, capacity=2, taken=2)
    slot(office, 1, 10, capacity=2, taken=1)
    now = timezone.now()
    SlotFactory(
        appointment_type=office,
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(minutes=15),
    )
    assert shown(finder.earliest_times(service)) == [(1, "mitte", ["10:00"], 0)]


def test_inactive_types_and_unpublished_offices_are_never_shown(service):
    slot(offering(service, active=False), 1, 9)
    slot(offering(service, OfficeFactory(status="draft")), 1, 10)
    slot(offering(service, OfficeFactory(slug="offen")), 1, 11)
    assert shown(finder.earliest_times(service)) == [(1, "offen", ["11:00"], 0)]


def test_filter_by_district(service):
    schwabing, pasing = (
        Stadtbezirk.objects.create(number=4, name="Schwabing-West", slug="schwabing-west"),
        Stadtbezirk.objects.create(number=21, name="Pasing-Obermenzing", slug="pasing"),
    )
    slot(offering(service, OfficeFactory(slug="schwabing", stadtbezirk=schwabing)), 1, 9)
    slot(offering(service, OfficeFactory(slug="pasing", stadtbezirk=pasing)), 2, 9)
    assert shown(finder.earliest_times(service, Filters(district=pasing.pk))) == [
        (2, "pasing", ["09:00"], 0)
    ]
    assert [d.number for d in finder.districts_for(service)] == [4, 21]


@pytest.mark.parametrize("key", list(finder.ACCESSIBILITY))
def test_filter_by_each_accessibility_feature_only_true_matches(service, key):
    field = finder.ACCESSIBILITY[key]
    slot(offering(service, OfficeFactory(slug="ja", **{field: True})), 3, 9)
    slot(offering(service, OfficeFactory(slug="nein", **{field: False})), 1, 9)
    slot(offering(service, OfficeFactory(slug="unbekannt", **{field: None})), 2, 9)
    assert shown(finder.earliest_times(service, Filters(accessibility=(key,)))) == [
        (3, "ja", ["09:00"], 0)
    ]


def test_several_accessibility_features_must_all_match(service):
    slot(offering(service, OfficeFactory(slug="beides", lift=True, induction_loop=True)), 2, 9)
    slot(offering(service, OfficeFactory(slug="aufzug", lift=True, induction_loop=False)), 1, 9)
    filters = Filters(accessibility=("aufzug", "hoerschleife"))
    assert shown(finder.earliest_times(service, filters)) == [(2, "beides", ["09:00"], 0)]


@pytest.mark.parametrize(
    ("time_of_day", "expected"),
    [
        ("", ["08:00", "11:40", "12:00", "13:40"]),
        ("vormittag", ["08:00", "11:40"]),
        ("mittag", ["12:00", "13:40"]),
        ("nachmittag", ["14:00", "17:00"]),
    ],
)
def test_filter_by_time_of_day_in_munich_time(service, time_of_day, expected):
    office = offering(service, OfficeFactory(slug="mitte"))
    for hour, minute in [(8, 0), (11, 40), (12, 0), (13, 40), (14, 0), (17, 0)]:
        slot(office, 2, hour, minute)
    days = finder.earliest_times(service, Filters(time_of_day=time_of_day), per_office=4)
    assert shown(days)[0][2] == expected


def _offices_with_slots(service, count, prefix="amt"):
    for n in range(count):
        appointment_type = offering(service, OfficeFactory(slug=f"{prefix}-{n}"))
        Slot.objects.bulk_create(
            Slot(
                appointment_type=appointment_type,
                starts_at=in_days(day, 8) + dt.timedelta(minutes=20 * k),
                ends_at=in_days(day, 8) + dt.timedelta(minutes=20 * (k + 1)),
                capacity=2,
            )
            for day in range(1, 15)
            for k in range(12)
        )


@pytest.mark.parametrize("offices", [2, 12])
def test_constant_queries_however_many_offices_and_slots(
    service, offices, django_assert_num_queries
):
    _offices_with_slots(service, offices)
    with django_assert_num_queries(2):
        days = finder.earliest_times(service, Filters(accessibility=("stufenlos",)))
    assert len(days) == 10
    assert all(len(day.offices) == min(offices, 5) for day in days)
    assert all(day.more_offices == max(offices - 5, 0) for day in days)
    # The page cache's token: the catalogue version (in production read at most once a second
    # per process) and one query for the counters of all the service's types.
    with django_assert_num_queries(2):
        finder.times_token(service.slug)


def test_the_page_needs_the_same_queries_for_2_and_12_offices(client, service):
    counts = []
    for offices, slug in ((2, "a"), (12, "b")):
        other = ServiceFactory(slug=f"dienst-{slug}")
        _offices_with_slots(other, offices, slug)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/dienstleistungen/{other.slug}/termin/?stufenlos=on")
        assert response.status_code == 200
        assert response.content.decode().count("/termin/?art=") >= offices * 4
        counts.append(len(queries))
    assert counts[0] == counts[1], counts

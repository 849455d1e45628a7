"""Reads compiled once per process (munich_portal.core.prepared): the same rows as the queryset
they were built from, each request's own values in the stand-ins' places."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.models import Booking, BookingStatus, Slot
from munich_portal.core.prepared import (
    ANY_ID,
    ANY_MOMENT,
    ANY_OTHER_ID,
    ANY_TEXT,
    CountOf,
    PreparedRead,
    Reading,
    deallocate_all,
    instance_from_row,
    loaded_instance,
    model_columns,
    read_together,
)
from tests.appointments.factories import BookingFactory, SlotFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _bookings(user, now):
    return (
        Booking.objects.filter(user_id=user, slot__starts_at__gt=now)
        .order_by("slot__starts_at")
        .values("reference", "slot__starts_at")
    )


def _booking(user, *, days):
    starts = timezone.now() + dt.timedelta(days=days)
    slot = SlotFactory(starts_at=starts, ends_at=starts + dt.timedelta(minutes=20))
    return BookingFactory(user=user, slot=slot)


def test_the_rows_are_the_querysets_rows_for_each_requests_values():
    read = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    anna, ben = UserFactory(email="anna@example.org"), UserFactory(email="ben@example.org")
    for days in (-2, 1, 3):
        _booking(anna, days=days)
    _booking(ben, days=2)
    now = timezone.now()
    for user, moment in ((anna, now), (ben, now), (anna, now - dt.timedelta(days=5))):
        expected = list(_bookings(user.pk, moment))
        assert read.rows(user=user.pk, now=moment) == expected
        assert expected  # every case has rows to compare
    assert len(read.rows(user=anna.pk, now=now)) == 2
    assert read.rows(user=UserFactory().pk, now=now) == []


def test_the_statement_is_built_once():
    built = []

    def build(user):
        built.append(user)
        return get_user_model()._base_manager.filter(pk=user).values("email")

    read = PreparedRead(build, user=ANY_ID)
    anna, ben = UserFactory(email="anna@example.org"), UserFactory(email="ben@example.org")
    assert read.row(user=anna.pk) == {"email": "anna@example.org"}
    assert read.row(user=ben.pk) == {"email": "ben@example.org"}
    assert read.row(user=-1) is None
    assert built == [ANY_ID]


def test_counts_are_columns():
    def build(user):
        bookings = Booking.objects.filter(user_id=user).order_by()
        return (
            get_user_model()
            ._base_manager.filter(pk=user)
            .values(
                all=CountOf(bookings.values("pk")),
                cancelled=CountOf(bookings.filter(status=BookingStatus.CANCELLED).values("pk")),
            )
        )

    anna = UserFactory()
    _booking(anna, days=1)
    BookingFactory(user=anna, status=BookingStatus.CANCELLED)
    assert PreparedRead(build, user=ANY_ID).row(user=anna.pk) == {"all": 2, "cancelled": 1}


def test_a_stand_in_the_statement_does_not_use_is_refused():
    read = PreparedRead(
        lambda user, now: get_user_model()._base_manager.filter(pk=user).values("email"),
        user=ANY_ID,
        now=ANY_MOMENT,
    )
    with pytest.raises(ValueError, match="now"):
        read.rows(user=1, now=timezone.now())


def test_every_stand_in_needs_a_value():
    read = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    with pytest.raises(TypeError):
        read.rows(user=1)


def test_each_connection_prepares_the_statement_once_and_executes_it_after(settings):
    settings.DATABASE_PREPARED_STATEMENTS = True
    read = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    anna = UserFactory()
    _booking(anna, days=1)
    now = timezone.now()
    with CaptureQueriesContext(connection) as queries:
        first = read.rows(user=anna.pk, now=now)
        second = read.rows(user=anna.pk, now=now)
    kinds = [query["sql"].split()[0] for query in queries.captured_queries]
    assert kinds == ["PREPARE", "EXECUTE", "EXECUTE"]
    assert first == second == list(_bookings(anna.pk, now))


def test_a_rolled_back_transaction_keeps_the_prepared_statement(settings):
    """PostgreSQL's PREPARE is not undone by a rollback, so the connection's list of prepared
    statements stays true after one."""
    settings.DATABASE_PREPARED_STATEMENTS = True
    read = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    anna = UserFactory()
    _booking(anna, days=1)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert len(read.rows(user=anna.pk, now=timezone.now())) == 1
        raise RuntimeError
    assert len(read.rows(user=anna.pk, now=timezone.now())) == 1


def test_after_deallocate_all_the_connection_prepares_the_statement_again(settings):
    """What the tests do before each test (tests/conftest.py): the statements a test counts
    start as on a new connection."""
    settings.DATABASE_PREPARED_STATEMENTS = True
    read = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    anna = UserFactory()
    _booking(anna, days=1)
    assert len(read.rows(user=anna.pk, now=timezone.now())) == 1
    deallocate_all()
    with CaptureQueriesContext(connection) as queries:
        assert len(read.rows(user=anna.pk, now=timezone.now())) == 1
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["PREPARE", "EXECUTE"]


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_the_statement_again(settings):
    settings.DATABASE_PREPARED_STATEMENTS = True
    read = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    anna = UserFactory()
    _booking(anna, days=1)
    assert len(read.rows(user=anna.pk, now=timezone.now())) == 1
    connection.close()
    with CaptureQueriesContext(connection) as queries:
        assert len(read.rows(user=anna.pk, now=timezone.now())) == 1
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["PREPARE", "EXECUTE"]


def test_without_prepared_statements_the_sql_is_sent_each_time(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    read = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    anna = UserFactory()
    _booking(anna, days=1)
    with CaptureQueriesContext(connection) as queries:
        read.rows(user=anna.pk, now=timezone.now())
        read.rows(user=anna.pk, now=timezone.now())
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT", "SELECT"]


def test_two_ids_and_a_text_each_take_their_own_place():
    anna, bert = UserFactory(), UserFactory()
    first = _booking(anna, days=1)
    _booking(bert, days=1)

    def build(user, slot, reference):
        return Booking.objects.filter(user_id=user, slot_id=slot, reference=reference).values("pk")

    read = PreparedRead(build, user=ANY_ID, slot=ANY_OTHER_ID, reference=ANY_TEXT)
    found = read.rows(user=anna.pk, slot=first.slot_id, reference=first.reference)
    assert found == [{"pk": first.pk}]
    assert read.rows(user=bert.pk, slot=first.slot_id, reference=first.reference) == []


def test_a_row_of_every_column_makes_the_instance_the_orm_would_load():
    booking = _booking(UserFactory(), days=2)

    def build(pk):
        return Booking.objects.filter(pk=pk).values(
            *model_columns(Booking), *model_columns(Slot, "slot__")
        )

    row = PreparedRead(build, pk=ANY_ID).row(pk=booking.pk)
    built = instance_from_row(Booking, row)
    slot = instance_from_row(Slot, row, "slot__")
    loaded = Booking.objects.select_related("slot").get(pk=booking.pk)
    for model, instance, orm in ((Booking, built, loaded), (Slot, slot, loaded.slot)):
        assert not instance._state.adding and instance._state.db == "default"
        for field in model._meta.concrete_fields:
            assert getattr(instance, field.attname) == getattr(orm, field.attname), field.name


def _references(user):
    return Booking.objects.filter(user_id=user).order_by("pk").values("reference")


def _readings(anna, ben, now):
    """Three reads for two people, the middle one without rows, each finished its own way."""
    upcoming = PreparedRead(_bookings, user=ANY_ID, now=ANY_MOMENT)
    references = PreparedRead(_references, user=ANY_ID)
    return [
        Reading(upcoming, {"user": anna.pk, "now": now}, list),
        Reading(upcoming, {"user": ben.pk, "now": now + dt.timedelta(days=30)}, len),
        Reading(references, {"user": ben.pk}, lambda rows: [row["reference"] for row in rows]),
    ]


@pytest.mark.parametrize("prepared", [True, False])
def test_reads_together_give_each_reads_own_result_in_one_query(settings, prepared):
    settings.DATABASE_PREPARED_STATEMENTS = prepared
    anna, ben = UserFactory(), UserFactory()
    for days in (1, 2):
        _booking(anna, days=days)
    ben_booking = _booking(ben, days=3)
    now = timezone.now()
    readings = _readings(anna, ben, now)
    alone = [reading.result() for reading in readings]
    assert alone == [list(_bookings(anna.pk, now)), 0, [ben_booking.reference]]
    assert len(alone[0]) == 2

    with CaptureQueriesContext(connection) as queries:
        together = read_together(*readings)
    assert together == alone
    [query] = queries.captured_queries
    kind = "EXECUTE" if prepared else "SELECT"
    assert [part.split()[0] for part in query["sql"].split("; ")] == [kind] * 3


def test_reads_together_on_a_new_connection_prepare_first_then_one_query(settings):
    settings.DATABASE_PREPARED_STATEMENTS = True
    anna, ben = UserFactory(), UserFactory()
    _booking(anna, days=1)
    deallocate_all()
    readings = _readings(anna, ben, timezone.now())
    with CaptureQueriesContext(connection) as queries:
        first = read_together(*readings)
        second = read_together(*readings)
    kinds = [query["sql"].split()[0] for query in queries.captured_queries]
    # Two statements (the first read twice): two PREPAREs, then one query per call.
    assert kinds == ["PREPARE", "PREPARE", "EXECUTE", "EXECUTE"]
    assert first == second
    assert len(first[0]) == 1


def test_no_reads_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert read_together() == []
    assert queries.captured_queries == []


def test_a_read_that_fails_fails_them_all_and_the_connection_goes_on(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    anna = UserFactory()
    _booking(anna, days=1)
    good = Reading(PreparedRead(_references, user=ANY_ID), {"user": anna.pk}, len)
    bad = Reading(PreparedRead(_references, user=ANY_ID), {"user": "not a number"}, len)
    with pytest.raises(DataError), transaction.atomic():
        read_together(good, bad)
    assert read_together(good, good) == [1, 1]


def test_loaded_instance_takes_the_fields_in_any_order_and_a_part_of_them():
    user_model = get_user_model()
    user = UserFactory(full_name="Anna Berg")
    fields = user_model._meta.concrete_fields
    backwards = tuple(reversed(fields))
    for _twice in range(2):  # the second time from the kept plan
        loaded = loaded_instance(
            user_model, backwards, [getattr(user, f.attname) for f in backwards]
        )
        assert [getattr(loaded, f.attname) for f in fields] == [
            getattr(user, f.attname) for f in fields
        ]
        assert loaded.get_deferred_fields() == set()
    names = ("full_name", "id")
    part = tuple(user_model._meta.get_field(name) for name in names)
    loaded = loaded_instance(user_model, part, ["Anna Berg", user.pk])
    assert (loaded.pk, loaded.full_name) == (user.pk, "Anna Berg")
    assert loaded.get_deferred_fields() == {f.attname for f in fields} - set(names)

"""Meine Daten's overview in one round trip (``selectors.overview_for_subject``, issue 17, round 7):
the same counts and the same newest uses as the selectors the filtered and later pages use, and
the kinds of records built in Python as the template did."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, translation
from django.utils.formats import get_format
from django.utils.timezone import localtime

from munich_portal.audit import actions
from munich_portal.audit.context import processing_context
from munich_portal.audit.selectors import (
    events_for_subject,
    overview_for_subject,
    record_counts_for_subject,
)
from munich_portal.audit.templatetags.meine_daten import _date_format, record_kinds
from munich_portal.core.prepared import deallocate_all
from tests.appointments.factories import BookingFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 4


def _columns(event) -> dict:
    return {field.attname: getattr(event, field.attname) for field in event._meta.concrete_fields}


def _used(user, times: int) -> None:
    with processing_context(actor=user), transaction.atomic():
        for number in range(times):
            actions.record_use(action="view", subject=user, details={"view": f"page-{number}"})


@pytest.mark.parametrize("uses", [0, 3, PER_PAGE + 3])
def test_counts_and_the_newest_uses_are_those_of_the_other_selectors(uses):
    anna, ben = UserFactory(), UserFactory()
    BookingFactory(user=anna)
    _used(anna, uses)
    _used(ben, 2)  # another person's uses are never on Anna's page

    counts, page = overview_for_subject(anna, per_page=PER_PAGE)

    expected_counts = record_counts_for_subject(anna)
    expected = events_for_subject(
        anna, per_page=PER_PAGE, count=expected_counts.uses, pseudonym=expected_counts.pseudonym
    )
    assert counts == expected_counts
    assert counts.uses == uses
    assert [(group.label, group.count) for group in counts.groups] == [
        (group.label, group.count) for group in expected_counts.groups
    ]
    assert [_columns(event) for event in page.object_list] == [
        _columns(event) for event in expected.object_list
    ]
    assert len(page.object_list) == min(uses, PER_PAGE)
    assert (page.number, page.paginator.count, page.paginator.num_pages, page.has_next()) == (
        expected.number,
        expected.paginator.count,
        expected.paginator.num_pages,
        expected.has_next(),
    )
    assert (page.start_index(), page.end_index()) == (expected.start_index(), expected.end_index())


def test_one_query_after_the_statements_are_prepared(settings):
    settings.DATABASE_PREPARED_STATEMENTS = True
    anna = UserFactory()
    _used(anna, 2)
    deallocate_all()
    with CaptureQueriesContext(connection) as queries:
        overview_for_subject(anna, per_page=PER_PAGE)
        overview_for_subject(anna, per_page=PER_PAGE)
    kinds = [query["sql"].split()[0] for query in queries.captured_queries]
    assert kinds == ["PREPARE", "PREPARE", "EXECUTE", "EXECUTE"]
    assert queries.captured_queries[-1]["sql"].count("EXECUTE") == 2


_TEMPLATE_LOOP = Template(
    "{% load i18n %}{% for group in groups %}"
    "<li><a href=\"{% url 'audit:records' group.label %}\">"
    "{{ group.verbose_name_plural|capfirst }}</a>: {% blocktranslate count counter=group.count %}"
    "{{ counter }} record{% plural %}{{ counter }} records{% endblocktranslate %}</li>"
    "{% endfor %}"
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_kinds_of_records_are_what_the_templates_loop_made(language):
    anna = UserFactory()
    BookingFactory(user=anna)
    BookingFactory(user=anna)
    _used(anna, 1)
    groups = record_counts_for_subject(anna).groups
    assert {group.count for group in groups} >= {1, 2}  # singular and plural
    with translation.override(language):
        built = record_kinds(groups)
        looped = _TEMPLATE_LOOP.render(Context({"groups": groups}))
    assert [line.strip() for line in built.splitlines()] == looped.replace(
        "</li>", "</li>\n"
    ).split("\n")[:-1]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    "format_string",
    [
        "DATETIME_FORMAT",
        "DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "l, j. F Y, H:i",
        r"\d\a\y j",
        "N jS, P",
    ],
)
def test_a_use_items_dates_are_djangos(language, format_string):
    with translation.override(language):
        wanted = get_format(format_string) if format_string.isupper() else format_string
        formatter = _date_format(wanted)
        for moment in (
            dt.datetime(2026, 1, 1, 0, 5, tzinfo=dt.UTC),
            dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC),  # the night clocks go forward
            dt.datetime(2026, 12, 8, 23, 59, 59, tzinfo=dt.UTC),
        ):
            local = localtime(moment)
            assert formatter(local) == dateformat.format(local, wanted)

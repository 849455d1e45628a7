"""The figures by channel and district add up, whatever the contributions (property-based)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideas.models import Moderation
from munich_portal.core.channels import Channel
from munich_portal.core.models import Stadtbezirk
from participation.models import RegistrationStatus
from results import statistics
from results.statistics import CHANNELS, MEASURE_KEYS, NO_DISTRICT
from results.suppression import THRESHOLD, TOTAL
from tests.participation.factories import EventFactory, RegistrationFactory
from tests.results.factories import (
    CommentFactory,
    IdeaFactory,
    SupportFactory,
    results_process,
)
from tests.services.factories import OfficeFactory

pytestmark = pytest.mark.django_db

DISTRICT_NUMBERS = [0, 1, 2, 3]  # 0: no district

contribution = st.tuples(
    st.sampled_from(["idea", "comment", "support", "registration"]),
    st.sampled_from(CHANNELS),
    st.sampled_from(DISTRICT_NUMBERS),
    st.booleans(),  # checked in (registrations) / on the process, not an idea (comments)
)


def _districts():
    return {
        number: Stadtbezirk.objects.get_or_create(
            number=number, defaults={"name": f"Bezirk {number}", "slug": f"bezirk-{number}"}
        )[0]
        for number in DISTRICT_NUMBERS
        if number
    }


def _office(district):
    return OfficeFactory(slug=f"buergerbuero-bezirk-{district.number}", stadtbezirk=district)


def _load(process, contributions, districts):
    """Create the rows; return the expected counts[measure][(district, channel)]."""
    expected = {key: {} for key in MEASURE_KEYS}

    def count(measure, district, channel):
        key = (district, channel)
        expected[measure][key] = expected[measure].get(key, 0) + 1

    events = {
        number: EventFactory(
            process=process,
            office=_office(districts[number]) if number else None,
            capacity=1000,
        )
        for number in DISTRICT_NUMBERS
    }
    ideas = {}

    def idea_in(number):
        if number not in ideas:
            ideas[number] = IdeaFactory(process=process, district=districts.get(number))
            count("ideas", number, Channel.ONLINE)
        return ideas[number]

    for kind, channel, number, flag in contributions:
        if kind == "idea":
            IdeaFactory(process=process, channel=channel, district=districts.get(number))
            count("ideas", number, channel)
        elif kind == "comment":
            if flag:
                CommentFactory(process=process, idea=None, channel=channel)
                count("comments", NO_DISTRICT, channel)
            else:
                CommentFactory(process=process, idea=idea_in(number), channel=channel)
                count("comments", number, channel)
        elif kind == "support":
            SupportFactory(idea=idea_in(number), channel=channel)
            count("supports", number, channel)
        else:
            RegistrationFactory(
                event=events[number],
                channel=channel,
                checked_in_at=process.created_at if flag else None,
            )
            count("registrations", number, channel)
            if flag:
                count("attendance", number, channel)
    return expected


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(contribution, max_size=40))
def test_channel_totals_equal_the_overall_and_the_district_sums(contributions):
    """Per measure: the sum over channels = the sum over districts = the total, and each
    (district, channel) count is exactly what was contributed."""
    process = results_process()
    expected = _load(process, contributions, _districts())
    figures = statistics.figures_for([process.pk])[process.pk]
    for measure in MEASURE_KEYS:
        overall = figures.total(measure)
        by_channel = sum(figures.total(measure, channel=channel) for channel in CHANNELS)
        by_district = sum(figures.total(measure, district=number) for number in DISTRICT_NUMBERS)
        assert overall == by_channel == by_district == sum(expected[measure].values())
        for number in DISTRICT_NUMBERS:
            for channel in CHANNELS:
                assert figures.total(measure, channel=channel, district=number) == expected[
                    measure
                ].get((number, channel), 0)

    # What is published never shows a small count, and agrees with the raw figures elsewhere.
    published = statistics.published(figures)
    for measure in MEASURE_KEYS:
        table = published.tables[measure]
        for (row, column), cell in table.cells.items():
            if cell.value is not None:
                assert cell.value == 0 or cell.value >= THRESHOLD
                district = None if row == TOTAL else row
                channel = None if column == TOTAL else column
                assert cell.value == figures.total(measure, channel=channel, district=district)


def test_only_published_contributions_and_active_registrations_count():
    process = results_process()
    idea = IdeaFactory(process=process)
    hidden = IdeaFactory(process=process, moderation=Moderation.HIDDEN, moderation_reason="Spam")
    IdeaFactory(process=process, moderation=Moderation.PENDING)
    CommentFactory(process=process, idea=idea)
    CommentFactory(process=process, idea=idea, deleted_at=process.created_at)
    CommentFactory(process=process, idea=hidden)
    CommentFactory(
        process=process, idea=idea, moderation=Moderation.HIDDEN, moderation_reason="Beleidigung"
    )
    SupportFactory(idea=idea)
    SupportFactory(idea=hidden)
    event = EventFactory(process=process)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=event, status=RegistrationStatus.PENDING)
    other = results_process()
    IdeaFactory(process=other)

    figures = statistics.figures_for([process.pk])[process.pk]
    assert figures.total("ideas") == 1
    assert figures.total("comments") == 1
    assert figures.total("supports") == 1
    assert figures.total("registrations") == 2
    assert figures.total("attendance") == 0


def test_figures_for_many_processes_take_five_queries(django_assert_num_queries):
    processes = [results_process() for _ in range(3)]
    for process in processes:
        IdeaFactory(process=process)
    with django_assert_num_queries(5):
        figures = statistics.figures_for([process.pk for process in processes])
    assert [figures[process.pk].total("ideas") for process in processes] == [1, 1, 1]

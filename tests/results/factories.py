"""Factories for the results tests: a process in its results phase with contributions.

Rows are created directly (not through the ideas actions): the statistics read rows, whichever
way they came in.
"""

import datetime as dt

import factory
from django.utils import timezone

from ideas.models import Comment, Idea, IdeaStatus, Moderation, Support
from munich_portal.core.channels import Channel
from participation.models import Phase
from results.models import ProcessResult
from tests.participation.factories import EventFactory, PhaseFactory, ProcessFactory


def results_process(*, days_into_results: int = 5, **kwargs):
    """A published process whose results phase began ``days_into_results`` days ago."""
    process = ProcessFactory(**kwargs)
    today = timezone.localdate()
    start = today - dt.timedelta(days=days_into_results)
    PhaseFactory(
        process=process,
        kind=Phase.Kind.PARTICIPATION,
        starts_on=start - dt.timedelta(days=60),
        ends_on=start - dt.timedelta(days=1),
    )
    PhaseFactory(
        process=process,
        kind=Phase.Kind.RESULTS,
        starts_on=start,
        ends_on=start + dt.timedelta(days=90),
    )
    return process


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Mehr Bäume am Platz {n}")
    text = "Schatten und Sitzbänke für alle."
    channel = Channel.ONLINE
    status = IdeaStatus.NEW
    moderation = Moderation.PUBLISHED


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    process = factory.LazyAttribute(lambda o: o.idea.process if o.idea else ProcessFactory())
    idea = factory.SubFactory(IdeaFactory)
    text = "Gute Idee!"
    channel = Channel.ONLINE
    moderation = Moderation.PUBLISHED


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    channel = Channel.ONLINE


class ProcessResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessResult

    process = factory.SubFactory(ProcessFactory)
    summary_de = "Die Stadt hat 120 Ideen ausgewertet und setzt 14 davon um."
    summary_en = "The city has evaluated 120 ideas and will implement 14 of them."


__all__ = [
    "CommentFactory",
    "EventFactory",
    "IdeaFactory",
    "ProcessResultFactory",
    "SupportFactory",
    "results_process",
]

"""Reads for the results page, the open data files and the organisers' exports (issue 7).

The results page needs a fixed number of queries whatever the amount of data: the process with
its phases and results summary (two), one page of decided ideas with their total (one), the
number of ideas per status (one) and the figures (four, :mod:`results.statistics`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Value, When, Window

from ideas.models import Comment, Idea, IdeaStatus, Moderation
from munich_portal.core.paging import Page
from munich_portal.core.timezone import today_in_munich
from participation.models import Phase, Process
from results import statistics

__all__ = [
    "DECIDED_STATUSES",
    "IDEAS_PAGE_SIZE",
    "ResultsPage",
    "comments_for_export",
    "ideas_for_export",
    "process_for_results",
    "processes_with_results",
    "results_page",
]

DECIDED_STATUSES = (IdeaStatus.ACCEPTED, IdeaStatus.PARTLY_ACCEPTED, IdeaStatus.NOT_POSSIBLE)
IDEAS_PAGE_SIZE = 20


def results_phase(process: Process) -> Phase | None:
    """The process's (first) results phase, from its prefetched phases."""
    for phase in process.phases.all():
        if phase.kind == Phase.Kind.RESULTS:
            return phase
    return None


def results_published(process: Process, today: dt.date) -> bool:
    phase = results_phase(process)
    return phase is not None and phase.starts_on <= today


def process_for_results(slug: str, *, include_drafts: bool = False) -> Process | None:
    """The process with its phases, department and results summary (two queries)."""
    queryset = Process.objects.all() if include_drafts else Process.objects.published()
    return (
        queryset.select_related("department", "result")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "pk")))
        .filter(slug=slug)
        .first()
    )


@dataclass
class ResultsPage:
    process: Process
    phase: Phase
    published: bool  # False: the results phase has not begun yet
    ideas: Page | None = None
    status_counts: list | None = None
    figures: statistics.PublishedFigures | None = None


def decided_ideas(process: Process, number: int) -> Page:
    """One page of the process's decided, published ideas: accepted first, most supported first."""
    order = {status: index for index, status in enumerate(DECIDED_STATUSES)}
    rank = Case(
        *[When(status=status, then=Value(index)) for status, index in order.items()],
        output_field=IntegerField(),
    )
    number = max(1, number)
    offset = (number - 1) * IDEAS_PAGE_SIZE
    items = list(
        Idea.objects.filter(
            process=process, moderation=Moderation.PUBLISHED, status__in=DECIDED_STATUSES
        )
        .select_related("category", "district")
        .only(
            "pk",
            "process_id",
            "title",
            "text",
            "channel",
            "status",
            "status_reason",
            "answer",
            "answered_at",
            "supports_count",
            "comments_count",
            "created_at",
            "category__name_de",
            "category__name_en",
            "district__number",
            "district__name",
        )
        .annotate(rank=rank, total=Window(Count("pk")))
        .order_by("rank", "-supports_count", "-created_at", "-pk")[
            offset : offset + IDEAS_PAGE_SIZE
        ]
    )
    for idea in items:
        idea.process = process  # get_absolute_url without a query
    return Page(
        items=items,
        total=items[0].total if items else 0,
        number=number,
        per_page=IDEAS_PAGE_SIZE,
    )


def status_counts(process: Process) -> list[tuple[str, str, int]]:
    """(status, label, number) of the process's published ideas, in the statuses' order."""
    counts = dict(
        Idea.objects.filter(process=process, moderation=Moderation.PUBLISHED)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(value, label, counts.get(value, 0)) for value, label in IdeaStatus.choices]


def results_page(
    slug: str, *, page: int = 1, include_drafts: bool = False, today: dt.date | None = None
) -> ResultsPage | None:
    """Everything the results page shows; ``None`` without such a process or results phase."""
    process = process_for_results(slug, include_drafts=include_drafts)
    if process is None:
        return None
    phase = results_phase(process)
    if phase is None:
        return None
    today = today or today_in_munich()
    if phase.starts_on > today:
        return ResultsPage(process=process, phase=phase, published=False)
    figures = statistics.figures_for([process.pk])[process.pk]
    return ResultsPage(
        process=process,
        phase=phase,
        published=True,
        ideas=decided_ideas(process, page),
        status_counts=status_counts(process),
        figures=statistics.published(figures),
    )


def processes_with_results(today: dt.date | None = None) -> list[Process]:
    """Published processes whose results phase has begun, by title (two queries)."""
    today = today or today_in_munich()
    return list(
        Process.objects.published()
        .filter(phases__kind=Phase.Kind.RESULTS, phases__starts_on__lte=today)
        .distinct()
        .order_by("title_de")
    )


# --- organisers' exports -------------------------------------------------------------------------
def ideas_for_export(process: Process):
    """Every idea of the process (all moderation states), oldest first, for the export."""
    return (
        Idea.objects.filter(process=process)
        .select_related("category", "district")
        .order_by("created_at", "pk")
    )


def comments_for_export(process: Process):
    """Every comment of the process, oldest first, for the export."""
    return (
        Comment.objects.filter(process=process).select_related("idea").order_by("created_at", "pk")
    )

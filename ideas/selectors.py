"""Reads for the idea pages: the list (filtered, sorted, paged), an idea with its comments.

Every page reads a fixed number of queries whatever the number of ideas or comments: the list
sorts on the counters stored on the idea (kept by :mod:`ideas.actions`) and fetches
the page with its total in one query (``COUNT(*) OVER ()``); an idea's comments come in one query
and are threaded in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, Window
from django.urls import reverse

from ideas import rules
from ideas.models import Comment, Idea, IdeaCategory, IdeaStatus, Moderation, Support
from munich_portal.core import scopes
from munich_portal.core.i18n import Translated
from munich_portal.core.models import Stadtbezirk
from munich_portal.core.paging import Page
from munich_portal.core.prepared import ANY_ID, PreparedRead, Reading
from munich_portal.core.timezone import today_in_munich
from participation.models import Phase, Process

IDEA_PAGE_SIZE = 20

SORTS = {
    "neu": ("-created_at", "-pk"),
    "unterstuetzt": ("-supports_count", "-created_at", "-pk"),
    "kommentiert": ("-comments_count", "-created_at", "-pk"),
}
DEFAULT_SORT = "neu"


@dataclass(frozen=True)
class IdeaFilters:
    category: int | None = None
    district: str = ""  # a Stadtbezirk slug
    channel: str = ""
    status: str = ""
    sort: str = DEFAULT_SORT

    def __bool__(self):
        return bool(self.category or self.district or self.channel or self.status)


@dataclass
class ProcessContext:
    """A process with its phases and what residents may do in it now."""

    process: Process
    phases: list
    state: str
    categories: list = field(default_factory=list)


def process_context(slug: str, *, include_drafts: bool = False, today: dt.date | None = None):
    """The process (one query with its phases and categories); ``None`` when not public."""
    queryset = Process.objects.all() if include_drafts else Process.objects.published()
    process = (
        queryset.prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "pk")),
            Prefetch("idea_categories", queryset=IdeaCategory.objects.all()),
        )
        .filter(slug=slug)
        .first()
    )
    if process is None:
        return None
    phases = list(process.phases.all())
    return ProcessContext(
        process=process,
        phases=phases,
        state=rules.phase_state(phases, today or today_in_munich()),
        categories=list(process.idea_categories.all()),
    )


def district_choices() -> list[Stadtbezirk]:
    return list(Stadtbezirk.objects.only("number", "name", "slug").order_by("number"))


def idea_page(
    process: Process, filters: IdeaFilters, number: int, *, user=None, moderator: bool = False
) -> Page:
    """A page of the process's public ideas (published and hidden ones) with their total.

    One query for the page and its total; one more for the ideas the user supports. Pending ideas
    show only to moderators (and to their authors, on the idea's own page).
    """
    queryset = Idea.objects.filter(process=process)
    if not moderator:
        queryset = queryset.exclude(moderation=Moderation.PENDING)
    if filters.category:
        queryset = queryset.filter(category_id=filters.category)
    if filters.district:
        queryset = queryset.filter(district__slug=filters.district)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    queryset = (
        queryset.select_related("category", "district")
        .defer(
            "contact_email",
            "contact_street",
            "contact_postal_code",
            "contact_city",
            "answer",
            "status_reason",
        )
        .order_by(*order)
    )
    number = max(1, number)
    offset = (number - 1) * IDEA_PAGE_SIZE
    items = list(queryset.annotate(total=Window(Count("pk")))[offset : offset + IDEA_PAGE_SIZE])
    supported = supported_ids(user, [idea.pk for idea in items])
    for idea in items:
        idea.supported_by_user = idea.pk in supported
    return Page(
        items=items,
        total=items[0].total if items else 0,
        number=number,
        per_page=IDEA_PAGE_SIZE,
    )


def supported_ids(user, idea_ids: list[int]) -> set[int]:
    if not (user and user.is_authenticated) or not idea_ids:
        return set()
    return set(
        Support.objects.filter(user=user, idea_id__in=idea_ids).values_list("idea_id", flat=True)
    )


def idea_for_page(process: Process, pk: int, *, user=None, moderator: bool = False):
    """The idea with category, district; ``None`` when it does not exist or is not visible."""
    idea = (
        Idea.objects.select_related("category", "district")
        .filter(process=process, pk=pk)
        .defer("contact_email", "contact_street", "contact_postal_code", "contact_city")
        .first()
    )
    if idea is None:
        return None
    if idea.moderation == Moderation.PENDING and not (
        moderator or (user and user.is_authenticated and idea.author_id == user.pk)
    ):
        return None
    idea.supported_by_user = bool(supported_ids(user, [idea.pk]))
    return idea


@dataclass
class Thread:
    comment: Comment
    replies: list


def comment_threads(
    process: Process, *, idea: Idea | None, user=None, moderator: bool = False
) -> list[Thread]:
    """Top-level comments with their replies, oldest first, in one query.

    Pending comments show only to moderators and their authors; hidden and deleted ones keep their
    place with a notice instead of the text.
    """
    visible = ~Q(moderation=Moderation.PENDING)
    if moderator:
        visible = Q()
    elif user and user.is_authenticated:
        visible |= Q(author=user)
    comments = list(
        Comment.objects.filter(process=process, idea=idea)
        .filter(visible)
        .only(
            "pk",
            "process_id",
            "idea_id",
            "parent_id",
            "author_id",
            "author_name",
            "channel",
            "text",
            "created_at",
            "edited_at",
            "deleted_at",
            "moderation",
            "moderation_reason",
        )
        .order_by("created_at", "pk")
    )
    threads: dict[int, Thread] = {}
    orphans = []
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment=comment, replies=[])
        else:
            orphans.append(comment)
    for reply in orphans:
        thread = threads.get(reply.parent_id)
        if thread is not None:  # a reply to a pending comment stays out of sight with it
            thread.replies.append(reply)
    return list(threads.values())


def public_idea(slug: str, pk: int) -> Idea | None:
    """The idea as the public sees it (its row scope's ``public`` rule: published by moderation,
    in a published process), or ``None`` — for pages that print it, such as the report page."""
    return (
        scopes.public(Idea)
        .select_related("process")
        .defer("contact_email", "contact_street", "contact_postal_code", "contact_city")
        .filter(process__slug=slug, pk=pk)
        .first()
    )


def public_comment(slug: str, pk: int) -> Comment | None:
    """The comment as the public sees it (published, on a published idea or process), or
    ``None``."""
    return (
        scopes.public(Comment)
        .select_related("process", "idea")
        .filter(process__slug=slug, pk=pk)
        .first()
    )


def comment_for_author(slug: str, pk: int):
    return Comment.objects.select_related("process").filter(process__slug=slug, pk=pk).first()


@dataclass(frozen=True)
class OwnProcess:
    title_de: str
    title_en: str
    title = Translated()


@dataclass(frozen=True)
class OwnIdea:
    """What Mein Konto shows of one of a resident's ideas."""

    pk: int
    title: str
    status: str
    moderation: str
    process_slug: str
    process: OwnProcess

    def get_absolute_url(self) -> str:
        return reverse("ideas:idea", kwargs={"slug": self.process_slug, "pk": self.pk})

    def get_status_display(self) -> str:
        return str(IdeaStatus(self.status).label)

    def get_moderation_display(self) -> str:
        return str(Moderation(self.moderation).label)


#: The most ideas Mein Konto lists (the newest).
OWN_IDEAS_LIMIT = 5


def _own_ideas_statement(user: int):
    return (
        Idea.objects.filter(author_id=user)
        .order_by("-created_at", "-pk")
        .values(
            "pk",
            "title",
            "status",
            "moderation",
            process_slug=F("process__slug"),
            process_de=F("process__title_de"),
            process_en=F("process__title_en"),
        )[:OWN_IDEAS_LIMIT]
    )


# Read on every visit of Mein Konto: built once per process (munich_portal.core.prepared).
_OWN_IDEAS = PreparedRead(_own_ideas_statement, user=ANY_ID)


def _own_ideas(rows) -> list[OwnIdea]:
    return [
        OwnIdea(process=OwnProcess(row.pop("process_de"), row.pop("process_en")), **row)
        for row in rows
    ]


def ideas_reading(user) -> Reading[list[OwnIdea]]:
    """A resident's own newest ideas (:data:`OWN_IDEAS_LIMIT`), for Mein Konto: one query, alone
    (``.result()``) or with the page's other reads
    (:func:`munich_portal.core.prepared.read_together`)."""
    return Reading(_OWN_IDEAS, {"user": user.pk}, _own_ideas)


def moderation_queue():
    """Pending ideas and comments, and reported ones, oldest first (the admin's queue)."""
    open_reports = Q(reports__handled_at__isnull=True)
    ideas = (
        Idea.objects.filter(Q(moderation=Moderation.PENDING) | open_reports)
        .select_related("process")
        .annotate(open_reports=Count("reports", filter=open_reports))
        .order_by("created_at", "pk")
        .distinct()
    )
    comments = (
        Comment.objects.filter(Q(moderation=Moderation.PENDING) | open_reports)
        .select_related("process", "idea")
        .annotate(open_reports=Count("reports", filter=open_reports))
        .order_by("created_at", "pk")
        .distinct()
    )
    return ideas, comments


# --- clerks (/erfassung/ideen/) -------------------------------------------------------------------
#: Post that was on time arrives late: a process stays on the clerks' list this long after its
#: participation phase (the actions refuse what was received after the phase).
LATE_POST = dt.timedelta(weeks=8)
#: The clerk's page shows this many of the latest entries with their channel and consent.
RECENT_ENTRIES = 10


def clerk_processes(user, *, today: dt.date | None = None) -> list[Process]:
    """Processes whose contributions clerks type in: the participation phase has begun and ended
    no longer than :data:`LATE_POST` ago (through the scope layer, one query)."""
    today = today or today_in_munich()
    phases = Phase.objects.filter(
        kind=Phase.Kind.PARTICIPATION, starts_on__lte=today, ends_on__gte=today - LATE_POST
    )
    queryset = scopes.for_staff(Process.objects.filter(phases__in=phases), user)
    return list(queryset.distinct().order_by("title_de", "pk"))


def clerk_ideas(process: Process, user) -> list[Idea]:
    """The published ideas of ``process`` a comment or a signature list can be typed in for."""
    queryset = scopes.for_staff(
        Idea.objects.filter(process=process, moderation=Moderation.PUBLISHED), user
    )
    return list(queryset.only("pk", "title", "process_id").order_by("title", "pk"))


def clerk_idea(process: Process, pk: int, user) -> Idea | None:
    queryset = scopes.for_staff(Idea.objects.filter(process=process, pk=pk), user)
    return queryset.select_related("process").first()


def recent_entries(process: Process, user) -> dict[str, list]:
    """The latest ideas and comments typed in for ``process``, with channel and consent version
    (the clerk checks what was recorded)."""
    typed_in = ~Q(channel="online")
    ideas = scopes.for_staff(Idea.objects.filter(typed_in, process=process), user)
    comments = scopes.for_staff(Comment.objects.filter(typed_in, process=process), user)
    return {
        "ideas": list(
            ideas.only(
                "pk", "title", "channel", "consent_version", "created_at", "moderation"
            ).order_by("-pk")[:RECENT_ENTRIES]
        ),
        "comments": list(
            comments.select_related("idea")
            .only(
                "pk",
                "text",
                "channel",
                "consent_version",
                "created_at",
                "moderation",
                "idea__title",
            )
            .order_by("-pk")[:RECENT_ENTRIES]
        ),
    }


def support_lines(idea: Idea, user) -> tuple[list[Support], int]:
    """The latest lines typed in for ``idea`` (newest first) and how many there are."""
    queryset = scopes.for_staff(
        Support.objects.filter(idea=idea, user__isnull=True).exclude(channel="online"), user
    )
    lines = list(
        queryset.only(
            "pk", "name", "postal_code", "channel", "consent_version", "created_at", "idea_id"
        )
        .annotate(total=Window(Count("pk")))
        .order_by("-pk")[:RECENT_ENTRIES]
    )
    return lines, (lines[0].total if lines else 0)

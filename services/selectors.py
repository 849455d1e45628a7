"""Reads of the service catalogue for the public pages, the admin and open data.

Every function issues a fixed number of queries whatever the amount of data (prefetching and
annotations instead of per-row queries); the tests hold each page to that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Left, NullIf, Upper

from munich_portal.core.page_cache import DataVersion
from munich_portal.core.paging import Page, page_of
from munich_portal.core.timezone import today_in_munich
from services.models import (
    SEARCH_COLUMNS,
    CatalogueVersion,
    LifeSituation,
    Office,
    OpeningException,
    OpeningHours,
    PublicationStatus,
    Service,
    Topic,
)
from services.opening_hours import Schedule
from services.search_sql import ImmutableUnaccent

# Exceptions to the opening hours shown ahead ("the next weeks").
EXCEPTIONS_AHEAD_DAYS = 56
LETTER_PAGE_SIZE = 50
LIST_PAGE_SIZE = 50
POPULAR_LIMIT = 8
RELATED_LIMIT = 6


@dataclass(frozen=True)
class Version:
    token: str
    changed_at: dt.datetime


def catalogue_version() -> Version | None:
    """The current catalogue version (one query), or None right after a database flush."""
    row = CatalogueVersion.objects.filter(pk=1).values_list("token", "changed_at").first()
    return Version(token=str(row[0]), changed_at=row[1]) if row else None


def _catalogue_token() -> str | None:
    version = catalogue_version()
    return version.token if version else None


#: The catalogue version's token as this process last read it. Database triggers (migration 0001)
#: give the catalogue a new token on every write; the catalogue pages are cached by it
#: (``cache_public_page(version=catalogue_token)``), and so are small derived reads
#: (``catalogue_token.memo``). ORM writes in this process forget it at once (signals, apps.py).
catalogue_token = DataVersion(_catalogue_token)


def _name_field(language: str) -> str:
    return "name_en" if language == "en" else "name_de"


def _display_name(language: str):
    """The name a page shows: English when there is one under /en/, else German."""
    if language == "en":
        return Coalesce(NullIf(F("name_en"), Value("")), F("name_de"))
    return F("name_de")


def _service_list_fields() -> list[str]:
    return [
        "slug",
        "name_de",
        "name_en",
        "short_text_de",
        "short_text_en",
        "online_url",
        "ozg_maturity",
        "status",
    ]


def published_services():
    return Service.objects.published()


# --- what cached fragments need without loading a page's data ---------------------------------
def published_service_pk(slug: str) -> int | None:
    """The pk of the published service ``slug`` (None: none), from a map kept per catalogue
    version: a page whose fragments are cached needs no query to know the service exists."""

    def load():
        return dict(published_services().values_list("slug", "pk"))

    return catalogue_token.memo("published_service_pks", load).get(slug)


def published_office_pk(slug: str) -> int | None:
    """The pk of the published office ``slug`` (None: none), kept per catalogue version."""

    def load():
        return dict(Office.objects.published().values_list("slug", "pk"))

    return catalogue_token.memo("published_office_pks", load).get(slug)


def service_reference(pk: int, slug: str) -> Service:
    """A service known by pk and slug only, for what is looked up by them (its appointment
    booking): no query. Nothing else of it is loaded; it is never saved."""
    return Service(pk=pk, slug=slug)


def office_reference(pk: int, slug: str) -> Office:
    """An office known by pk and slug only (its appointment types): no query, never saved."""
    return Office(pk=pk, slug=slug)


class _StatusClock:
    """The next moment "open now" changes for any office: an opening or closing time of one of
    them, or midnight (:meth:`Schedule.next_change`). Built from every office's hours once per
    catalogue version and day; the moment itself is recomputed only when it has passed."""

    def __init__(self, schedules: list[Schedule]):
        self._schedules = schedules
        self._next: dt.datetime | None = None

    def next_change(self, now: dt.datetime) -> dt.datetime:
        upcoming = self._next
        if upcoming is None or now >= upcoming:
            midnight = Schedule().next_change(now)
            upcoming = min(
                (schedule.next_change(now) for schedule in self._schedules), default=midnight
            )
            self._next = upcoming
        return upcoming


def open_status_valid_until(now: dt.datetime) -> dt.datetime:
    """Until when every "open now" shown at ``now`` stays true (the first change of any office,
    at the latest midnight). Two queries per catalogue version and day, usually none; offices not
    published count too (an earlier change only renders a fragment again sooner)."""
    today = today_in_munich(now)

    def load():
        hours: dict[int, list] = {}
        exceptions: dict[int, list] = {}
        for row in OpeningHours.objects.only("office_id", "weekday", "opens", "closes"):
            hours.setdefault(row.office_id, []).append(row)
        for row in _upcoming_exceptions(today):
            exceptions.setdefault(row.office_id, []).append(row)
        return _StatusClock(
            [
                Schedule.from_rows(hours.get(office, ()), exceptions.get(office, ()))
                for office in hours.keys() | exceptions.keys()
            ]
        )

    return catalogue_token.memo(f"status_clock:{today.isoformat()}", load).next_change(now)


# --- catalogue start --------------------------------------------------------------------------
def life_situations_with_counts() -> list[LifeSituation]:
    count = Count("services", filter=Q(services__status=PublicationStatus.PUBLISHED))
    return list(LifeSituation.objects.annotate(service_count=count))


def topics_with_counts() -> list[Topic]:
    count = Count("services", filter=Q(services__status=PublicationStatus.PUBLISHED))
    return list(Topic.objects.annotate(service_count=count).filter(service_count__gt=0))


def popular_services(limit: int = POPULAR_LIMIT) -> list[Service]:
    return list(
        published_services()
        .filter(popular_rank__isnull=False)
        .order_by("popular_rank", "name_de")
        .only(*_service_list_fields())[:limit]
    )


def initial_letters(language: str) -> list[str]:
    """The first letters (A to Z, umlauts under their base letter) of published names; one
    query, kept per catalogue version (:data:`catalogue_token`)."""
    initial = Upper(Left(ImmutableUnaccent(_display_name(language)), 1))

    def load():
        return list(
            published_services()
            .annotate(initial=initial)
            .order_by("initial")
            .values_list("initial", flat=True)
            .distinct()
        )

    return catalogue_token.memo(f"initial_letters:{language}", load)


def services_by_letter(letter: str, language: str, page: int = 1) -> Page:
    initial = Upper(Left(ImmutableUnaccent(_display_name(language)), 1))
    queryset = (
        published_services()
        .annotate(initial=initial, display_name=_display_name(language))
        .filter(initial=letter.upper())
        .order_by("display_name", "pk")
        .only(*_service_list_fields())
    )
    return page_of(queryset, page, LETTER_PAGE_SIZE)


def filter_choices() -> dict:
    """The options of the search filters: life situations, topics and offices.

    Three queries, kept per catalogue version (:data:`catalogue_token`): usually none.
    """

    def load():
        return {
            "life_situations": list(LifeSituation.objects.only("slug", "name_de", "name_en")),
            "topics": list(Topic.objects.only("slug", "name_de", "name_en")),
            "offices": list(Office.objects.published().only("slug", "name_de", "name_en")),
        }

    return catalogue_token.memo("filter_choices", load)


def filter_slugs() -> dict[str, frozenset[str]]:
    """The slugs each search filter accepts (``life_situations``, ``topics``, ``offices``), kept
    per catalogue version: reading a search address needs neither a query nor the form."""

    def load():
        return {
            key: frozenset(item.slug for item in items) for key, items in filter_choices().items()
        }

    return catalogue_token.memo("filter_slugs", load)


# --- service detail ---------------------------------------------------------------------------
def _upcoming_exceptions(today: dt.date):
    return OpeningException.objects.filter(
        date__gte=today, date__lte=today + dt.timedelta(days=EXCEPTIONS_AHEAD_DAYS)
    ).order_by("date", "opens")


def _office_prefetches(today: dt.date) -> list[Prefetch]:
    return [
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        Prefetch("opening_exceptions", queryset=_upcoming_exceptions(today)),
    ]


def service_for_page(slug: str, *, include_drafts: bool = False) -> Service | None:
    """A service with everything its page shows, in six queries; None if there is none."""
    today = today_in_munich()
    offices = (
        Office.objects.published()
        .select_related("stadtbezirk")
        .prefetch_related(*_office_prefetches(today))
    )
    queryset = (
        Service.objects.filter(slug=slug)
        .select_related("department", "reviewed_by")
        .defer(*SEARCH_COLUMNS)
        .prefetch_related(
            Prefetch("offices", queryset=offices),
            Prefetch("life_situations", queryset=LifeSituation.objects.all()),
            Prefetch("topics", queryset=Topic.objects.all()),
        )
    )
    if not include_drafts:
        queryset = queryset.filter(status=PublicationStatus.PUBLISHED)
    service = queryset.first()
    if service is not None:
        for office in service.offices.all():
            attach_schedule(office)
    return service


def attach_schedule(office: Office) -> Office:
    """Give an office with prefetched hours and exceptions its :class:`Schedule`."""
    office.schedule = Schedule.from_rows(
        office.opening_hours.all(), office.opening_exceptions.all()
    )
    return office


def related_services(service: Service, limit: int = RELATED_LIMIT) -> list[Service]:
    """Published services that share life situations or topics with ``service``, most shared
    first. Uses the prefetched life situations and topics; one query."""
    situation_ids = [situation.pk for situation in service.life_situations.all()]
    topic_ids = [topic.pk for topic in service.topics.all()]
    if not situation_ids and not topic_ids:
        return []
    through_situations = Service.life_situations.through.objects
    through_topics = Service.topics.through.objects
    shared_situations = (
        through_situations.filter(service_id=OuterRef("pk"), lifesituation_id__in=situation_ids)
        .values("service_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    shared_topics = (
        through_topics.filter(service_id=OuterRef("pk"), topic_id__in=topic_ids)
        .values("service_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    candidates = Q(
        pk__in=through_situations.filter(lifesituation_id__in=situation_ids).values("service_id")
    ) | Q(pk__in=through_topics.filter(topic_id__in=topic_ids).values("service_id"))
    return list(
        published_services()
        .filter(candidates)
        .exclude(pk=service.pk)
        .annotate(
            shared=Coalesce(Subquery(shared_situations), 0) + Coalesce(Subquery(shared_topics), 0)
        )
        .order_by("-shared", "name_de", "pk")
        .only(*_service_list_fields())[:limit]
    )


# --- life situations --------------------------------------------------------------------------
def life_situation_for_page(slug: str) -> LifeSituation | None:
    return LifeSituation.objects.filter(slug=slug).first()


def services_in_life_situation(situation: LifeSituation, language: str, page: int = 1) -> Page:
    queryset = (
        published_services()
        .filter(life_situations=situation)
        .annotate(display_name=_display_name(language))
        .order_by("display_name", "pk")
        .only(*_service_list_fields())
    )
    return page_of(queryset, page, LIST_PAGE_SIZE)


# --- offices ----------------------------------------------------------------------------------
def offices_for_list() -> list[Office]:
    """Published offices with district and schedule (three queries)."""
    today = today_in_munich()
    offices = list(
        Office.objects.published()
        .select_related("stadtbezirk")
        .prefetch_related(*_office_prefetches(today))
        .order_by("name_de")
    )
    return [attach_schedule(office) for office in offices]


def office_for_page(slug: str) -> Office | None:
    today = today_in_munich()
    office = (
        Office.objects.published()
        .filter(slug=slug)
        .select_related("stadtbezirk", "department")
        .prefetch_related(*_office_prefetches(today))
        .first()
    )
    return attach_schedule(office) if office else None


def services_at_office(office: Office, language: str, page: int = 1) -> Page:
    queryset = (
        published_services()
        .filter(offices=office)
        .annotate(display_name=_display_name(language))
        .order_by("display_name", "pk")
        .only(*_service_list_fields())
    )
    return page_of(queryset, page, LIST_PAGE_SIZE)


# --- open data --------------------------------------------------------------------------------
def services_for_open_data():
    """Published services with the slugs of their life situations, topics and offices, as rows
    (one query, streamed)."""
    situations = LifeSituation.objects.filter(services=OuterRef("pk")).order_by("slug")
    topics = Topic.objects.filter(services=OuterRef("pk")).order_by("slug")
    offices = Office.objects.published().filter(services=OuterRef("pk")).order_by("slug")
    return (
        published_services()
        .annotate(
            life_situation_slugs=ArraySubquery(situations.values("slug")),
            topic_slugs=ArraySubquery(topics.values("slug")),
            office_slugs=ArraySubquery(offices.values("slug")),
            department_code=F("department__code"),
            reviewed_by_code=F("reviewed_by__code"),
        )
        .order_by("slug")
    )


def offices_for_open_data() -> list[Office]:
    today = today_in_munich()
    offices = list(
        Office.objects.published()
        .select_related("stadtbezirk", "department")
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
            Prefetch(
                "opening_exceptions",
                queryset=OpeningException.objects.filter(date__gte=today).order_by("date"),
            ),
        )
        .order_by("slug")
    )
    return [attach_schedule(office) for office in offices]

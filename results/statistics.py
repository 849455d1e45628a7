"""The figures of a participation process by channel and city district, in four queries.

What is counted (docs/participation-results.md):

- **registrations** — registrations for the process's events that hold or wait for a place
  (confirmed or on the waiting list; pending guest registrations and cancellations do not count);
- **attendance** — registrations checked in at the door;
- **ideas** — published ideas (pending and hidden ones are not part of the public record);
- **comments** — published, not deleted comments on the process or on its published ideas;
- **supports** — supports of published ideas.

Each is split by the channel it came through (online, paper, phone, on site) and by city district:
an idea's district, for comments and supports the district of their idea, for registrations the
district of the event's venue (an office of the catalogue). Figures without a district (ideas for
the whole city, comments on the process, events at a place that is not an office) are counted
under "no district". One query per measure family, whatever the amount of data; several
processes at once for the open data file.

:func:`figures_for` returns raw counts (:class:`Figures`); :func:`published` turns them into
tables with small counts withheld (:mod:`results.suppression`), which is all that
pages and files may show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from ideas.models import Comment, Idea, Moderation, Support
from munich_portal.core.channels import Channel
from participation.models import ErasedRegistrations, Registration, RegistrationStatus
from results.suppression import TOTAL, ProtectedTable, protect

__all__ = [
    "CHANNELS",
    "MEASURES",
    "NO_DISTRICT",
    "DistrictRef",
    "Figures",
    "PublishedFigures",
    "figures_for",
    "published",
]

#: (key, label) of the measures, in the order of every table.
MEASURES: list[tuple[str, object]] = [
    ("registrations", _("registrations")),
    ("attendance", _("attendance (checked in)")),
    ("ideas", _("ideas")),
    ("comments", _("comments")),
    ("supports", _("supports")),
]
MEASURE_KEYS = [key for key, _label in MEASURES]
CHANNELS: list[str] = [choice.value for choice in Channel]
#: The district key of figures that belong to no district.
NO_DISTRICT = 0


@dataclass(frozen=True)
class DistrictRef:
    number: int  # 1 to 25, or NO_DISTRICT
    name: str

    @property
    def label(self) -> str:
        if self.number == NO_DISTRICT:
            return str(_("no district (whole city, or not stated)"))
        return f"{self.number}. {self.name}"


@dataclass
class Figures:
    """Raw counts of one process: ``counts[measure][(district number, channel)]``."""

    counts: dict[str, dict[tuple[int, str], int]] = field(
        default_factory=lambda: {key: defaultdict(int) for key in MEASURE_KEYS}
    )
    districts: dict[int, str] = field(default_factory=dict)

    def add(self, measure: str, district: int | None, name: str | None, channel: str, n: int):
        number = district or NO_DISTRICT
        if number != NO_DISTRICT:
            self.districts[number] = name or ""
        self.counts[measure][(number, channel)] += n

    def total(self, measure: str, *, channel: str | None = None, district: int | None = None):
        return sum(
            n
            for (number, chan), n in self.counts[measure].items()
            if (channel is None or chan == channel) and (district is None or number == district)
        )

    def district_refs(self) -> list[DistrictRef]:
        """Districts with any figure, by number; "no district" last when it has figures."""
        refs = [DistrictRef(number, self.districts[number]) for number in sorted(self.districts)]
        if any(
            n and number == NO_DISTRICT
            for counts in self.counts.values()
            for (number, _channel), n in counts.items()
        ):
            refs.append(DistrictRef(NO_DISTRICT, ""))
        return refs


def figures_for(process_ids: Iterable[int]) -> dict[int, Figures]:
    """Counts per process, measure, district and channel (five aggregate queries)."""
    process_ids = list(process_ids)
    figures: dict[int, Figures] = {pk: Figures() for pk in process_ids}
    if not process_ids:
        return figures

    counted = Q(
        event__process_id__in=process_ids,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
    )
    by_place = (
        "event__process_id",
        "channel",
        "event__office__stadtbezirk__number",
        "event__office__stadtbezirk__name",
    )
    registrations = (
        Registration.objects.filter(counted)
        .values(*by_place)
        .annotate(
            registrations=Count("pk"),
            attendance=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )
        .order_by()
    )
    # Erased people's registrations are left as counts per event, channel and status.
    erased = (
        ErasedRegistrations.objects.filter(counted)
        .values(*by_place)
        .annotate(registrations=Sum("registrations"), attendance=Sum("checked_in"))
        .order_by()
    )
    for row in [*registrations, *erased]:
        target = figures[row["event__process_id"]]
        district = row["event__office__stadtbezirk__number"]
        name = row["event__office__stadtbezirk__name"]
        target.add("registrations", district, name, row["channel"], row["registrations"])
        target.add("attendance", district, name, row["channel"], row["attendance"])

    ideas = (
        Idea.objects.filter(process_id__in=process_ids, moderation=Moderation.PUBLISHED)
        .values("process_id", "channel", "district__number", "district__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in ideas:
        figures[row["process_id"]].add(
            "ideas", row["district__number"], row["district__name"], row["channel"], row["n"]
        )

    comments = (
        Comment.objects.filter(
            process_id__in=process_ids,
            moderation=Moderation.PUBLISHED,
            deleted_at__isnull=True,
        )
        .filter(Q(idea__isnull=True) | Q(idea__moderation=Moderation.PUBLISHED))
        .values("process_id", "channel", "idea__district__number", "idea__district__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in comments:
        figures[row["process_id"]].add(
            "comments",
            row["idea__district__number"],
            row["idea__district__name"],
            row["channel"],
            row["n"],
        )

    supports = (
        Support.objects.filter(
            idea__process_id__in=process_ids, idea__moderation=Moderation.PUBLISHED
        )
        .values("idea__process_id", "channel", "idea__district__number", "idea__district__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in supports:
        figures[row["idea__process_id"]].add(
            "supports",
            row["idea__district__number"],
            row["idea__district__name"],
            row["channel"],
            row["n"],
        )
    return figures


@dataclass
class PublishedFigures:
    """The figures of one process as they may be published: one protected table per measure.

    ``tables[measure]`` has the districts as rows and the channels as columns, with totals; the
    results page shows their column totals (by channel) and row totals (by district).
    """

    districts: list[DistrictRef]
    tables: dict[str, ProtectedTable]

    @property
    def is_empty(self) -> bool:
        return all(table.total().value == 0 for table in self.tables.values())

    def by_channel(self) -> list[dict]:
        """One row per measure: its cells per channel and the total."""
        return [
            {"key": key, "label": label, "cells": self.tables[key].column_totals()}
            for key, label in MEASURES
        ]

    def by_district(self) -> list[dict]:
        """One row per district: the total of each measure over all channels."""
        return [
            {
                "district": district,
                "cells": [self.tables[key].cell(district.number, TOTAL) for key in MEASURE_KEYS],
            }
            for district in self.districts
        ]

    def rows(self):
        """Every published figure as (district or None for all, channel or None, measure, cell)."""
        for key in MEASURE_KEYS:
            table = self.tables[key]
            for district in [*self.districts, None]:
                row = TOTAL if district is None else district.number
                for channel in [*CHANNELS, None]:
                    column = TOTAL if channel is None else channel
                    yield district, channel, key, table.cell(row, column)


def published(figures: Figures) -> PublishedFigures:
    """Protect ``figures`` for publication (small counts withheld, totals kept consistent)."""
    districts = figures.district_refs()
    numbers = [district.number for district in districts]
    return PublishedFigures(
        districts=districts,
        tables={key: protect(figures.counts[key], numbers, CHANNELS) for key in MEASURE_KEYS},
    )

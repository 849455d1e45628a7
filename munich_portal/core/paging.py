"""Paged lists: one query for a page and its total, and a safe page number from the address."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Window

__all__ = ["Page", "page_number", "page_of"]


@dataclass
class Page:
    """A slice of a list with its total (from ``COUNT(*) OVER ()`` in the same query)."""

    items: list
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_of(queryset, number: int, per_page: int) -> Page:
    """Page ``number`` (1-based) of ``queryset`` and the total, in one query."""
    number = max(1, number)
    offset = (number - 1) * per_page
    items = list(queryset.annotate(total=Window(Count("pk")))[offset : offset + per_page])
    return Page(items=items, total=items[0].total if items else 0, number=number, per_page=per_page)


def page_number(raw) -> int:
    """A page number from the address; anything odd is page 1, huge numbers are capped."""
    try:
        number = int(str(raw)[:6])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), 10_000)

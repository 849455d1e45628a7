"""Where the apps built on participation add to its pages, without participation importing them.

``paper``, ``ideas`` and ``results`` depend on ``participation``, never the other way round. When
one of participation's pages shows something of theirs (the paper sheets per batch on the event
overview), the app registers a section here in its ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Section", "event_overview_section", "event_overview_sections"]


@dataclass(frozen=True)
class Section:
    """A part of a page: a template and its context."""

    template: str
    context: dict


_EVENT_OVERVIEW: list[Callable] = []


def event_overview_section(build: Callable) -> Callable:
    """Register ``build(event) -> Section`` for the staff's event overview (idempotent)."""
    if build not in _EVENT_OVERVIEW:
        _EVENT_OVERVIEW.append(build)
    return build


def event_overview_sections(event) -> list[Section]:
    """The registered sections of ``event``'s overview, in registration order."""
    return [build(event) for build in _EVENT_OVERVIEW]

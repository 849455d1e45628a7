"""Reads of rights requests: the officer's worklist and the records a request finds."""

from __future__ import annotations

from munich_portal.audit.finders import Identity, Match, find_records
from munich_portal.audit.selectors import (
    HistoryEntry,
    SubjectRecords,
    history_for_matches,
    records_for_matches,
)
from munich_portal.rights.models import RightsRequest

__all__ = ["history_of", "identity_of", "matches_for", "overdue_count", "records_of"]


def identity_of(rights_request: RightsRequest) -> Identity:
    return Identity(
        name=rights_request.name,
        email=rights_request.email,
        phone=rights_request.phone,
        street=rights_request.street,
        postal_code=rights_request.postal_code,
    )


def matches_for(rights_request: RightsRequest) -> list[Match]:
    """Every record across the apps that matches the person (name plus e-mail, phone or address)."""
    return find_records(identity_of(rights_request))


def records_of(records: dict[str, list]) -> list[SubjectRecords]:
    return records_for_matches(records)


def history_of(records: dict[str, list]) -> list[HistoryEntry]:
    return history_for_matches(records)


def overdue_count() -> int:
    return RightsRequest.objects.overdue().count()

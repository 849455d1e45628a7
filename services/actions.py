"""Writes to the service catalogue. The admin, the demo loader and the generator call these.

The search columns need no care here: PostgreSQL computes them (generated columns). What the
database does not derive by itself is the word list for "did you mean"; it is refreshed once
per transaction after names changed (:func:`schedule_search_word_refresh`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.core.models import Department
from services.models import (
    LifeSituation,
    Office,
    OpeningException,
    OpeningHours,
    PublicationStatus,
    Service,
    Topic,
)

# Words shorter than this are not worth correcting ("an", "zu").
MIN_WORD_LENGTH = 3

_REFRESH_SQL = """
DELETE FROM services_searchword;
INSERT INTO services_searchword (language, word, folded)
SELECT language, word, portal_unaccent(word) FROM (
    SELECT 'de' AS language, word FROM ts_stat($$
        SELECT to_tsvector('simple', name_de || ' ' || synonyms || ' ' || keywords_de)
          FROM services_service WHERE status = 'published'
    $$)
    UNION
    SELECT 'en', word FROM ts_stat($$
        SELECT to_tsvector('simple', coalesce(nullif(name_en, ''), name_de) || ' ' || synonyms
                                     || ' ' || keywords_en)
          FROM services_service WHERE status = 'published'
    $$)
) AS words
WHERE length(word) >= %(min)s AND length(word) <= 100 AND word !~ '^[0-9]+$';
"""


def refresh_search_words() -> None:
    """Rebuild the word list of service names for "did you mean" (about 0.1 s at 10,000)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_REFRESH_SQL, {"min": MIN_WORD_LENGTH})


def schedule_search_word_refresh() -> None:
    """Refresh the word list once when the current transaction commits, however many changes."""
    database = transaction.get_connection()
    if any(item[1] is refresh_search_words for item in database.run_on_commit):
        return
    transaction.on_commit(refresh_search_words)


@transaction.atomic
def save_service(
    *,
    service: Service,
    life_situations: Iterable[LifeSituation] | None = None,
    topics: Iterable[Topic] | None = None,
    offices: Iterable[Office] | None = None,
    change_reason: str = "",
) -> Service:
    """Validate and save a service, and its relations when given."""
    service.full_clean()
    if change_reason:
        service._change_reason = change_reason
    service.save()
    if life_situations is not None:
        service.life_situations.set(life_situations)
    if topics is not None:
        service.topics.set(topics)
    if offices is not None:
        service.offices.set(offices)
    schedule_search_word_refresh()
    return service


def _set_status(services: Iterable[Service], status: str, reason: str) -> int:
    changed = 0
    for service in services:
        if service.status == status:
            continue
        service.status = status
        service._change_reason = reason
        service.save(update_fields=["status", "updated_at"])
        changed += 1
    if changed:
        schedule_search_word_refresh()
    return changed


@transaction.atomic
def publish_services(*, services: Iterable[Service]) -> int:
    """Publish the services that are drafts; returns how many changed. History names the user
    (simple-history's request middleware)."""
    return _set_status(services, PublicationStatus.PUBLISHED, str(_("Published")))


@transaction.atomic
def unpublish_services(*, services: Iterable[Service]) -> int:
    """Take published services back to draft: residents no longer see them."""
    return _set_status(services, PublicationStatus.DRAFT, str(_("Unpublished")))


@transaction.atomic
def mark_services_reviewed(
    *,
    services: Iterable[Service],
    reviewed_by: Department | None = None,
    reviewed_on: dt.date | None = None,
) -> int:
    """Record an editorial review: the date and the editorial unit (not a person; the acting
    user is in the history). Without a unit, a service keeps its reviewer or gets its own
    responsible department."""
    reviewed_on = reviewed_on or timezone.localdate()
    count = 0
    for service in services:
        service.reviewed_at = reviewed_on
        if reviewed_by is not None:
            service.reviewed_by = reviewed_by
        elif service.reviewed_by_id is None:
            service.reviewed_by_id = service.department_id
        service._change_reason = str(_("Reviewed"))
        service.save(update_fields=["reviewed_at", "reviewed_by", "updated_at"])
        count += 1
    return count


@transaction.atomic
def publish_offices(*, offices: Iterable[Office]) -> int:
    count = 0
    for office in offices:
        if office.status != PublicationStatus.PUBLISHED:
            office.status = PublicationStatus.PUBLISHED
            office.save(update_fields=["status", "updated_at"])
            count += 1
    return count


@transaction.atomic
def unpublish_offices(*, offices: Iterable[Office]) -> int:
    count = 0
    for office in offices:
        if office.status != PublicationStatus.DRAFT:
            office.status = PublicationStatus.DRAFT
            office.save(update_fields=["status", "updated_at"])
            count += 1
    return count


@transaction.atomic
def save_office(
    *,
    office: Office,
    hours: Iterable[tuple[int, dt.time, dt.time]] | None = None,
    exceptions: Iterable[dict] | None = None,
) -> Office:
    """Validate and save an office; with ``hours``/``exceptions`` replace its schedule.

    ``hours``: (weekday 0 = Monday, opens, closes). ``exceptions``: dicts with ``date``,
    ``closed``, ``opens``, ``closes``, ``note_de``, ``note_en``.
    """
    office.full_clean()
    office.save()
    if hours is not None:
        office.opening_hours.all().delete()
        rows = [
            OpeningHours(office=office, weekday=weekday, opens=opens, closes=closes)
            for weekday, opens, closes in hours
        ]
        for row in rows:
            row.full_clean(exclude=["office"])
        OpeningHours.objects.bulk_create(rows)
    if exceptions is not None:
        office.opening_exceptions.all().delete()
        rows = [OpeningException(office=office, **exception) for exception in exceptions]
        for row in rows:
            row.full_clean(exclude=["office"])
        OpeningException.objects.bulk_create(rows)
    return office

"""Reads for the portal's own pages.

The home page (issue 16) shows the top tasks first: the search, "Termin vereinbaren" with the
most used services that can be booked, the most used services, a logged-in resident's own
appointments and requests, then participation. Its anonymous copy is cached by
:func:`home_version`; the resident's block (:func:`resident_overview`) is never cached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import CharField, Exists, F, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from appointments.models import ACTIVE_STATUSES, AppointmentType, Booking
from munich_portal.core.fragment_cache import once as _once
from munich_portal.core.i18n import Named
from munich_portal.core.page_cache import DataVersion
from munich_portal.core.prepared import ANY_ID, ANY_MOMENT, CountOf, PreparedRead
from online_requests.models import OnlineRequest, RequestStatus
from participation import selectors as participation_selectors
from services import selectors as services_selectors
from services.models import PublicationStatus, Service

#: How many bookable services "Termin vereinbaren" links to directly.
HOME_APPOINTMENT_LIMIT = 6
#: How many of the most used services the home page lists.
HOME_POPULAR_LIMIT = 8
#: A resident's requests that are still with the city (submitted, not yet decided).
OPEN_REQUEST_STATUSES = (
    RequestStatus.RECEIVED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.INFORMATION_REQUESTED,
)


def _bookable() -> Exists:
    """A service is bookable when an active appointment type of a published office offers it and
    the office is one of the service's offices (an office's type may list a service the office
    no longer provides: then it is not offered there)."""
    return Exists(
        AppointmentType.objects.filter(
            active=True,
            office__status=PublicationStatus.PUBLISHED,
            services=OuterRef("pk"),
            office__services=OuterRef("pk"),
        )
    )


def bookable_services():
    """Published services a resident can book an appointment for (a queryset, unordered)."""
    return services_selectors.published_services().filter(_bookable())


def top_bookable_services(limit: int = HOME_APPOINTMENT_LIMIT) -> list[Service]:
    """The bookable services "Termin vereinbaren" shows first: by the editors' popularity rank
    (``Service.popular_rank``), unranked ones after them by name. One query.

    Each carries ``appointment_url``, its service-first booking page
    (``appointments:service_times``).
    """
    services = list(
        bookable_services()
        .order_by(F("popular_rank").asc(nulls_last=True), "name_de")
        .only("slug", "name_de", "name_en", "popular_rank")[:limit]
    )
    for service in services:
        service.appointment_url = reverse(
            "appointments:service_times", kwargs={"slug": service.slug}
        )
    return services


def _bookable_token() -> str:
    """A token of the set of bookable services: it changes when a type, its services or its
    office make a service bookable or not. One query (the ids, hashed in the database)."""
    ids = bookable_services().aggregate(
        ids=StringAgg(Cast("pk", CharField()), Value(","), order_by="pk", default="")
    )["ids"]
    return hashlib.blake2b(ids.encode(), digest_size=8).hexdigest()


#: The bookable set's token as this process last read it (at most once a second; the portal's
#: ``apps.py`` forgets it when this process changes an appointment type).
bookable_token = DataVersion(_bookable_token)


def home_version() -> str | None:
    """The version of the data the home page's top tasks show: the catalogue (names, popularity
    ranks, published services and offices) and the set of bookable services. None (no caching)
    right after a database flush, when the catalogue has no version row."""
    catalogue = services_selectors.catalogue_token()
    if catalogue is None:
        return None
    return f"{catalogue}:{bookable_token()}"


def home_page_context() -> dict:
    """What the home page shows besides its fixed links: the bookable and the most used
    services, running processes, the next events — each a callable the template calls inside its
    fragment (templates/portal/home.html), so a page whose fragments are kept reads none of it.

    Six queries whatever the data size when everything is rendered (one each for the two service
    lists, the process page's three, one for the events).
    """
    running = _once(
        lambda: participation_selectors.process_page(
            participation_selectors.ProcessFilters(
                state=participation_selectors.ProcessState.RUNNING
            ),
            1,
        )
    )
    return {
        "appointment_services": _once(top_bookable_services),
        "popular_services": _once(
            lambda: services_selectors.popular_services(limit=HOME_POPULAR_LIMIT)
        ),
        "running_processes": _once(lambda: running().items[:3]),
        "running_process_count": _once(lambda: running().total),
        "upcoming_events": _once(lambda: participation_selectors.upcoming_events(limit=3)),
    }


@dataclass(frozen=True)
class NextAppointment:
    """What the home page shows of the resident's next appointment."""

    starts_at: dt.datetime
    appointment_type: Named
    office: Named


@dataclass(frozen=True)
class ResidentOverview:
    """A logged-in resident's own things on the home page."""

    upcoming_appointments: int
    next_appointment: NextAppointment | None
    open_requests: int
    draft_requests: int


def _overview_statement(user: int, now: dt.datetime):
    """One row: the counts and the next appointment's time and names, each a subquery of
    ``user``'s own rows (an index lookup each)."""
    upcoming = Booking.objects.filter(
        user_id=user, status__in=ACTIVE_STATUSES, slot__starts_at__gt=now
    ).order_by("slot__starts_at", "pk")
    requests = OnlineRequest.objects.filter(user_id=user).order_by()

    def following(path: str) -> Subquery:
        return Subquery(upcoming.values(path)[:1])

    return (
        get_user_model()
        ._base_manager.filter(pk=user)
        .values(
            upcoming=CountOf(upcoming.order_by().values("pk")),
            starts_at=following("slot__starts_at"),
            type_de=following("slot__appointment_type__name_de"),
            type_en=following("slot__appointment_type__name_en"),
            office_de=following("slot__appointment_type__office__name_de"),
            office_en=following("slot__appointment_type__office__name_en"),
            open=CountOf(requests.filter(status__in=OPEN_REQUEST_STATUSES).values("pk")),
            drafts=CountOf(requests.filter(status=RequestStatus.DRAFT).values("pk")),
        )
    )


_OVERVIEW = PreparedRead(_overview_statement, user=ANY_ID, now=ANY_MOMENT)


def resident_overview(user, *, now: dt.datetime | None = None) -> ResidentOverview:
    """``user``'s upcoming appointments (how many, the next one) and requests (open, drafts).

    One query, built once per process (:class:`munich_portal.core.prepared.PreparedRead`): only
    ``user``'s own rows. The home page's personal block is rendered for them alone and never
    cached.
    """
    row = _OVERVIEW.row(user=user.pk, now=now or timezone.now()) or {}
    following = None
    if row.get("starts_at") is not None:
        following = NextAppointment(
            starts_at=row["starts_at"],
            appointment_type=Named(row["type_de"], row["type_en"]),
            office=Named(row["office_de"], row["office_en"]),
        )
    return ResidentOverview(
        upcoming_appointments=row.get("upcoming", 0),
        next_appointment=following,
        open_requests=row.get("open", 0),
        draft_requests=row.get("drafts", 0),
    )

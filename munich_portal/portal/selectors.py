"""Reads for the portal's own pages.

The home page (issue 16) shows the top tasks first: the search, "Termin vereinbaren" with the
most used services that can be booked, the most used services, a logged-in resident's own
appointments and requests, then participation. Its anonymous copy is cached by
:func:`home_version`; the resident's block (:func:`resident_overview`) is never cached.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, StringAgg, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from appointments import selectors as appointments_selectors
from appointments.models import ACTIVE_STATUSES, AppointmentType, Booking
from munich_portal.core.page_cache import DataVersion
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


def _once(compute):
    """``compute`` as a callable that computes on its first call only: the template reads a value
    only inside its fragment, and may read it twice ({% if %} then {% for %})."""
    return functools.cache(compute)


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
class ResidentOverview:
    """A logged-in resident's own things on the home page."""

    upcoming_appointments: int
    next_appointment: Booking | None
    open_requests: int
    draft_requests: int


def resident_overview(user, *, now: dt.datetime | None = None) -> ResidentOverview:
    """``user``'s upcoming appointments (how many, the next one) and requests (open, drafts).

    Two queries. Only ``user``'s own rows: the home page's personal block is rendered for them
    alone and never cached.
    """
    now = now or timezone.now()
    upcoming = list(
        Booking.objects.filter(user=user, status__in=ACTIVE_STATUSES, slot__starts_at__gt=now)
        .select_related("slot__appointment_type__office")
        .only(*appointments_selectors.BOOKING_LIST_FIELDS)
        .order_by("slot__starts_at", "pk")
    )
    requests = OnlineRequest.objects.filter(user=user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_REQUEST_STATUSES)),
        drafts=Count("pk", filter=Q(status=RequestStatus.DRAFT)),
    )
    return ResidentOverview(
        upcoming_appointments=len(upcoming),
        next_appointment=upcoming[0] if upcoming else None,
        open_requests=requests["open"],
        draft_requests=requests["drafts"],
    )

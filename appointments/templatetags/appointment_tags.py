"""Template tags other apps' pages use to show appointments: the office page's booking section,
Mein Konto's list, and the service page's "Termin vereinbaren" (button and office cards).

The office section and the service page's booking links show the appointments offer, which is
versioned with the catalogue (:func:`appointments.selectors.offer_token`): the section is a
fragment of its own, and the booking links are read only when the service page's fragment that
shows them is rendered (issue 17, round 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from appointments import selectors
from munich_portal.core.fragment_cache import cached_fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def office_appointments(context, office) -> SafeString:
    """The "Book an appointment" section of an office page (nothing if it offers none), kept as
    a fragment per office while the offer is unchanged: no query when kept."""
    return cached_fragment(
        context.get("request"),
        "office-appointments",
        office.pk,
        render=lambda: render_to_string(
            "appointments/includes/office_section.html",
            {"office": office, "types": selectors.offered_types(office)},
        ),
        version=selectors.offer_token(),
    )


@dataclass(frozen=True)
class ServiceBooking:
    """Where a service can be booked: the service-first page, and per office its booking with the
    type and the service preselected."""

    url: str = ""
    offices: dict[int, str] = field(default_factory=dict)


@register.simple_tag
def service_booking(service) -> ServiceBooking:
    """``{% service_booking service as booking %}``: one query for the whole page, made only when
    the page uses ``booking`` (not when the fragment that shows it is kept; the offer is versioned
    with the catalogue). ``booking.url`` is empty when no active type at a published office offers
    the service."""
    return SimpleLazyObject(lambda: _service_booking(service))  # type: ignore[return-value]


def _service_booking(service) -> ServiceBooking:
    offices: dict[int, str] = {}
    for office_id, slug, type_id in selectors.service_offer(service.pk):
        if office_id not in offices:
            query = urlencode({"art": type_id, "leistung": service.pk})
            offices[office_id] = f"{reverse('appointments:book', kwargs={'slug': slug})}?{query}"
    if not offices:
        return ServiceBooking()
    return ServiceBooking(
        reverse("appointments:service_times", kwargs={"slug": service.slug}), offices
    )


@register.simple_tag
def office_booking_url(booking, office) -> str:
    """``{% office_booking_url booking office as url %}``: the office's booking for the service
    of ``booking`` (from :func:`service_booking`), or ""."""
    if not isinstance(booking, ServiceBooking):
        return ""
    return booking.offices.get(office.pk, "")

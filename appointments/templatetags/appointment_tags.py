"""Template tags other apps' pages use to show appointments: the office page's booking section,
Mein Konto's list, and the service page's "Termin vereinbaren" (button and office cards)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from appointments import selectors
from appointments.models import AppointmentType
from services.models import PublicationStatus

register = template.Library()


@register.inclusion_tag("appointments/includes/office_section.html")
def office_appointments(office):
    """The "Book an appointment" section of an office page (nothing if it offers none)."""
    return {"office": office, "types": selectors.offered_types(office)}


@register.inclusion_tag("appointments/includes/account_section.html")
def account_appointments(user):
    """Mein Konto: the resident's upcoming appointments."""
    return {"upcoming": selectors.upcoming_bookings_of(user)}


@dataclass(frozen=True)
class ServiceBooking:
    """Where a service can be booked: the service-first page, and per office its booking with the
    type and the service preselected."""

    url: str = ""
    offices: dict[int, str] = field(default_factory=dict)


@register.simple_tag
def service_booking(service) -> ServiceBooking:
    """``{% service_booking service as booking %}``: one query for the whole page. ``booking.url``
    is empty when no active type at a published office offers the service."""
    offices: dict[int, str] = {}
    rows = (
        AppointmentType.objects.filter(
            active=True, services=service, office__status=PublicationStatus.PUBLISHED
        )
        .order_by("office_id", "position", "name_de", "pk")
        .values_list("office_id", "office__slug", "pk")
    )
    for office_id, slug, type_id in rows:
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

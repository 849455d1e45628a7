"""Template tags other apps' pages use to show appointments: the office page's booking section
and Mein Konto's list."""

from django import template

from appointments import selectors

register = template.Library()


@register.inclusion_tag("appointments/includes/office_section.html")
def office_appointments(office):
    """The "Book an appointment" section of an office page (nothing if it offers none)."""
    return {"office": office, "types": selectors.offered_types(office)}


@register.inclusion_tag("appointments/includes/account_section.html")
def account_appointments(user):
    """Mein Konto: the resident's upcoming appointments."""
    return {"upcoming": selectors.bookings_of(user)["upcoming"]}

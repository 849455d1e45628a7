"""What erasing a person does to their appointments (issue 14).

- Appointments still ahead are cancelled through :func:`appointments.actions.erase_booking`: the
  place is free at once and offered to the waiting list as when the resident cancels; the erased
  person is told nothing. Then the row is deleted.
- Past appointments are deleted (their retention would delete them six months after anyway).
- Waiting-list entries are deleted (``on_erasure="delete"`` on the declaration).

Works from ``erasure.records`` (``Erasure.user`` is ``None`` when the data-protection officer
erases a person without an account).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from appointments import actions
from appointments.models import ACTIVE_STATUSES, Booking
from munich_portal.audit.registry import CANCELLED, DELETED, ErasureItem

__all__ = ["describe_bookings", "erase_bookings"]


def erase_bookings(erasure) -> None:
    """The ``on_erasure`` hook of :class:`~appointments.models.Booking`."""
    pks = erasure.records.get(Booking._meta.label_lower, [])
    for booking in Booking.objects.filter(pk__in=pks).order_by("slot_id", "pk"):
        actions.erase_booking(booking=booking)


def describe_bookings(rows) -> Iterable[ErasureItem]:
    """The deletion page's lines: appointments ahead are cancelled, the rest deleted."""
    now = timezone.now()
    rows = rows.select_related("slot__appointment_type__office").order_by("slot__starts_at")
    for booking in rows:
        slot = booking.slot
        kind = slot.appointment_type
        text = ", ".join(
            [
                str(kind.name),
                date_filter(timezone.localtime(slot.starts_at), "DATETIME_FORMAT"),
                str(kind.office.name),
            ]
        )
        ahead = slot.starts_at > now and booking.status in ACTIVE_STATUSES
        yield ErasureItem(CANCELLED if ahead else DELETED, text)

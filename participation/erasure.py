"""What erasing a person does to their registrations (issue 14).

- Events that have not ended: the registration is cancelled through
  :func:`participation.actions.cancel_registration` — its places are freed and the waiting list
  moves up exactly as when the resident cancels (the promoted people get their usual message);
  the erased person is told nothing. Then the row is deleted.
- Events that have ended, and every registration deleted above: the row is deleted and added to
  :class:`participation.models.ErasedRegistrations` (counts per event, channel and status), which
  every figure computed from registrations adds in, so past attendance stays right.

Works from ``erasure.records`` (``Erasure.user`` is ``None`` when the data-protection officer
erases a person without an account). Paper and phone registrations typed in for the account count
the same: they are the account's rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _

from munich_portal.audit.registry import ANONYMISED, CANCELLED, DELETED, ErasureItem
from participation import actions
from participation.models import Registration, RegistrationStatus

__all__ = ["describe_registrations", "erase_registrations"]


def erase_registrations(erasure) -> None:
    """The ``on_erasure`` hook of :class:`~participation.models.Registration`."""
    pks = erasure.records.get(Registration._meta.label_lower, [])
    for registration in Registration.objects.filter(pk__in=pks):
        actions.erase_registration(registration=registration)


def _when_and_where(registration: Registration) -> str:
    event = registration.event
    starts = timezone.localtime(event.starts_at)
    place = event.office.name if event.office is not None else event.place_name
    if not place and event.online_url:
        place = _("online")
    parts = [str(event.title), date_filter(starts, "DATETIME_FORMAT")]
    if place:
        parts.append(str(place))
    return ", ".join(parts)


def describe_registrations(rows) -> Iterable[ErasureItem]:
    """The deletion page's lines: what is cancelled, what stays only as a count."""
    now = timezone.now()
    for registration in rows.select_related("event", "event__office").order_by("event__starts_at"):
        text = _when_and_where(registration)
        if registration.status == RegistrationStatus.CANCELLED:
            yield ErasureItem(DELETED, text)
        elif registration.event.ends_at > now:
            if registration.status == RegistrationStatus.WAITLISTED:
                text = _("%(event)s (waiting list)") % {"event": text}
            yield ErasureItem(CANCELLED, text)
        else:
            yield ErasureItem(ANONYMISED, text)

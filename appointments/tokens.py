"""Signed, expiring links in appointment e-mails; they work without logging in.

Each link signs a row's random ``secret`` (never its id, so links cannot be guessed from the
reference on a printed confirmation) with a timestamp and its own salt, so a confirmation link
cannot be used as a cancellation link and each expires on its own clock:

- confirm a held booking — valid for the hold time;
- manage a booking (cancel, rebook, calendar file) — ``APPOINTMENTS_LINK_DAYS``, and useless once
  the appointment has passed (the views check that);
- accept a waiting-list offer — the offer time;
- confirm a waiting-list entry — one day.

Signing is the kernel's (:mod:`munich_portal.core.signed_links`); this module says which link
lives how long.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from django.conf import settings

from appointments.models import Booking, WaitingListEntry
from munich_portal.core import signed_links

__all__ = [
    "ExpiredToken",
    "booking_for",
    "confirm_token",
    "entry_for",
    "manage_token",
    "offer_token",
    "waitlist_token",
]

CONFIRM = "appointments.confirm"
MANAGE = "appointments.manage"
OFFER = "appointments.offer"
WAITLIST = "appointments.waitlist"


#: The link was genuine but is too old (the kernel's :class:`~signed_links.Expired`).
ExpiredToken = signed_links.Expired


def _max_age(salt: str) -> timedelta:
    if salt == CONFIRM:
        # A little grace beyond the hold: the action then says "expired" in words.
        return timedelta(minutes=settings.APPOINTMENTS_HOLD_MINUTES + 60)
    if salt == OFFER:
        return timedelta(hours=settings.APPOINTMENTS_OFFER_HOURS + 1)
    if salt == WAITLIST:
        return timedelta(days=1)
    return timedelta(days=settings.APPOINTMENTS_LINK_DAYS)


def _sign(salt: str, secret: str) -> str:
    return signed_links.sign(secret, salt=salt)


def _unsign(salt: str, token: str) -> str | None:
    return signed_links.unsign(token, salt=salt, max_age=_max_age(salt))


def confirm_token(booking: Booking) -> str:
    return _sign(CONFIRM, booking.secret)


class _WithSecret(Protocol):
    """A booking, or what a resident's own list holds of one (``selectors.OwnBooking``)."""

    @property
    def secret(self) -> str: ...


def manage_token(booking: _WithSecret) -> str:
    return _sign(MANAGE, booking.secret)


def offer_token(booking: Booking) -> str:
    return _sign(OFFER, booking.secret)


def waitlist_token(entry: WaitingListEntry) -> str:
    return _sign(WAITLIST, entry.secret)


def booking_for(token: str, *, purpose: str) -> Booking | None:
    """The booking a ``purpose`` ("confirm", "manage", "offer") link names; ``None`` if forged.

    :class:`ExpiredToken` when the link is genuine but too old.
    """
    salt = {"confirm": CONFIRM, "manage": MANAGE, "offer": OFFER}[purpose]
    secret = _unsign(salt, token)
    if secret is None:
        return None
    return (
        Booking.objects.select_related("slot", "slot__appointment_type__office", "service")
        .filter(secret=secret)
        .first()
    )


def entry_for(token: str) -> WaitingListEntry | None:
    secret = _unsign(WAITLIST, token)
    if secret is None:
        return None
    return (
        WaitingListEntry.objects.select_related(
            "appointment_type__office", "service", "stadtbezirk"
        )
        .filter(secret=secret)
        .first()
    )

"""Signed links in participation e-mails: confirm a guest registration, cancel a registration.

Both links work without logging in; signing is the kernel's
(:mod:`munich_portal.core.signed_links`), the policy is here:

- the cancellation link signs the registration's random ``cancel_token`` (so it cannot be guessed
  from the reference on a printed confirmation, and reissuing the token invalidates old links).
  Its signature never expires: it is needed until the event, which may be months after the
  e-mail, and the cancel page itself stops cancelling once the event has ended
  (docs/decisions.md, "One signed-link base");
- the guest confirmation link signs the registration's id and expires after
  ``PARTICIPATION_GUEST_CONFIRMATION_HOURS``.
"""

from __future__ import annotations

from munich_portal.core import signed_links
from participation.models import Registration

CANCEL_SALT = "participation.cancel"
GUEST_SALT = "participation.guest-confirmation"


def cancel_token(registration: Registration) -> str:
    return signed_links.sign(registration.cancel_token, salt=CANCEL_SALT)


def registration_for_cancel_token(token: str) -> Registration | None:
    raw = signed_links.unsign(token, salt=CANCEL_SALT, max_age=None)
    if raw is None:
        return None
    return (
        Registration.objects.select_related("event", "event__process", "event__office")
        .filter(cancel_token=raw)
        .first()
    )


def guest_token(registration: Registration) -> str:
    return signed_links.sign(str(registration.pk), salt=GUEST_SALT)


def registration_for_guest_token(token: str, *, max_age) -> Registration | None:
    """The pending registration; ``None`` if forged; ``signed_links.Expired`` when too old."""
    raw = signed_links.unsign(token, salt=GUEST_SALT, max_age=max_age)
    if raw is None or not raw.isdigit():
        return None
    return (
        Registration.objects.select_related("event", "event__process").filter(pk=int(raw)).first()
    )

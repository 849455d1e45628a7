"""Signed links in participation e-mails: confirm a guest registration, cancel a registration.

Both links work without logging in. The cancellation link signs the registration's random
``cancel_token`` (so it cannot be guessed from the reference on a printed confirmation, and
reissuing the token invalidates old links); the guest confirmation link signs the registration's
id with a timestamp and expires after ``PARTICIPATION_GUEST_CONFIRMATION_HOURS``.
"""

from __future__ import annotations

from django.core import signing

from participation.models import Registration

CANCEL_SALT = "participation.cancel"
GUEST_SALT = "participation.guest-confirmation"


def cancel_token(registration: Registration) -> str:
    return signing.Signer(salt=CANCEL_SALT).sign(registration.cancel_token)


def registration_for_cancel_token(token: str) -> Registration | None:
    try:
        raw = signing.Signer(salt=CANCEL_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event", "event__process", "event__office")
        .filter(cancel_token=raw)
        .first()
    )


def guest_token(registration: Registration) -> str:
    return signing.TimestampSigner(salt=GUEST_SALT).sign(str(registration.pk))


class ExpiredToken(Exception):
    pass


def registration_for_guest_token(token: str, *, max_age) -> Registration | None:
    """The pending registration, ``None`` for a forged token; :class:`ExpiredToken` when too old."""
    signer = signing.TimestampSigner(salt=GUEST_SALT)
    try:
        raw = signer.unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except signing.BadSignature:
        return None
    if not raw.isdigit():
        return None
    return (
        Registration.objects.select_related("event", "event__process").filter(pk=int(raw)).first()
    )

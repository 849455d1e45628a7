"""Signed links: a value in a URL that only the portal can have written (e-mails, letters, forms).

- :func:`sign` — ``"<value>:<timestamp>:<signature>"``, the signature bound to a ``salt`` per kind
  of link, so a link of one kind never works as another;
- :func:`unsign` — the value; ``None`` for anything not genuine (tampered, another salt, garbage,
  not a string, longer than :data:`MAX_LENGTH`); :class:`Expired` when genuine but older than
  ``max_age``. ``max_age`` has no default: every call site says how long its links live
  (``None``: they never expire, because something else ends them, e.g. the event's end).

Links that never expire also accept the older ``"<value>:<signature>"`` form (without a time),
so links already sent in e-mails and printed on letters keep working. Values must not contain
``":"`` (ids and random secrets do not).
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

__all__ = ["MAX_LENGTH", "Expired", "sign", "unsign"]

#: Longer input is cut before it is checked (a genuine link is far shorter).
MAX_LENGTH = 200


class Expired(Exception):
    """The link is genuine but older than its ``max_age``."""


def sign(value: str, *, salt: str) -> str:
    """The signed, timestamped token for ``value`` under ``salt``."""
    value = str(value)
    if ":" in value:
        raise ValueError("a signed link's value must not contain ':'")
    return signing.TimestampSigner(salt=salt).sign(value)


def unsign(token, *, salt: str, max_age: timedelta | None) -> str | None:
    """The value of a genuine ``token``; ``None`` if not genuine; :class:`Expired` if too old."""
    if not isinstance(token, str) or not token:
        return None
    token = token[:MAX_LENGTH]
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise Expired from None
    except (signing.BadSignature, ValueError):
        pass
    if max_age is None:
        try:
            return signing.Signer(salt=salt).unsign(token)
        except (signing.BadSignature, ValueError):
            return None
    return None

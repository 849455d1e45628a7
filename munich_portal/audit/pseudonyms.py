"""Pseudonymous identifiers that data-use events carry instead of names.

Residents get a random UUID stored in :class:`munich_portal.audit.models.SubjectPseudonym` (see
``actions.pseudonym_for``): deleting that row is what makes their events anonymous.

Staff get ``staff-`` and 16 hex digits of an HMAC of their user id: stable, meaningless to a reader
of the log, and resolvable only by someone holding the key, by recomputing it over the staff
(``selectors.resolve_actor``) — the data-protection officer's tool. The key is the setting
``AUDIT_PSEUDONYM_KEY`` (environment variable of the same name, if the settings read it), else
``SECRET_KEY``; rotating the key makes earlier staff pseudonyms unresolvable, so a deployment should
set a key of its own and keep it.

:func:`commit` turns a value that must not be stored (a search term) into a keyed commitment that
can later be checked against a candidate value but reveals nothing without the key.
"""

import hashlib
import hmac

from django.conf import settings


def _key() -> bytes:
    key = settings.AUDIT_PSEUDONYM_KEY or settings.SECRET_KEY
    return hashlib.sha256(b"munich_portal.audit.pseudonyms:" + key.encode()).digest()


def _hmac(message: str) -> str:
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def actor_pseudonym(user, *, prefix: str = "staff") -> str:
    """``staff-<16 hex>`` for a staff member (``prefix`` for other kinds of actors)."""
    return f"{prefix}-{_hmac(f'actor:{user.pk}')[:16]}"


def commit(value: str) -> str:
    """A keyed commitment to ``value`` (``hmac:<16 hex>``), case- and space-insensitive."""
    normalised = " ".join(str(value).split()).casefold()
    return f"hmac:{_hmac(f'value:{normalised}')[:16]}"

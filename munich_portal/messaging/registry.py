"""The kinds of message (letter or e-mail): each app registers its own in its ``AppConfig.ready()``.

A kind is a key such as ``"participation.confirmation"`` (the app's label, a dot, a name) with a
label for the staff, the roles whose staff may see letters of that kind, and the purpose printing
them serves::

    register_message_kind(
        "participation.confirmation",
        label=_("registration confirmed"),
        roles=(Role.DATA_ENTRY, Role.EVENTS, Role.DATA_PROTECTION),
        purpose="participation_events",
    )

One kind covers both ways of telling a person: the e-mail (the outbox,
:class:`~munich_portal.messaging.models.OutgoingEmail`) and, for people without e-mail, the letter
(:class:`~munich_portal.messaging.models.Letter`). A kind registered with ``letters=False`` is an
e-mail only: it adds nothing to the letters' scope and declaration, and
:func:`~munich_portal.messaging.actions.queue_letter` refuses it. ``register_letter_kind`` is the
older name of :func:`register_message_kind`.

The registry decides the row scope of letters and e-mails (a staff member sees the messages of the
kinds registered for one of their roles, read when the query runs; Administration, who runs the
outbox, sees every e-mail) and adds each kind's purpose to both personal-data declarations, so that
printing a letter or sending an e-mail is logged under its own purpose and the register of
processing activities lists the messages under it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from munich_portal.audit import purposes as purpose_register
from munich_portal.core import scopes
from munich_portal.core.roles import ROLE_PERMISSIONS

__all__ = [
    "LetterKind",
    "UnknownLetterKind",
    "kind_choices",
    "kinds_for_role",
    "letter_kind",
    "letter_kinds",
    "register_letter_kind",
    "register_message_kind",
    "register_message_kinds",
]

_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


class UnknownLetterKind(LookupError):
    """A letter of a kind no app registered."""


@dataclass(frozen=True)
class LetterKind:
    key: str
    label: str | Promise
    roles: tuple[str, ...]
    purpose: str
    letters: bool = True
    #: The text carries a secret that acts for the person (a password-reset link, a login code):
    #: the staff area does not show it.
    confidential: bool = False


_kinds: dict[str, LetterKind] = {}


def register_message_kind(
    key: str,
    *,
    label: str | Promise,
    roles: tuple[str, ...] | list[str],
    purpose: str,
    letters: bool = True,
    confidential: bool = False,
) -> LetterKind:
    """Register a kind of message (idempotent for the same definition); see the module docs."""
    if not _KEY.match(key) or len(key) > 50:
        raise ImproperlyConfigured(f"A letter kind is 'app_label.name' (at most 50): {key!r}.")
    roles = tuple(dict.fromkeys(roles))
    unknown = [role for role in roles if role not in ROLE_PERMISSIONS]
    if unknown:
        raise ImproperlyConfigured(f"Letter kind {key}: unknown roles {unknown}.")
    try:
        purpose_register.get(purpose)
    except purpose_register.UnknownPurpose as error:
        raise ImproperlyConfigured(f"Letter kind {key}: {error}") from None
    kind = LetterKind(
        key=key,
        label=label,
        roles=roles,
        purpose=purpose,
        letters=letters,
        confidential=confidential,
    )
    known = _kinds.get(key)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"Letter kind {key} is registered twice, differently.")
    _kinds[key] = kind
    _declare_scopes()
    _add_purpose(purpose, letters=letters)
    return kind


def register_message_kinds(
    app_label: str,
    labels: Mapping[str, str | Promise],
    *,
    roles: tuple[str, ...] | list[str],
    purpose: str,
    letters: bool = True,
    confidential: bool | Collection[str] = False,
) -> None:
    """Register ``app_label.<name>`` for each name and label in ``labels``, all with the same
    roles, purpose and ``letters`` (an app's messages, e.g. in its ``AppConfig.ready()``).
    ``confidential`` is true for all of them, or the names whose text carries a link or code that
    acts for the person (confirm, cancel, manage, opt out, reset)."""
    unknown = set() if isinstance(confidential, bool) else set(confidential) - set(labels)
    if unknown:
        raise ImproperlyConfigured(f"{app_label}: confidential kinds without a label {unknown}.")
    for name, label in labels.items():
        register_message_kind(
            f"{app_label}.{name}",
            label=label,
            roles=roles,
            purpose=purpose,
            letters=letters,
            confidential=(confidential if isinstance(confidential, bool) else name in confidential),
        )


#: The older name, used by the apps whose letters came first.
register_letter_kind = register_message_kind


def unregister_letter_kind(key: str) -> None:
    """Forget a kind (for tests that register kinds of their own)."""
    _kinds.pop(key, None)
    _declare_scopes()


def letter_kind(key: str) -> LetterKind:
    try:
        return _kinds[key]
    except KeyError:
        raise UnknownLetterKind(f"No app registered the letter kind {key!r}.") from None


def letter_kinds() -> list[LetterKind]:
    """Every registered kind, in registration order."""
    return list(_kinds.values())


def kinds_for_role(role: str, *, letters: bool = False) -> list[str]:
    """The keys of the kinds whose messages staff of ``role`` may see (``letters``: only the
    kinds that can be letters)."""
    return [
        kind.key for kind in _kinds.values() if role in kind.roles and (kind.letters or not letters)
    ]


def kind_choices() -> list[tuple[str, str | Promise]]:
    """The kinds as field choices (the ``Letter.kind`` field reads them when asked)."""
    return [(kind.key, kind.label) for kind in _kinds.values()]


def _role_rule(role: str, what, *, letters: bool) -> scopes.Rule:
    # Read when the query runs: a kind registered later counts at once.
    return scopes.Rule(
        lambda user: Q(kind__in=kinds_for_role(role, letters=letters)),
        format_lazy(what, kinds=", ".join(kinds_for_role(role, letters=letters))),
    )


def _declare_scopes() -> None:
    """The row scopes of letters and e-mails: one rule for each role some kind names; for the
    e-mails also Administration, who runs the outbox (every e-mail); the public sees none."""
    from munich_portal.core.roles import Role
    from munich_portal.messaging.models import Letter, OutgoingEmail

    letter_roles = sorted({role for kind in _kinds.values() if kind.letters for role in kind.roles})
    scopes.declare_scope(
        Letter,
        staff={
            role: _role_rule(role, _("letters of the kinds {kinds}"), letters=True)
            for role in letter_roles
        },
        public=scopes.NOTHING,
    )
    roles = sorted({role for kind in _kinds.values() for role in kind.roles})
    email_rules = {
        role: _role_rule(role, _("e-mails of the kinds {kinds}"), letters=False) for role in roles
    }
    email_rules[Role.ADMINISTRATION] = scopes.EVERYTHING
    scopes.declare_scope(OutgoingEmail, staff=email_rules, public=scopes.NOTHING)


def _add_purpose(code: str, *, letters: bool) -> None:
    from munich_portal.audit.registry import add_purposes
    from munich_portal.messaging.models import Letter, OutgoingEmail

    if letters:
        add_purposes(Letter, [code])
    add_purposes(OutgoingEmail, [code])

"""The request's state machine: every allowed status change, and who may make it, in one table.

``online_requests.actions.transition`` is the only code that changes a request's status;
it asks :func:`check` first, so a transition not in :data:`TRANSITIONS` never happens, whatever
the admin form or a view sends. A final status (approved, rejected, withdrawn) has no way out.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from online_requests.models import RequestStatus

__all__ = [
    "FINAL",
    "OPEN",
    "RESIDENT",
    "STAFF",
    "TRANSITIONS",
    "IllegalTransition",
    "allowed_targets",
    "check",
]

S = RequestStatus
RESIDENT = "resident"
STAFF = "staff"

#: (from, to) -> who may make the change.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    # The resident submits their draft.
    (S.DRAFT, S.RECEIVED): frozenset({RESIDENT}),
    # Case work.
    (S.RECEIVED, S.IN_PROGRESS): frozenset({STAFF}),
    (S.RECEIVED, S.INFORMATION_REQUESTED): frozenset({STAFF}),
    (S.RECEIVED, S.APPROVED): frozenset({STAFF}),
    (S.RECEIVED, S.REJECTED): frozenset({STAFF}),
    (S.IN_PROGRESS, S.INFORMATION_REQUESTED): frozenset({STAFF}),
    (S.IN_PROGRESS, S.APPROVED): frozenset({STAFF}),
    (S.IN_PROGRESS, S.REJECTED): frozenset({STAFF}),
    # The resident's answer puts the request back into work; staff can do so too (the answer
    # came by phone or letter).
    (S.INFORMATION_REQUESTED, S.IN_PROGRESS): frozenset({STAFF, RESIDENT}),
    (S.INFORMATION_REQUESTED, S.APPROVED): frozenset({STAFF}),
    (S.INFORMATION_REQUESTED, S.REJECTED): frozenset({STAFF}),
    # Only the resident withdraws, at any time while the request is open.
    (S.RECEIVED, S.WITHDRAWN): frozenset({RESIDENT}),
    (S.IN_PROGRESS, S.WITHDRAWN): frozenset({RESIDENT}),
    (S.INFORMATION_REQUESTED, S.WITHDRAWN): frozenset({RESIDENT}),
}

OPEN = frozenset({S.RECEIVED, S.IN_PROGRESS, S.INFORMATION_REQUESTED})
FINAL = frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN})


class IllegalTransition(Exception):
    """A status change the state machine does not allow; ``str()`` is a message for people."""

    def __init__(self, from_status: str, to_status: str, who: str):
        self.from_status = from_status
        self.to_status = to_status
        self.who = who
        super().__init__(self.message)

    @property
    def message(self) -> str:
        labels = dict(S.choices)
        if (self.from_status, self.to_status) in TRANSITIONS:
            if self.who == STAFF:
                text = _("Only the applicant can change a request from “%(from)s” to “%(to)s”.")
            else:
                text = _("Only a case worker can change a request from “%(from)s” to “%(to)s”.")
            return text % {"from": labels.get(self.from_status), "to": labels.get(self.to_status)}
        if self.from_status in FINAL:
            return _("The request is already “%(from)s”; its status cannot change any more.") % {
                "from": labels.get(self.from_status)
            }
        return _("A request cannot go from “%(from)s” to “%(to)s”.") % {
            "from": labels.get(self.from_status, self.from_status),
            "to": labels.get(self.to_status, self.to_status),
        }


def check(from_status: str, to_status: str, *, who: str) -> None:
    """Raise :class:`IllegalTransition` unless ``who`` may make this change."""
    if who not in TRANSITIONS.get((from_status, to_status), frozenset()):
        raise IllegalTransition(from_status, to_status, who)


def allowed_targets(from_status: str, *, who: str) -> list[str]:
    """The statuses ``who`` may move a request in ``from_status`` to (in choice order)."""
    return [
        value for value in S.values if who in TRANSITIONS.get((from_status, value), frozenset())
    ]

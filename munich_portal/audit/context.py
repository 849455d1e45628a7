"""The processing context: who processes personal data right now, for which purpose and where.

History rows (purpose, request id, acting user, change reason) and data-use events take their
defaults from the current context, so code that changes or reads personal data rarely passes them
by hand::

    from munich_portal.audit.context import SYSTEM, processing_context

    with processing_context(actor=SYSTEM, purpose="retention", channel="system"):
        ...

Contexts nest: an inner context changes only the values it names. The context lives in a
:mod:`contextvars` variable, so threads and asynchronous tasks each see their own.

For every request :class:`munich_portal.audit.middleware.ProcessingContextMiddleware` opens a
context with a fresh request id (also sent as the ``X-Request-ID`` response header), the logged-in
user as the actor, the channel ``admin`` (under the admin) or ``web``, and the staff member's
purpose of work and case number from the session keys :data:`SESSION_PURPOSE_KEY` and
:data:`SESSION_CASE_NUMBER_KEY` (set them with :func:`set_work_purpose`). Outside a request (cron
jobs, management commands) there is no actor, which events record as the system.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

__all__ = [
    "SESSION_CASE_NUMBER_KEY",
    "SESSION_PURPOSE_KEY",
    "SYSTEM",
    "ProcessingContext",
    "clear_work_purpose",
    "current_context",
    "processing_context",
    "set_work_purpose",
    "work_purpose",
]

#: The actor of jobs that no person started (retention, e-mails sent by the system).
SYSTEM = "system"

#: Session keys holding a staff member's purpose of work and case number for their work session.
SESSION_PURPOSE_KEY = "audit_purpose"
SESSION_CASE_NUMBER_KEY = "audit_case_number"

_FIELDS = ("actor", "purpose", "case_number", "channel", "request_id", "department", "reason")


class ProcessingContext:
    """The values in force; read them as attributes (all strings except ``actor``).

    ``actor`` is a user, :data:`SYSTEM` or ``None`` (no one: treated as the system). A context
    opened for a request reads the purpose and case number from the session only when asked, so
    requests that touch no personal data do not load the session for it.
    """

    __slots__ = ("_request", "_values")

    def __init__(self, *, request=None, **values: Any):
        unknown = set(values) - set(_FIELDS)
        if unknown:
            raise TypeError(f"Unknown processing-context values: {', '.join(sorted(unknown))}")
        self._request = request
        self._values = values

    def derive(self, **values: Any) -> ProcessingContext:
        """A copy with ``values`` replacing this context's (``None`` values are ignored)."""
        merged = dict(self._values)
        merged.update({key: value for key, value in values.items() if value is not None})
        return ProcessingContext(request=self._request, **merged)

    @property
    def request(self):
        return self._request

    @property
    def actor(self):
        if "actor" in self._values:
            return self._values["actor"]
        if self._request is not None:
            return getattr(self._request, "user", None)
        return None

    @property
    def purpose(self) -> str:
        if self._values.get("purpose"):
            return self._values["purpose"]
        return self._session_value(SESSION_PURPOSE_KEY)

    @property
    def case_number(self) -> str:
        if self._values.get("case_number"):
            return self._values["case_number"]
        return self._session_value(SESSION_CASE_NUMBER_KEY)

    @property
    def channel(self) -> str:
        if self._values.get("channel"):
            return self._values["channel"]
        if self._request is not None:
            return "admin" if _is_admin_request(self._request) else "web"
        return "system"

    @property
    def request_id(self) -> str:
        return self._values.get("request_id") or ""

    @property
    def department(self) -> str:
        return self._values.get("department") or ""

    @property
    def reason(self) -> str:
        return self._values.get("reason") or ""

    def _session_value(self, key: str) -> str:
        session = getattr(self._request, "session", None)
        if session is None:
            return ""
        user = getattr(self._request, "user", None)
        # Only staff work under a purpose of work; a resident's session never carries one.
        if user is None or not getattr(user, "is_staff", False):
            return ""
        return str(session.get(key) or "")

    def __repr__(self):
        return f"ProcessingContext({self._values!r}, request={self._request is not None})"


_EMPTY = ProcessingContext()
_current: ContextVar[ProcessingContext] = ContextVar("audit_processing_context", default=_EMPTY)


def current_context() -> ProcessingContext:
    """The processing context in force (an empty one outside any)."""
    return _current.get()


@contextlib.contextmanager
def processing_context(
    *,
    actor: Any = None,
    purpose: str | None = None,
    case_number: str | None = None,
    channel: str | None = None,
    request_id: str | None = None,
    department: str | None = None,
    reason: str | None = None,
    request=None,
) -> Iterator[ProcessingContext]:
    """Open a context; values left ``None`` are inherited from the enclosing one.

    ``request`` is for the middleware: it makes the context read actor, purpose and case number
    from the request when they are not given.
    """
    if purpose:
        from munich_portal.audit import purposes

        purposes.get(purpose)  # an unknown code fails here, where it was written
    base = _current.get()
    if request is not None:
        base = ProcessingContext(request=request, **base._values)
    context = base.derive(
        actor=actor,
        purpose=purpose,
        case_number=case_number,
        channel=channel,
        request_id=request_id,
        department=department,
        reason=reason,
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def set_work_purpose(session, *, purpose: str, case_number: str = "") -> None:
    """Store a staff member's purpose of work (a register code) for their work session."""
    from munich_portal.audit import purposes

    purposes.get(purpose)
    session[SESSION_PURPOSE_KEY] = purpose
    session[SESSION_CASE_NUMBER_KEY] = case_number.strip()[:64]


def clear_work_purpose(session) -> None:
    session.pop(SESSION_PURPOSE_KEY, None)
    session.pop(SESSION_CASE_NUMBER_KEY, None)


def work_purpose(session) -> tuple[str, str]:
    """The session's ``(purpose code, case number)``; empty strings when none was chosen."""
    return (
        str(session.get(SESSION_PURPOSE_KEY) or ""),
        str(session.get(SESSION_CASE_NUMBER_KEY) or ""),
    )


def _is_admin_request(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "admin" in match.namespaces
    # Before URL resolution: the admin lives under /admin/ (and /en/admin/).
    return "/admin/" in request.path_info


# Defaults of the historical models' extra fields (they run when a history row is built).
def history_purpose() -> str:
    return current_context().purpose[:64]


def history_request_id() -> str:
    return current_context().request_id[:64]

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

The department a staff member acts for (its code, ``core.Department.code``) is
:func:`acting_department`: their only department (``core.StaffMembership``), or — with several —
the one they chose with their purpose of work (session key :data:`SESSION_DEPARTMENT_KEY`), if it
is still one of theirs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

__all__ = [
    "SESSION_CASE_NUMBER_KEY",
    "SESSION_DEPARTMENT_KEY",
    "SESSION_PURPOSE_KEY",
    "SYSTEM",
    "ProcessingContext",
    "acting_department",
    "clear_work_purpose",
    "current_context",
    "department_codes",
    "needs_department_choice",
    "processing_context",
    "set_work_purpose",
    "work_purpose",
]

#: The actor of jobs that no person started (retention, e-mails sent by the system).
SYSTEM = "system"

#: Session keys holding a staff member's purpose of work and case number for their work session.
SESSION_PURPOSE_KEY = "audit_purpose"
SESSION_CASE_NUMBER_KEY = "audit_case_number"
#: Session key of the department (its code) a staff member of several departments acts for.
SESSION_DEPARTMENT_KEY = "audit_department"

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
        """The acting department's code: given explicitly, else the actor's (see
        :func:`acting_department`)."""
        return self.department_for(self.actor)

    def department_for(self, actor) -> str:
        """The department ``actor`` acts for here: the context's explicit one, else theirs (an
        actor other than the context's — the system sending a mail — brings no department of the
        request's staff member)."""
        if self._values.get("department"):
            return self._values["department"]
        return acting_department(actor, request=self._request)

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


def set_work_purpose(session, *, purpose: str, case_number: str = "", department: str = "") -> None:
    """Store a staff member's purpose of work (a register code) for their work session, and the
    department (its code) they act for when they work for several."""
    from munich_portal.audit import purposes

    purposes.get(purpose)
    session[SESSION_PURPOSE_KEY] = purpose
    session[SESSION_CASE_NUMBER_KEY] = case_number.strip()[:64]
    if department:
        session[SESSION_DEPARTMENT_KEY] = department[:20]
    else:
        session.pop(SESSION_DEPARTMENT_KEY, None)


def clear_work_purpose(session) -> None:
    session.pop(SESSION_PURPOSE_KEY, None)
    session.pop(SESSION_CASE_NUMBER_KEY, None)
    session.pop(SESSION_DEPARTMENT_KEY, None)


def _is_staff_user(user) -> bool:
    return (
        user is not None
        and not isinstance(user, str)
        and getattr(user, "is_authenticated", False)
        and getattr(user, "pk", None) is not None
        and (getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))
    )


def department_codes(user) -> list[str]:
    """The codes of the departments ``user`` works for (``core.StaffMembership``), sorted; read
    once per user object (the request's user lives for one request)."""
    if not _is_staff_user(user):
        return []
    cached = getattr(user, "_audit_department_codes", None)
    if cached is None:
        from munich_portal.core.models import StaffMembership

        cached = sorted(
            StaffMembership.objects.filter(user_id=user.pk).values_list(
                "department__code", flat=True
            )
        )
        with contextlib.suppress(AttributeError):  # objects without a __dict__
            user._audit_department_codes = cached
    return cached


def acting_department(user, *, request=None) -> str:
    """The code of the department ``user`` acts for, or ``""``.

    One department: that one. Several: the one chosen with the purpose of work (in ``request``'s
    session, when ``user`` is the request's user) if it is still theirs; none chosen, none.
    """
    codes = department_codes(user)
    if not codes:
        return ""
    if len(codes) == 1:
        return codes[0]
    session = getattr(request, "session", None)
    request_user = getattr(request, "user", None)
    if session is None or getattr(request_user, "pk", None) != user.pk:
        return ""
    chosen = str(session.get(SESSION_DEPARTMENT_KEY) or "")
    return chosen if chosen in codes else ""


def needs_department_choice(request) -> bool:
    """Whether the request's staff member works for several departments and has not (validly)
    said which one they act for."""
    user = getattr(request, "user", None)
    return len(department_codes(user)) > 1 and not acting_department(user, request=request)


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

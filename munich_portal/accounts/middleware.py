"""Authentication from the session's own query (issue 17, round 2).

Replaces ``django.contrib.auth.middleware.AuthenticationMiddleware``. ``request.user`` is the
account :class:`munich_portal.accounts.sessions.SessionStore` read with the session, when

- the session's data names that account and an authentication backend that is still configured,
- the backend lets the account sign in (``user_can_authenticate``: it is active), and
- the session's hash matches the account's current one (a password change ends other sessions).

Anything else — no such account loaded, a hash made with an older secret key, a backend that is
gone — goes to Django's ``auth.get_user``, which decides exactly as it always has (and rotates or
flushes the session). So the fast path can only say yes where Django would.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, load_backend
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.models import AnonymousUser
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from munich_portal.accounts.sessions import session_user_id

__all__ = ["AuthenticationMiddleware", "get_user"]


def _loaded_user(request):
    """The account loaded with the session if Django would accept it; ``None`` to ask Django."""
    session = request.session
    user_id = session_user_id(session)  # reading the data loads the session (and the account)
    user = getattr(session, "loaded_user", None)
    if user_id is None or user is None or user.pk != user_id:
        return None
    backend_path = session.get(BACKEND_SESSION_KEY)
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    can_authenticate = getattr(load_backend(backend_path), "user_can_authenticate", None)
    if can_authenticate is None or not can_authenticate(user):
        return None
    session_hash = session.get(HASH_SESSION_KEY)
    if not session_hash or not constant_time_compare(session_hash, user.get_session_auth_hash()):
        return None
    return user


def get_user(request):
    if not hasattr(request, "_cached_user"):
        if session_user_id(request.session) is None:
            request._cached_user = AnonymousUser()
        else:
            request._cached_user = _loaded_user(request) or auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))

"""The session engine (``SESSION_ENGINE``): Django's database sessions, loaded with the account.

Django's database engine reads the session (one query), the authentication middleware then the
account (a second) and the apps what they keep per account (the display preferences: a third).
Under load each round trip costs more than the query itself, so here one query reads all three
(issue 17, round 2):

- :class:`munich_portal.accounts.models.Session` has the account as a column, written from the
  session's data on every save;
- :meth:`SessionStore.load` selects the session with its account and the account's one-to-one
  rows that apps registered with :func:`load_with_user` (``select_related``), and keeps the
  account as :attr:`SessionStore.loaded_user`;
- :class:`munich_portal.accounts.middleware.AuthenticationMiddleware` takes that account when the
  session's data names it and it passes Django's checks; otherwise Django's own ``get_user``
  runs, as before.
"""

from __future__ import annotations

import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

__all__ = ["SessionStore", "load_with_user", "session_user_id"]

_user_relations: list[str] = []


def load_with_user(relation: str) -> None:
    """Load the account's reverse one-to-one relation ``relation`` (its ``related_name``) with
    every session, in the same query. For apps' ``AppConfig.ready()``: an app above the kernel
    names its own relation, the kernel never imports it."""
    if relation not in _user_relations:
        _user_relations.append(relation)


def session_user_id(data: dict) -> int | None:
    """The account id in a session's data (``None``: nobody is signed in, or it is not a
    number)."""
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


class SessionStore(DatabaseSessionStore):
    #: The account read with the session (``None``: none, or not loaded yet).
    loaded_user = None

    @classmethod
    def get_model_class(cls):
        from munich_portal.accounts.models import Session

        return Session

    def create_model_instance(self, data):
        row = super().create_model_instance(data)
        row.user_id = session_user_id(data)
        return row

    def _get_session_from_db(self):
        relations = ["user", *(f"user__{name}" for name in _user_relations)]
        try:
            return self.model.objects.select_related(*relations).get(
                session_key=self.session_key, expire_date__gt=timezone.now()
            )
        except (self.model.DoesNotExist, SuspiciousOperation) as error:
            if isinstance(error, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
                logger.warning(str(error))
            self._session_key = None
            return None

    def load(self):
        row = self._get_session_from_db()
        self.loaded_user = row.user if row is not None else None
        return self.decode(row.session_data) if row is not None else {}

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
  runs, as before;
- the query is written once per process and prepared once per database connection
  (:class:`munich_portal.core.prepared.PreparedStatement`): planning its joins took PostgreSQL
  four times as long as running them, on every logged-in request (issue 17, round 4).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation
from django.db import connections, models, router
from django.utils import timezone

from munich_portal.core.prepared import PreparedStatement, loaded_instance

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


@dataclass(frozen=True)
class _Part:
    """One model of the session's query: its columns' range in the row and how to build it."""

    model: type[models.Model]
    fields: tuple[models.Field, ...]
    start: int
    #: For an account's one-to-one row: the relation (``None`` for the session and the account).
    relation: models.ForeignObjectRel | None = None

    def build(self, row, using: str):
        values = row[self.start : self.start + len(self.fields)]
        if self.relation is not None and values[0] is None:
            return None  # the account has no such row (LEFT JOIN)
        return loaded_instance(self.model, self.fields, values, using=using)


@dataclass(frozen=True)
class _Plan:
    statement: PreparedStatement
    session: _Part
    user: _Part
    companions: tuple[_Part, ...]


@cache
def _plan(session_model: type[models.Model], relations: tuple[str, ...], vendor: str) -> _Plan:
    """The session's query, written once per process: the session, its account and the account's
    registered one-to-one rows, joined. Hand-written rather than built by the ORM on every
    request: building and compiling the ``select_related`` query cost several times what the
    database needs to answer it."""
    user_model = get_user_model()
    ops = connections[router.db_for_read(session_model)].ops
    quote = ops.quote_name

    def columns(model, alias):
        fields = tuple(model._meta.concrete_fields)
        return fields, [f"{alias}.{quote(field.column)}" for field in fields]

    session_fields, select = columns(session_model, "s")
    user_fields, user_columns = columns(user_model, "u")
    session_part = _Part(session_model, session_fields, 0)
    user_part = _Part(user_model, user_fields, len(select))
    select += user_columns
    user_column = session_model._meta.get_field("user").column
    joins = [
        f"LEFT JOIN {quote(user_model._meta.db_table)} u "
        f"ON u.{quote(user_model._meta.pk.column)} = s.{quote(user_column)}"
    ]
    companions = []
    for number, name in enumerate(relations):
        relation = user_model._meta.get_field(name)
        if not relation.one_to_one or not relation.auto_created:
            raise ValueError(f"{name!r} is not a reverse one-to-one relation of the account")
        model, alias = relation.related_model, f"r{number}"
        fields, companion_columns = columns(model, alias)
        # The row's own primary key first: NULL when the account has no such row.
        pk_index = fields.index(model._meta.pk)
        fields = (fields[pk_index], *fields[:pk_index], *fields[pk_index + 1 :])
        companion_columns.insert(0, companion_columns.pop(pk_index))
        companions.append(_Part(model, fields, len(select), relation))
        select += companion_columns
        joins.append(
            f"LEFT JOIN {quote(model._meta.db_table)} {alias} "
            f"ON {alias}.{quote(relation.field.column)} = "
            f"u.{quote(relation.field.target_field.column)}"
        )
    # Only the models' own quoted table and column names go into the text; the key and the time
    # are parameters.
    sql = (
        f"SELECT {', '.join(select)} FROM {quote(session_model._meta.db_table)} s "  # noqa: S608
        + " ".join(joins)
        + f" WHERE s.{quote(session_model._meta.pk.column)} = %s"
        + f" AND s.{quote(session_model._meta.get_field('expire_date').column)} > %s"
    )
    return _Plan(PreparedStatement(sql), session_part, user_part, tuple(companions))


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
        try:
            row = self._read(self.session_key)
        except SuspiciousOperation as error:
            logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
            logger.warning(str(error))
            row = None
        if row is None:
            self._session_key = None
        return row

    def _read(self, session_key):
        """The session row with its account and the account's registered rows, or ``None``."""
        if not session_key:
            return None
        using = router.db_for_read(self.model)
        connection = connections[using]
        plan = _plan(self.model, tuple(_user_relations), connection.vendor)
        with connection.cursor() as cursor:
            plan.statement.execute(cursor, [session_key, timezone.now()])
            found = cursor.fetchone()
        if found is None:
            return None
        session = plan.session.build(found, using)
        user = plan.user.build(found, using) if session.user_id else None
        if user is not None:
            for part in plan.companions:
                companion = part.build(found, using)
                part.relation.set_cached_value(user, companion)
                if companion is not None:
                    part.relation.field.set_cached_value(companion, user)
        self.model.user.field.set_cached_value(session, user)
        return session

    def load(self):
        row = self._get_session_from_db()
        self.loaded_user = row.user if row is not None else None
        return self.decode(row.session_data) if row is not None else {}

"""Reads compiled once per process and run with each request's values (issue 17, round 3).

A resident's own pages run small queries: a few rows, an index lookup each in the database. Yet
Django builds every query anew per request — lookups, joins, the select list, the SQL text — and
for the home page's personal block that took longer in Python than the rest of the page. A
:class:`PreparedRead` builds its queryset once, with stand-in values (:data:`ANY_ID`,
:data:`ANY_MOMENT`), keeps the SQL and runs it with the request's own values in their places.

What it is for: fixed-shape reads of ``values()`` rows, parameterised only by ids, moments and
texts (the resident, "now", a page's slug). The stand-ins must not occur as anything else in the
statement; building it checks that each one does occur. What it is not for: filters whose shape
varies per request (a list whose length varies, an optional clause).

Rows come back as dicts keyed by the ``values()`` names, as the database returns them: no field
converters run (a datetime is an aware UTC datetime, a choice its stored value). Where a page
needs model instances, :func:`instance_from_row` builds one from a row that selected every
concrete field of the model, running the fields' converters as the ORM would.

The database keeps the plan too: each connection ``PREPARE``s the statement once and then
``EXECUTE``s it, so PostgreSQL does not plan it again for every request (after five runs it keeps
a generic plan when that is as good). For Meine Daten's count over every declared model, planning
took 7 ms, twice as long as running it. Prepared statements belong to a database session:
``DATABASE_PREPARED_STATEMENTS=false`` runs the SQL each time instead, as needed behind a pooler
in transaction mode (PgBouncer's ``pool_mode = transaction``).

The audit app's presence and count statements (``munich_portal.audit.selectors``) were the first
reads built this way; this is the same idea for any app. A statement written by hand once per
process (the session's read with its account, ``munich_portal.accounts.sessions``) is run the
same way through :class:`PreparedStatement`.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import IntegerField, Model, QuerySet, Subquery

__all__ = [
    "ANY_ID",
    "ANY_MOMENT",
    "ANY_OTHER_ID",
    "ANY_TEXT",
    "CountOf",
    "PreparedRead",
    "PreparedStatement",
    "Reading",
    "deallocate_all",
    "instance_from_row",
    "loaded_instance",
    "model_columns",
    "read_together",
]

#: The stand-in for an id: never a primary key (ids are positive).
ANY_ID = -2_000_000_019
#: The stand-in for a second id of the same read (each stand-in must be a value of its own).
ANY_OTHER_ID = -2_000_000_023
#: The stand-in for a text (a slug): no page's address has it.
ANY_TEXT = "portal-prepared-stand-in-9c41e7"
#: The stand-in for a moment: before any data the portal holds.
ANY_MOMENT = dt.datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=dt.UTC)


#: The names of this process's statements (``PREPARE`` names are per database session).
_names = itertools.count(1)
#: Per database connection (psycopg's, kept by the pool across requests): the statements it has
#: prepared. A connection the pool replaces starts empty.
_prepared: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
_prepared_lock = threading.Lock()
#: Django's placeholders and escaped percent signs, in the order they occur.
_PLACEHOLDER = re.compile(r"%s|%%")


def _positional(sql: str) -> str:
    """Django's ``%s`` placeholders as PostgreSQL's ``$1``, ``$2``, …"""
    numbers = itertools.count(1)
    return _PLACEHOLDER.sub(lambda m: f"${next(numbers)}" if m.group() == "%s" else "%", sql)


class CountOf(Subquery):
    """``(SELECT count(*) FROM (subquery))``: how many rows a subquery has, as one column."""

    template = "(SELECT count(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


class PreparedStatement:
    """One SQL statement with Django's ``%s`` placeholders, fixed for the process: each database
    connection ``PREPARE``s it once and then ``EXECUTE``s it (or, with
    ``DATABASE_PREPARED_STATEMENTS=false``, runs the SQL each time)."""

    def __init__(self, sql: str):
        self.sql = sql
        self._name = f"portal_read_{next(_names)}"

    def execute(self, cursor, arguments: list[Any]) -> None:
        """Run the statement on Django's ``cursor`` with ``arguments``."""
        if not settings.DATABASE_PREPARED_STATEMENTS:
            cursor.execute(self.sql, arguments)
            return
        self.prepare(cursor)
        cursor.execute(self.call(len(arguments)), arguments)

    def prepare(self, cursor) -> None:
        """``PREPARE`` the statement on ``cursor``'s connection unless it has been."""
        with _prepared_lock:
            done = _prepared.setdefault(connection.connection, set())
        if self._name not in done:
            cursor.execute(f"PREPARE {self._name} AS {_positional(self.sql)}")
            done.add(self._name)

    def call(self, count: int) -> str:
        """The ``EXECUTE`` of the prepared statement with ``count`` placeholders."""
        placeholders = ", ".join(["%s"] * count)
        return f"EXECUTE {self._name} ({placeholders})" if count else f"EXECUTE {self._name}"


class PreparedRead:
    """A ``values()`` queryset built once per process by ``build(**stand_ins)``.

    ``PreparedRead(build, user=ANY_ID, now=ANY_MOMENT).rows(user=7, now=now)`` runs the same
    statement as ``build(user=7, now=now)`` would, without building it.
    """

    def __init__(self, build: Callable[..., QuerySet], **stand_ins: Any):
        self._build = build
        self._stand_ins = stand_ins

    @functools.cached_property
    def _statement(self) -> tuple[str, tuple[Any, ...], tuple[str | None, ...]]:
        """The SQL, its parameters, and for each parameter the name of the value it stands in
        for (``None``: a constant of the statement)."""
        sql, params = self._build(**self._stand_ins).query.sql_with_params()
        slots = tuple(
            next(
                (
                    name
                    for name, stand_in in self._stand_ins.items()
                    # isinstance: a bigint column's value comes as psycopg's Int8 (an int).
                    if isinstance(value, type(stand_in)) and value == stand_in
                ),
                None,
            )
            for value in params
        )
        unused = set(self._stand_ins) - set(slots)
        if unused:
            raise ValueError(f"the statement does not use {sorted(unused)}")
        return sql, tuple(params), slots

    @functools.cached_property
    def _prepared(self) -> PreparedStatement:
        return PreparedStatement(self._statement[0])

    def arguments(self, values: dict[str, Any]) -> list[Any]:
        """The statement's parameters with ``values`` (one for each stand-in) in their places."""
        if set(values) != set(self._stand_ins):
            raise TypeError(f"expected values for {sorted(self._stand_ins)}, got {sorted(values)}")
        _sql, params, slots = self._statement
        return [values[slot] if slot else value for value, slot in zip(params, slots, strict=True)]

    def rows(self, **values: Any) -> list[dict[str, Any]]:
        """The statement's rows for ``values`` (one for each stand-in)."""
        arguments = self.arguments(values)
        with connection.cursor() as cursor:
            self._prepared.execute(cursor, arguments)
            return self.fetched(cursor)

    def fetched(self, cursor) -> list[dict[str, Any]]:
        """The rows of the statement just run on ``cursor``, as dicts. The columns' names are
        read from the cursor once per process: psycopg builds an object per column each time its
        description is read (for Meine Daten's 49 columns, a tenth of the view's time)."""
        names = self.__dict__.get("_names")
        if names is None:
            names = self.__dict__["_names"] = tuple(column.name for column in cursor.description)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def row(self, **values: Any) -> dict[str, Any] | None:
        """The first row (``None`` if there is none)."""
        rows = self.rows(**values)
        return rows[0] if rows else None


@dataclass(frozen=True)
class Reading[T]:
    """A :class:`PreparedRead` with its values and what its rows become (``finish``): a page's
    read that can wait to run with the page's other reads in one round trip
    (:func:`read_together`), or run alone (:meth:`result`)."""

    read: PreparedRead
    values: dict[str, Any]
    finish: Callable[[list[dict[str, Any]]], T]

    def result(self) -> T:
        return self.finish(self.read.rows(**self.values))


def read_together(*readings: Reading) -> list[Any]:
    """The results of ``readings``, in their order, from one round trip to the database.

    A page that shows several apps' reads (Mein Konto: registrations, ideas, requests,
    appointments, sign-in methods) waited for the database once per read, and under load every
    wait is also a wait for the processor (issue 17, round 7). Here the reads' ``EXECUTE``s go
    to the database as one query text, and their results are read one after the other. A
    statement this connection has not prepared yet is prepared first (once per connection);
    with ``DATABASE_PREPARED_STATEMENTS=false`` the statements' SQL is sent instead.
    """
    if not readings:
        return []
    texts: list[str] = []
    arguments: list[Any] = []
    prepared = settings.DATABASE_PREPARED_STATEMENTS
    with connection.cursor() as cursor:
        for reading in readings:
            values = reading.read.arguments(reading.values)
            statement = reading.read._prepared
            if prepared:
                statement.prepare(cursor)
                texts.append(statement.call(len(values)))
            else:
                texts.append(statement.sql)
            arguments += values
        cursor.execute("; ".join(texts), arguments)
        results = []
        for index, reading in enumerate(readings):
            if index:
                cursor.nextset()
            results.append(reading.finish(reading.read.fetched(cursor)))
    return results


def deallocate_all() -> None:
    """Drop the prepared statements of this thread's open database connection: its next reads
    prepare theirs again, as on a new connection (the tests start each test so, whatever the
    tests before it ran on the same connection)."""
    raw = connection.connection
    if raw is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with _prepared_lock:
        _prepared.pop(raw, None)


def model_columns(model: type[Model], prefix: str = "") -> list[str]:
    """The ``values()`` names of ``model``'s concrete fields (``prefix``: through a relation,
    e.g. ``"process__"``), for :func:`instance_from_row`."""
    return [f"{prefix}{field.attname}" for field in model._meta.concrete_fields]


def instance_from_row[M: Model](model: type[M], row: dict[str, Any], prefix: str = "") -> M:
    """A ``model`` instance, as loaded from the database, from a row of :func:`model_columns`."""
    fields = model._meta.concrete_fields
    return loaded_instance(model, fields, [row[key] for key in _row_keys(model, prefix)])


@functools.cache
def _row_keys(model: type[Model], prefix: str) -> tuple[str, ...]:
    return tuple(model_columns(model, prefix))


def loaded_instance[M: Model](
    model: type[M], fields, values, *, using: str = DEFAULT_DB_ALIAS
) -> M:
    """A ``model`` instance as the ORM loads one: ``values`` of its concrete ``fields`` (in any
    order) run through the fields' database converters."""
    plan = _load_plan(model, fields, using)
    database = connections[using]
    ordered = [values[index] for index in plan.order]
    for position, field, converters in plan.converters:
        value = ordered[position]
        for convert in converters:
            value = convert(value, field, database)
        ordered[position] = value
    return model.from_db(using, plan.names, ordered)


@dataclass(frozen=True)
class _LoadPlan:
    #: The fields' names in the model's order, and where each value is in the given order.
    names: tuple[str, ...]
    order: tuple[int, ...]
    #: (position in ``names``, field, its converters) for the fields that have any.
    converters: tuple[tuple[int, Any, tuple], ...]


#: Per model, field sequence and database: the plan of :func:`loaded_instance`. The ORM works
#: the converters out once per query; here a page's rows and every request's session share them
#: (issue 17, round 7). Keyed by the sequence's identity (a model's ``concrete_fields``, a
#: statement's columns: kept for the process), which the entry holds on to.
_plans: dict[tuple[int, int, str], tuple[Any, _LoadPlan]] = {}


def _load_plan(model: type[Model], fields, using: str) -> _LoadPlan:
    key = (id(model), id(fields), using)
    entry = _plans.get(key)
    if entry is not None and entry[0] is fields:
        return entry[1]
    position = {field.attname: index for index, field in enumerate(fields)}
    concrete = [field for field in model._meta.concrete_fields if field.attname in position]
    database = connections[using]
    plan = _LoadPlan(
        names=tuple(field.attname for field in concrete),
        order=tuple(position[field.attname] for field in concrete),
        converters=tuple(
            (index, field, tuple(field.get_db_converters(database)))
            for index, field in enumerate(concrete)
            if field.get_db_converters(database)
        ),
    )
    if len(_plans) < 1000:
        _plans[key] = (fields, plan)
    return plan

"""The guard against writes that bypass the change history.

``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()`` write rows without sending the
signals django-simple-history records history from. Declared models therefore get a queryset class
(:class:`AuditedQuerySet`) whose bulk writes raise :class:`UntrackedWriteError` and name the
helper to use instead (:mod:`munich_portal.audit.actions`):

- ``queryset.update(...)`` → ``update_with_history(queryset, **values)``
- ``Model.objects.bulk_create(objs)`` → ``bulk_create_with_history(objs, model=Model)``
- ``Model.objects.bulk_update(objs, fields)`` → ``bulk_update_with_history(objs, fields, ...)``

``queryset.delete()`` stays allowed: Django's deletion collector sends ``post_delete`` for every row
of a model that has receivers, and simple-history records a deletion row for each.

:func:`guard_model` applies the queryset class to a model's managers when they use Django's plain
``QuerySet`` (the usual case); a manager with a custom queryset must derive it from
:class:`AuditedQuerySet` itself. Reverse-relation managers (``user.foo_set``) are built from the
guarded manager class and are guarded too. The model's ``_base_manager``, which Django uses
internally for saves, is not — it never calls ``update()``.
"""

from __future__ import annotations

import contextlib
import copy
from contextvars import ContextVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models

__all__ = ["AuditedQuerySet", "UntrackedWriteError", "allow_untracked_writes", "guard_model"]

_allowed: ContextVar[bool] = ContextVar("audit_untracked_writes_allowed", default=False)


class UntrackedWriteError(RuntimeError):
    """A bulk write on a declared model that would leave no history."""


@contextlib.contextmanager
def allow_untracked_writes():
    """Let bulk writes through; only for the history helpers, which write the history themselves."""
    token = _allowed.set(True)
    try:
        yield
    finally:
        _allowed.reset(token)


def _refuse(model, method: str, helper: str):
    raise UntrackedWriteError(
        f"{model._meta.label}.{method}() would change personal data without a history row. "
        f"Use munich_portal.audit.actions.{helper} instead."
    )


class AuditedQuerySet(models.QuerySet):
    """A queryset whose untracked bulk writes raise :class:`UntrackedWriteError`."""

    def update(self, **kwargs):
        if not _allowed.get():
            _refuse(self.model, "update", "update_with_history(queryset, **values)")
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        if not _allowed.get():
            _refuse(self.model, "bulk_create", "bulk_create_with_history(objs, model=Model)")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if not _allowed.get():
            _refuse(self.model, "bulk_update", "bulk_update_with_history(objs, fields)")
        return super().bulk_update(objs, fields, *args, **kwargs)


_guarded_classes: dict[type, type] = {}


def _guarded_manager_class(manager_class: type) -> type:
    """A subclass using :class:`AuditedQuerySet`, under the original's name and module.

    The same name and module make ``Manager.deconstruct()`` point to the original class, so
    migrations neither change nor refer to this module.
    """
    guarded = _guarded_classes.get(manager_class)
    if guarded is None:

        def __eq__(self, other):
            # Equal to the original manager (the autodetector compares the migration's manager
            # with this one; Python asks the subclass first). BaseManager.__new__ sets
            # _constructor_args; django-stubs does not declare it.
            return isinstance(other, manager_class) and (
                self._constructor_args == other._constructor_args  # type: ignore[attr-defined]
            )

        guarded = type(
            manager_class.__name__,
            (manager_class,),
            {
                "_queryset_class": AuditedQuerySet,
                "__module__": manager_class.__module__,
                "__qualname__": manager_class.__qualname__,
                "__eq__": __eq__,
                "__hash__": manager_class.__hash__,
                "_audit_guarded": True,
            },
        )
        _guarded_classes[manager_class] = guarded
    return guarded


def guard_model(model) -> None:
    """Make every manager of ``model`` return an :class:`AuditedQuerySet`."""
    local = {manager.name: manager for manager in model._meta.local_managers}
    for manager in model._meta.managers:
        queryset_class = manager._queryset_class
        if issubclass(queryset_class, AuditedQuerySet):
            continue
        if queryset_class is not models.QuerySet:
            raise ImproperlyConfigured(
                f"{model._meta.label}.{manager.name} uses the queryset "
                f"{queryset_class.__qualname__}; derive it from "
                "munich_portal.audit.guard.AuditedQuerySet so bulk writes keep history."
            )
        guarded_class = _guarded_manager_class(type(manager))
        if manager.name in local:
            local[manager.name].__class__ = guarded_class
        else:
            # Inherited from an abstract parent: give this model its own guarded copy.
            own = copy.copy(manager)
            own.__class__ = guarded_class
            model.add_to_class(manager.name, own)
    model._meta._expire_cache()

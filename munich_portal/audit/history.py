"""Change history for declared models: django-simple-history with the portal's audit fields.

:func:`track_history` registers a model with simple-history (the registry calls it for every
declaration). Each history row holds, besides the tracked fields:

- ``history_user_id`` — the acting user's id as a plain integer: no foreign key, so neither deleting
  a user cascades into history nor does history keep a user row alive;
- ``history_change_reason`` — the instance's ``_change_reason`` or the processing context's reason;
- ``purpose`` and ``request_id`` — from the processing context (:mod:`munich_portal.audit.context`),
  filled through field defaults so that rows written by ``bulk_history_create`` get them too.

Fields that hold secrets (password hashes, TOTP seeds) or only churn (``last_login``) are excluded
from history by the declaration; a save that changes nothing but excluded fields writes no row.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from simple_history.models import HistoricalRecords

from munich_portal.audit.context import current_context, history_purpose, history_request_id

__all__ = ["AuditedHistoricalModel", "track_history"]


class AuditedHistoricalModel(models.Model):
    """Abstract base of every declared model's historical model."""

    purpose = models.CharField(max_length=64, blank=True, default=history_purpose)
    request_id = models.CharField(max_length=64, blank=True, default=history_request_id)

    class Meta:
        abstract = True


def history_user_from_context(instance=None, request=None, **kwargs):
    """The acting user: the request's (set by simple-history's middleware) or the context's."""
    if request is not None:
        return request.user
    actor = current_context().actor
    if actor is not None and getattr(actor, "is_authenticated", False) and actor.pk is not None:
        return actor
    return None


def _get_history_user(historical_instance):
    if historical_instance.history_user_id is None:
        return None
    return get_user_model()._default_manager.filter(pk=historical_instance.history_user_id).first()


def _set_history_user(historical_instance, user):
    historical_instance.history_user_id = getattr(user, "pk", None)


class AuditedHistoricalRecords(HistoricalRecords):
    """simple-history's records with the context's change reason and no rows for excluded churn."""

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or (
            current_context().reason or None
        )

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


def track_history(model, *, app_label: str | None = None, excluded_fields=()) -> type:
    """Register ``model`` with simple-history and return its historical model.

    ``app_label`` puts the historical model into another app (the audit app, for models of
    third-party apps whose migrations we cannot add to); by default it joins the model's own app.
    """
    if hasattr(model._meta, "simple_history_manager_attribute"):
        history_model = getattr(model, model._meta.simple_history_manager_attribute).model
        if not issubclass(history_model, AuditedHistoricalModel):
            raise ImproperlyConfigured(
                f"{model._meta.label} already has HistoricalRecords(); remove it and let the "
                "personal-data declaration register the history with the audit fields."
            )
        return history_model

    records = AuditedHistoricalRecords(
        bases=[AuditedHistoricalModel],
        excluded_fields=list(excluded_fields),
        # A big integer like the user model's primary key; no foreign key (see module docs).
        history_user_id_field=models.BigIntegerField(null=True, blank=True, db_index=True),
        history_user_getter=_get_history_user,
        history_user_setter=_set_history_user,
        get_user=history_user_from_context,
        app=app_label,
    )
    # What simple_history.register() does, except the module: its ``app`` argument must be both an
    # app label and an importable module, and "audit" is not a top-level package.
    records.manager_name = "history"
    records.table_name = None
    if app_label is not None:
        from django.apps import apps

        records.module = f"{apps.get_app_config(app_label).name}.models"
    else:
        records.module = model.__module__
    records.cls = model
    records.add_extra_methods(model)
    records.finalize(model)
    return model.history.model

"""Stored values as a resident reads them: the one formatter of Meine Daten (issue 14).

The page, the printable document and the PDF show every record and every change through
:func:`plain_text`; :func:`field_value` and :func:`stored_value` turn what a row or a history row
holds into the value it means (a choice's label, a related record, what the declaration's
``shown_as`` hook says) before that.

- times in Munich's time zone (Europe/Berlin, whatever zone is active) in the active language's
  format;
- a choice as its label in the active language, a yes/no as "Ja"/"Nein" ("Yes"/"No");
- a list of ``(label, value)`` pairs (the answers of an online request) as "label: value" lines,
  a dict the same way (never its Python form);
- nothing as "—".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.db import models
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from munich_portal.core.timezone import MUNICH

__all__ = ["EMPTY", "field_value", "pairs_of", "plain_text", "stored_value"]

#: What an empty value reads as.
EMPTY = "—"


def pairs_of(value: Any) -> list[tuple[str, Any]] | None:
    """``value`` as ``(label, value)`` pairs: a mapping or a list of pairs (else ``None``)."""
    if isinstance(value, Mapping):
        return [(str(key), item) for key, item in value.items()]
    if isinstance(value, (list, tuple)) and all(
        isinstance(item, (list, tuple)) and len(item) == 2 for item in value
    ):
        return [(str(label), item) for label, item in value]
    return None


def plain_text(value: Any) -> str:
    """``value`` in words (see the module documentation); several lines for pairs."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return capfirst(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, MUNICH)
        return format_date(value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return format_date(value, "DATE_FORMAT")
    if isinstance(value, Promise):
        return str(value)
    pairs = pairs_of(value)
    if pairs is not None:
        if not pairs:
            return EMPTY
        return "\n".join(
            _("%(field)s: %(value)s") % {"field": capfirst(label), "value": plain_text(item)}
            for label, item in pairs
        )
    return str(value)


_CHOICE_LABELS: dict[models.Field, dict] = {}


def _choice_labels(model_field: models.Field) -> dict:
    """``{code: label}`` of a field's choices, built once per process (the labels stay lazy, so
    they are translated when shown). ``get_FOO_display()`` rebuilds it on every call, hashing
    every label, which translates each: a page of 200 records spent a quarter of its time there.
    """
    labels = _CHOICE_LABELS.get(model_field)
    if labels is None:
        labels = _CHOICE_LABELS[model_field] = dict(model_field.flatchoices)
    return labels


def stored_value(model_field: models.Field, value: Any) -> Any:
    """What a stored (history) value of ``model_field`` means: a choice's label for its code."""
    if model_field.choices and value not in (None, ""):
        return _choice_labels(model_field).get(value, value)
    return value


def field_value(row: models.Model, model_field: models.Field, shown_as=None) -> Any:
    """The value of ``model_field`` of ``row`` as Meine Daten shows it (before :func:`plain_text`).

    ``shown_as`` (the declaration's hook for this field, ``row -> value``) comes first; then a
    choice's label, a related record's text, or the value itself.
    """
    if shown_as is not None:
        return shown_as(row)
    value = getattr(row, model_field.attname)
    if model_field.choices:
        # As get_FOO_display(): the label of a known code, else the stored value.
        try:
            return _choice_labels(model_field).get(value, value)
        except TypeError:  # an unhashable value (a list in a JSON field) is no code
            return value
    if model_field.is_relation and value is not None:
        related = getattr(row, model_field.name, None)
        return str(related) if related is not None else value
    return value

"""Declaring personal data: the one way an app tells the portal which models hold personal data.

Declare a model of your own app with the class decorator, right where the model is defined::

    from datetime import timedelta

    from munich_portal.audit.registry import personal_data, placeholder_email


    @personal_data(
        subject="applicant",  # path from a row to the data subject's user ("." = the user itself)
        fields=["name", "street", "phone", "email"],  # anonymised by field type on erasure
        purposes=["casework"],  # codes from munich_portal.audit.purposes
        retention=timedelta(days=3 * 365),
        retention_anchor="closed_at",  # the clock starts here; rows with NULL never expire
    )
    class Request(models.Model): ...

and a model of a third-party app with :func:`declare` (from the audit app's ``declarations``
module, so its history lives in the audit app's migrations).

Declaring a model

- registers django-simple-history on it (:func:`munich_portal.audit.history.track_history`) — run
  ``makemigrations`` for the app afterwards;
- guards its managers against untracked bulk writes (:mod:`munich_portal.audit.guard`);
- makes erasure (:func:`munich_portal.audit.actions.erase_subject`), retention
  (:func:`munich_portal.audit.actions.enforce_retention`), Meine Daten
  (:mod:`munich_portal.audit.selectors`) and the processing register cover it.

``fields`` is a list of field names (anonymised by their type: ``""`` for text, ``None`` when the
field is nullable, ``erased-<pk>@invalid`` for unique e-mail fields, ``erased-<pk>`` for other
unique text) or a dict from name to an :class:`Anonymiser` (:func:`blank`, :func:`null`,
:func:`placeholder`, :func:`placeholder_email`, :func:`constant`) or to a plain value. A field that
cannot be anonymised by type (a non-nullable date, say) must be given explicitly.

``subject`` is a field path or a callable ``subject(user) -> Q`` selecting the user's rows. With a
callable, history rows of rows that no longer exist cannot be found, and retention writes only the
batch event (it cannot name each resident); prefer a path.

``retention_anchor`` is a date/datetime field path, a query expression (e.g. ``Coalesce(...)``),
or a callable ``anchor(row) -> datetime`` (evaluated row by row: slow). ``retention=None`` means no
automatic deletion (accounts are kept until deleted).

``on_erasure`` is ``"anonymise"`` (default), ``"delete"`` or a callable ``hook(erasure)`` receiving
an :class:`Erasure`; ``on_retention`` is ``"anonymise"`` or ``"delete"`` (default: like
``on_erasure``). ``also_set`` gives non-personal fields a value on erasure (e.g. ``is_active``).
``shown_fields`` are the fields Meine Daten shows (default: the personal fields); secrets belong in
``history_exclude`` and never in ``shown_fields``. ``shown_as`` maps a shown field to a function
``row -> value`` for a field whose stored value means nothing to a resident by itself (a slot: its
start time; a JSON of answers: ``(label, value)`` pairs), used for the record and its changes;
:mod:`munich_portal.audit.values` puts the value into words. ``history=False`` is only for models
that are themselves logs (the admin's action log).

``match`` says how a person without an account is found in the model's rows (a rights request,
``munich_portal.audit.finders``): a dict with any of the keys ``"name"`` (a field, or a tuple of
fields joined by a space: ``("first_name", "last_name")``), ``"email"``, ``"phone"`` (a field) and
``"address"`` (a pair ``(street_field, postal_code_field)``). A row matches when its name and one of
e-mail, phone or address match the request's (normalised: case, whitespace, phone digits); a model
without ``"name"`` (the outbox's e-mails) matches only on an e-mail address, phone or address that
a name-matched row of another model confirmed.

Files: erasure (and retention) delete the stored files of the rows they delete — every
``FileField`` — and of the personal ``FileField`` s of rows they anonymise, once the transaction
commits. A model that keeps files outside FileFields (a storage name in a text column) names them
with ``stored_files``: a function ``row -> iterable of callables`` that each delete one file.

Models that match the personal-data heuristics of the test suite (a foreign key to the user, a field
named like e-mail, name, address, phone, IBAN or birth) but hold no personal data are marked with
:func:`not_personal_data` and a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast, Concat

from munich_portal.audit import purposes as purpose_register

__all__ = [
    "Anonymiser",
    "Declaration",
    "Erasure",
    "add_purposes",
    "blank",
    "constant",
    "declaration_for",
    "declarations",
    "declare",
    "declare_task_argument",
    "is_declared",
    "not_personal_data",
    "not_personal_reason",
    "null",
    "personal_data",
    "placeholder",
    "placeholder_email",
    "task_arguments",
]


# --- Anonymisers ----------------------------------------------------------------------------------


class Anonymiser:
    """How one personal field is overwritten on erasure.

    ``value(pk)`` gives the new value for the row with primary key ``pk``; ``expression(pk_name)``
    the same as a query expression for one UPDATE over many history rows (``None``: row by row).
    ``is_anonymised_q(name)`` recognises rows that were already anonymised (``None``: cannot tell).
    """

    def value(self, pk):
        raise NotImplementedError

    def expression(self, pk_name: str):
        return None

    def is_anonymised_q(self, name: str) -> Q | None:
        return None


class _Constant(Anonymiser):
    def __init__(self, value):
        self._value = value

    def value(self, pk):
        return self._value

    def expression(self, pk_name):
        # Scalars only: a dict for a JSON field needs the field's own adaptation, row by row.
        if isinstance(self._value, (str, int, bool)):
            return models.Value(self._value)
        return None

    def is_anonymised_q(self, name):
        if self._value is None:
            return Q(**{f"{name}__isnull": True})
        return Q(**{name: self._value})

    def __repr__(self):
        return f"constant({self._value!r})"


class _Null(_Constant):
    def __init__(self):
        super().__init__(None)

    def expression(self, pk_name):
        return models.Value(None)


class _Placeholder(Anonymiser):
    def __init__(self, template: str):
        if template.count("{pk}") != 1:
            raise ValueError("A placeholder template contains {pk} exactly once.")
        self.template = template
        self.prefix, self.suffix = template.split("{pk}")

    def value(self, pk):
        return self.template.format(pk=pk)

    def expression(self, pk_name):
        return Concat(
            models.Value(self.prefix),
            Cast(pk_name, models.TextField()),
            models.Value(self.suffix),
            output_field=models.TextField(),
        )

    def is_anonymised_q(self, name):
        return Q(**{f"{name}__startswith": self.prefix, f"{name}__endswith": self.suffix})

    def __repr__(self):
        return f"placeholder({self.template!r})"


class _Computed(Anonymiser):
    def __init__(self, function: Callable[[Any], Any]):
        self.function = function

    def value(self, pk):
        return self.function(pk)


def blank() -> Anonymiser:
    """The empty string."""
    return _Constant("")


def null() -> Anonymiser:
    """``NULL`` (the field must be nullable)."""
    return _Null()


def constant(value) -> Anonymiser:
    """A fixed value."""
    return _Constant(value)


def placeholder(template: str = "erased-{pk}") -> Anonymiser:
    """A per-row value such as ``erased-42``: keeps unique constraints satisfied."""
    return _Placeholder(template)


def placeholder_email() -> Anonymiser:
    """``erased-<pk>@invalid``: unique, and ``.invalid`` can never receive mail (RFC 2606)."""
    return _Placeholder("erased-{pk}@invalid")


def _default_anonymiser(model, model_field) -> Anonymiser:
    label = f"{model._meta.label}.{model_field.name}"
    if model_field.primary_key:
        raise ImproperlyConfigured(f"{label}: a primary key cannot be a personal field.")
    if isinstance(model_field, models.EmailField) and model_field.unique:
        return placeholder_email()
    if isinstance(model_field, (models.CharField, models.TextField)):
        if model_field.unique:
            return placeholder()
        return null() if model_field.null else blank()
    if isinstance(model_field, models.FileField):
        return blank()
    if model_field.null:
        return null()
    if isinstance(model_field, models.JSONField):
        return constant({})
    raise ImproperlyConfigured(
        f"{label} cannot be anonymised by its type; give an anonymiser, e.g. "
        f"fields={{'{model_field.name}': constant(...)}}."
    )


# --- Declarations ---------------------------------------------------------------------------------

ANONYMISE = "anonymise"
DELETE = "delete"
#: ``Erasure.contributions``: keep public contributions' text, anonymised.
KEEP = "keep"


@dataclass
class Erasure:
    """What an ``on_erasure`` hook gets: whose data, why, and what erasure touched so far.

    ``records`` maps every declared model's label to the primary keys of the rows being erased
    (collected before anything is changed; an empty list where there are none);
    ``personal_values`` holds the text values of those rows' personal fields (current and
    historical), for scrubbing free-text copies of them.

    ``user`` is the account being erased (``actions.erase_subject``) or ``None`` when specific
    rows of no account are erased (``actions.erase_records``: guests, paper sheets). A hook must
    therefore work from ``records`` (never ``rows_for(erasure.user)``), and do nothing for its
    label when the list is empty.
    """

    user: Any
    reason: str
    records: dict[str, list] = field(default_factory=dict)
    personal_values: set[str] = field(default_factory=set)
    #: What happens to the subject's public contributions (ideas, comments): ``DELETE`` them, or
    #: ``KEEP`` the text, anonymised (the resident's choice on the deletion page).
    contributions: str = "delete"


@dataclass(eq=False)
class Declaration:
    model: type[models.Model]
    subject: str | Callable
    fields: dict[str, Anonymiser]
    purposes: tuple[str, ...]
    legal_basis: str
    retention: timedelta | None
    retention_anchor: Any
    on_erasure: str | Callable
    on_retention: str | None
    also_set: dict[str, Any]
    shown_fields: tuple[str, ...]
    history_excluded: tuple[str, ...]
    history_enabled: bool
    guarded: bool
    # The legal basis the declaration named itself (else each purpose's own applies).
    legal_basis_override: str | None = None
    # How Meine Daten shows a shown field: ``row -> value`` (munich_portal.audit.values).
    shown_as: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    # How a person without an account is found in the rows (munich_portal.audit.finders).
    match: dict[str, Any] = field(default_factory=dict)
    # Files a row keeps outside FileFields: ``row -> callables`` that each delete one file.
    stored_files: Callable[[Any], Iterable[Callable[[], Any]]] | None = None

    @property
    def label(self) -> str:
        """``app_label.model_name``, as in data-use events' ``record_type``."""
        return self.model._meta.label_lower

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    @property
    def verbose_name_plural(self):
        return self.model._meta.verbose_name_plural

    @cached_property
    def history_model(self):
        if not self.history_enabled:
            return None
        # Cached: simple-history's descriptor builds a new manager class on every access.
        return self.model.history.model  # type: ignore[attr-defined]  # added by simple-history

    @property
    def is_user_model(self) -> bool:
        return self.subject == "."

    def model_field(self, name: str) -> models.Field:
        """The model's field ``name``, a personal or shown field (never a reverse relation)."""
        model_field = self.model._meta.get_field(name)
        assert isinstance(model_field, models.Field), f"{self.label}.{name} is no field"
        return model_field

    def attname(self, name: str) -> str:
        """The attribute name of the personal field ``name`` (``owner_id`` for ``owner``)."""
        return self.model_field(name).attname

    def purpose_objects(self) -> list[purpose_register.Purpose]:
        return [purpose_register.get(code) for code in self.purposes]

    # Finding the subject's rows.

    def subject_q(self, user) -> Q:
        user_pk = getattr(user, "pk", user)
        if callable(self.subject):
            return self.subject(user)
        if self.subject == ".":
            return Q(pk=user_pk)
        return Q(**{self.subject: user_pk})

    def rows_for(self, user) -> models.QuerySet:
        """The live rows about ``user``."""
        return self.model._base_manager.filter(self.subject_q(user))

    def history_rows_for(self, user=None, *, pks: Iterable = ()) -> models.QuerySet | None:
        """History rows of the rows with ``pks`` and, given a ``user`` and a path subject, of every
        row (also deleted ones) about that user."""
        history_model = self.history_model
        if history_model is None:
            return None
        pk_name = self.model._meta.pk.attname
        # A queryset stays a subquery (one statement instead of two).
        condition = Q(**{f"{pk_name}__in": pks if isinstance(pks, models.QuerySet) else list(pks)})
        if user is not None and not callable(self.subject):
            user_pk = getattr(user, "pk", user)
            if self.subject == ".":
                condition |= Q(**{pk_name: user_pk})
            else:
                condition |= Q(**{self.subject: user_pk})
        return history_model.objects.filter(condition)

    def subject_id_path(self) -> str | None:
        """The path to the subject's user id for ``values_list`` (``None`` for callables)."""
        if callable(self.subject):
            return None
        if self.subject == ".":
            return "pk"
        return self.subject

    def subject_id_of(self, row) -> int | None:
        """The user id of the data subject of ``row`` (``None`` if none or not reachable)."""
        if callable(self.subject):
            return None
        if self.subject == ".":
            return row.pk
        target = row
        parts = self.subject.split("__")
        for part in parts[:-1]:
            target = getattr(target, part, None)
            if target is None:
                return None
        last = parts[-1]
        model_field = _field_or_none(type(target), last)
        if model_field is not None and model_field.is_relation:
            return getattr(target, model_field.attname)
        value = getattr(target, last, None)
        return getattr(value, "pk", value)

    def personal_values_of(self, row) -> dict[str, Any]:
        return {name: getattr(row, self.attname(name)) for name in self.fields}

    def anonymised_values(self, pk) -> dict[str, Any]:
        """The values a row with ``pk`` gets on anonymisation (personal fields and ``also_set``)."""
        values = {
            self.attname(name): anonymiser.value(pk) for name, anonymiser in self.fields.items()
        }
        values.update(self.also_set)
        return values

    def not_yet_anonymised_q(self) -> Q | None:
        """Rows that still hold personal data (``None``: every row counts)."""
        conditions = []
        for name, anonymiser in self.fields.items():
            condition = anonymiser.is_anonymised_q(self.attname(name))
            if condition is None:
                return None
            conditions.append(condition)
        if not conditions:
            return None
        anonymised = conditions[0]
        for condition in conditions[1:]:
            anonymised &= condition
        return ~anonymised

    @property
    def retention_mode(self) -> str:
        if self.on_retention:
            return self.on_retention
        return self.on_erasure if isinstance(self.on_erasure, str) else ANONYMISE


_declarations: dict[type[models.Model], Declaration] = {}
_not_personal: dict[type[models.Model], str] = {}


def _field_or_none(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _check_path(model, path: str) -> None:
    target = model
    parts = path.split("__")
    for index, part in enumerate(parts):
        model_field = _field_or_none(target, part)
        if model_field is None:
            raise ImproperlyConfigured(f"{model._meta.label}: no field {path!r} ({part!r}).")
        if index < len(parts) - 1:
            if not model_field.is_relation:
                raise ImproperlyConfigured(
                    f"{model._meta.label}: {part!r} in {path!r} is no relation."
                )
            target = model_field.related_model


def _normalise_fields(model, fields) -> dict[str, Anonymiser]:
    if isinstance(fields, str):
        raise ImproperlyConfigured("fields is a list of field names or a dict, not a string.")
    items = fields.items() if isinstance(fields, dict) else ((name, None) for name in fields)
    normalised = {}
    for name, anonymiser in items:
        model_field = _field_or_none(model, name)
        if model_field is None or not model_field.concrete or model_field.many_to_many:
            raise ImproperlyConfigured(f"{model._meta.label} has no concrete field {name!r}.")
        if anonymiser is None:
            anonymiser = _default_anonymiser(model, model_field)
        elif callable(anonymiser) and not isinstance(anonymiser, Anonymiser):
            anonymiser = _Computed(anonymiser)
        elif not isinstance(anonymiser, Anonymiser):
            anonymiser = constant(anonymiser)
        normalised[model_field.name] = anonymiser
    return normalised


MATCH_KEYS = ("name", "email", "phone", "address")


def _normalise_match(model, match: dict[str, Any]) -> dict[str, Any]:
    """``match`` checked: known keys, existing fields; names always as a tuple of fields."""
    normalised: dict[str, Any] = {}
    for key, value in match.items():
        if key not in MATCH_KEYS:
            raise ImproperlyConfigured(f"{model._meta.label}: unknown match key {key!r}.")
        names = (value,) if isinstance(value, str) else tuple(value)
        if key == "address" and len(names) != 2:
            raise ImproperlyConfigured(
                f"{model._meta.label}: match address is (street_field, postal_code_field)."
            )
        if key in ("email", "phone") and len(names) != 1:
            raise ImproperlyConfigured(f"{model._meta.label}: match {key!r} is one field.")
        for name in names:
            if _field_or_none(model, name) is None:
                raise ImproperlyConfigured(f"{model._meta.label}: match field {name!r} missing.")
        normalised[key] = names if key in ("name", "address") else names[0]
    if match and set(normalised) == {"name"}:
        raise ImproperlyConfigured(
            f"{model._meta.label}: match needs an e-mail, phone or address field besides the name."
        )
    return normalised


def _legal_basis_of(codes: Iterable[str]) -> str:
    """The legal bases of the purposes ``codes``, each once."""
    return "; ".join(dict.fromkeys(purpose_register.get(code).legal_basis for code in codes))


def declare(
    model,
    *,
    subject: str | Callable,
    fields: Sequence[str] | dict[str, Any] = (),
    purposes: Sequence[str],
    legal_basis: str | None = None,
    retention: timedelta | None = None,
    retention_anchor: Any = None,
    on_erasure: str | Callable = ANONYMISE,
    on_retention: str | None = None,
    also_set: dict[str, Any] | None = None,
    shown_fields: Sequence[str] | None = None,
    shown_as: dict[str, Callable[[Any], Any]] | None = None,
    history: bool = True,
    history_exclude: Sequence[str] = (),
    history_app_label: str | None = None,
    guard: bool = True,
    match: dict[str, Any] | None = None,
    stored_files: Callable[[Any], Iterable[Callable[[], Any]]] | None = None,
) -> Declaration:
    """Declare ``model`` as personal data (see the module documentation for the arguments).

    ``history_app_label`` puts the historical model into another app: ``"audit"`` for third-party
    models, whose apps' migrations we cannot extend. ``guard=False`` leaves the managers alone —
    for third-party models whose own code uses bulk writes (documented limit).
    """
    if model in _declarations:
        raise ImproperlyConfigured(f"{model._meta.label} is declared twice.")
    if model in _not_personal:
        raise ImproperlyConfigured(f"{model._meta.label} is marked as holding no personal data.")
    if not purposes:
        raise ImproperlyConfigured(f"{model._meta.label}: name at least one purpose.")
    for code in purposes:
        try:
            purpose_register.get(code)
        except purpose_register.UnknownPurpose as error:
            raise ImproperlyConfigured(f"{model._meta.label}: {error}") from None
    if isinstance(subject, str) and subject != ".":
        _check_path(model, subject)
    elif not isinstance(subject, str) and not callable(subject):
        raise ImproperlyConfigured(f"{model._meta.label}: subject is a field path or a callable.")
    if on_erasure not in (ANONYMISE, DELETE) and not callable(on_erasure):
        raise ImproperlyConfigured(
            f"{model._meta.label}: on_erasure is anonymise, delete or a hook."
        )
    if on_retention not in (None, ANONYMISE, DELETE):
        raise ImproperlyConfigured(f"{model._meta.label}: on_retention is anonymise or delete.")
    if retention is not None:
        if not isinstance(retention, timedelta) or retention <= timedelta(0):
            raise ImproperlyConfigured(f"{model._meta.label}: retention is a positive timedelta.")
        if retention_anchor is None:
            raise ImproperlyConfigured(
                f"{model._meta.label}: a retention needs a retention_anchor."
            )
        if callable(on_erasure) and on_retention is None:
            raise ImproperlyConfigured(
                f"{model._meta.label}: with an erasure hook, say on_retention (anonymise/delete)."
            )
        if isinstance(retention_anchor, str):
            _check_path(model, retention_anchor)

    normalised = _normalise_fields(model, fields)
    shown = tuple(shown_fields) if shown_fields is not None else tuple(normalised)
    for name in shown:
        if _field_or_none(model, name) is None:
            raise ImproperlyConfigured(f"{model._meta.label}: shown field {name!r} does not exist.")
    for name, function in (shown_as or {}).items():
        if name not in shown or not callable(function):
            raise ImproperlyConfigured(
                f"{model._meta.label}: shown_as names shown fields and functions ({name!r})."
            )
    if stored_files is not None and not callable(stored_files):
        raise ImproperlyConfigured(f"{model._meta.label}: stored_files is a function of a row.")
    for name in also_set or {}:
        if _field_or_none(model, name) is None:
            raise ImproperlyConfigured(f"{model._meta.label}: also_set field {name!r} missing.")

    normalised_match = _normalise_match(model, match or {})

    basis = legal_basis or _legal_basis_of(purposes)
    declaration = Declaration(
        model=model,
        subject=subject,
        fields=normalised,
        purposes=tuple(purposes),
        legal_basis=basis,
        retention=retention,
        retention_anchor=retention_anchor,
        on_erasure=on_erasure,
        on_retention=on_retention,
        also_set=dict(also_set or {}),
        shown_fields=shown,
        history_excluded=tuple(history_exclude),
        history_enabled=history,
        guarded=guard,
        legal_basis_override=legal_basis,
        shown_as=dict(shown_as or {}),
        match=normalised_match,
        stored_files=stored_files,
    )
    if history:
        from munich_portal.audit.history import track_history

        track_history(model, app_label=history_app_label, excluded_fields=history_exclude)
    if guard:
        from munich_portal.audit.guard import guard_model

        guard_model(model)
    _declarations[model] = declaration
    return declaration


def add_purposes(model, codes: Iterable[str]) -> Declaration:
    """Add purpose ``codes`` to ``model``'s declaration (idempotent).

    For a kernel model whose rows serve the purposes of the apps above it, which name them when
    they register with it in ``AppConfig.ready()`` (the letters of ``munich_portal.messaging``):
    the kernel cannot name them when the model is declared. A legal basis the declaration did not
    name itself is the purposes' again.
    """
    declaration = declaration_for(model)
    if declaration is None:
        raise ImproperlyConfigured(f"{model._meta.label} is not declared.")
    for code in codes:
        try:
            purpose_register.get(code)
        except purpose_register.UnknownPurpose as error:
            raise ImproperlyConfigured(f"{model._meta.label}: {error}") from None
    declaration.purposes = tuple(dict.fromkeys((*declaration.purposes, *codes)))
    if declaration.legal_basis_override is None:
        declaration.legal_basis = _legal_basis_of(declaration.purposes)
    return declaration


def personal_data(**options) -> Callable[[type], type]:
    """Class decorator form of :func:`declare` for the app's own models."""

    def decorator(model):
        declare(model, **options)
        return model

    return decorator


def not_personal_data(model=None, *, reason: str):
    """Mark a model that looks personal but is not (a decorator or a call), with the reason."""

    def mark(target):
        if not reason.strip():
            raise ImproperlyConfigured("Say why the model holds no personal data.")
        if target in _declarations:
            raise ImproperlyConfigured(f"{target._meta.label} is declared as personal data.")
        _not_personal[target] = reason
        return target

    return mark(model) if model is not None else mark


_task_arguments: dict[str, str] = {}


def declare_task_argument(task_path: str, label: str) -> None:
    """Background task rows (django-tasks-db) of ``task_path`` take a primary key of the declared
    model ``label`` as their first argument: erasure deletes the task rows of the rows it erases
    (their arguments and tracebacks would keep the ids, an error text the address). For apps
    above the audit kernel, from ``AppConfig.ready()`` (the outbox's delivery task)."""
    _task_arguments[task_path] = label


def task_arguments() -> dict[str, str]:
    """``task path -> declaration label`` of :func:`declare_task_argument`."""
    return dict(_task_arguments)


def declarations() -> list[Declaration]:
    """Every declaration; the user model's comes last (erasure anonymises it after the rest)."""
    return sorted(_declarations.values(), key=lambda declaration: declaration.is_user_model)


def declaration_for(model_or_label: str | type[models.Model] | models.Model) -> Declaration | None:
    """The declaration of a model class, instance or ``app_label.model_name`` label."""
    if isinstance(model_or_label, str):
        label = model_or_label.lower()
        return next((d for d in _declarations.values() if d.label == label), None)
    model = model_or_label if isinstance(model_or_label, type) else type(model_or_label)
    # Abstract models have no concrete model (and no declaration).
    return _declarations.get(model._meta.concrete_model or model)


def is_declared(model) -> bool:
    return declaration_for(model) is not None


def not_personal_reason(model) -> str | None:
    return _not_personal.get(model)


def user_model_label() -> str:
    return settings.AUTH_USER_MODEL.lower()

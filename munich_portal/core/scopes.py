"""Who may see which rows: one declaration per model, applied by every view (issue 11).

Permissions (``core/roles.py``) say which *kinds* of record a role may open; the row scope says
*which rows* of them. Every model the staff area serves, and every model with personal data or
unpublished content, declares its scope once, next to its personal-data declaration::

    @personal_data(...)
    @row_scope(
        staff={
            Role.CASEWORK: of_departments("service__department") & where(
                ~Q(status="draft"), _("never drafts")
            ),
        },
        public=NOTHING,
    )
    class OnlineRequest(models.Model): ...

Third-party models are declared with :func:`declare_scope` (``audit/declarations.py``).

Where the scope is applied, so that no view can forget it:

- the staff area: :class:`munich_portal.core.admin_site.PortalAdminSite` gives every ``ModelAdmin``
  a ``get_queryset`` filtered by :func:`staff_q`; change, delete, history list, history version,
  revert, actions, autocomplete and the apps' own admin views (exports, prints, downloads) all
  read through it (``ScopedAdminMixin``); a model admin without a declared scope is a system
  check error;
- public pages read through :func:`public` (the model's "visible to the public" rows), report and
  print pages included;
- the generated access matrix (``tests/core/test_access_matrix.py``) requests every URL pattern as
  every role in every situation and compares the answer with these declarations, and
  ``docs/roles.md`` embeds :func:`scopes_table`.

Rules: a staff member sees a row if it matches the rule of at least one of their roles; a role
without a rule sees no row (deny by default). Superusers are break-glass accounts: they see what all
roles but the data-protection officer's together see — never more (no drafts, nothing a rule
excludes); the audit log and what only the officer sees need the Datenschutz role itself. Rules use
forward paths only (foreign keys), so a scoped query never duplicates rows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

__all__ = [
    "EVERYTHING",
    "NOTHING",
    "RowScope",
    "Rule",
    "UndeclaredScope",
    "declare_scope",
    "department_ids",
    "for_staff",
    "is_public",
    "of_departments",
    "public",
    "row_scope",
    "scope_for",
    "scopes",
    "scopes_table",
    "staff_q",
    "where",
]


class UndeclaredScope(LookupError):
    """A model is used by a view but says nothing about who may see its rows."""


# --- Rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Which rows one role (or the public) sees: a ``Q`` built for the viewing user."""

    build: Callable[[object], Q]
    description: str | Promise
    kind: str = "custom"  # "everything", "nothing" or "custom": the matrix test reads it

    def q(self, user) -> Q:
        return self.build(user)

    def __and__(self, other: Rule) -> Rule:
        if self.kind == "nothing" or other.kind == "nothing":
            return NOTHING
        if self.kind == "everything":
            return other
        if other.kind == "everything":
            return self
        return Rule(
            lambda user: self.q(user) & other.q(user),
            format_lazy("{}, {}", self.description, other.description),
        )

    def __or__(self, other: Rule) -> Rule:
        if self.kind == "everything" or other.kind == "everything":
            return EVERYTHING
        if self.kind == "nothing":
            return other
        if other.kind == "nothing":
            return self
        return Rule(
            lambda user: self.q(user) | other.q(user),
            format_lazy("{} {} {}", self.description, _("or"), other.description),
        )


_NO_ROW = Q(pk__in=[])

EVERYTHING = Rule(lambda user: Q(), _("all rows"), "everything")
NOTHING = Rule(lambda user: _NO_ROW, _("no rows"), "nothing")


def where(condition: Q, description: str | Promise) -> Rule:
    """A fixed condition, e.g. ``where(Q(published=True), _("published"))``."""
    return Rule(lambda user: condition, description)


def department_ids(user) -> list[int]:
    """The departments a staff member works for (``core.StaffMembership``), read once per user
    object (the request's user lives for one request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_scope_department_ids", None)
    if cached is None:
        from munich_portal.core.models import StaffMembership

        cached = list(
            StaffMembership.objects.filter(user_id=user.pk).values_list("department_id", flat=True)
        )
        user._scope_department_ids = cached
    return cached


def of_departments(path: str, description: str | Promise | None = None) -> Rule:
    """Rows whose ``path`` (a foreign key to ``core.Department``) is one of the staff member's
    departments."""
    return Rule(
        lambda user: Q(**{f"{path}__in": department_ids(user)}),
        description or _("of the staff member's departments"),
    )


# --- Declarations ---------------------------------------------------------------------------------


@dataclass
class RowScope:
    """The declared scope of one model."""

    model: type[Model]
    staff: dict[str, Rule] = field(default_factory=dict)
    public: Rule = NOTHING
    #: Reference data (districts, the catalogue): whoever holds a permission sees every row.
    reference: bool = False
    note: str | Promise = ""

    def rule_for(self, role: str) -> Rule:
        if self.reference:
            return EVERYTHING
        return self.staff.get(role, NOTHING)


_registry: dict[type[Model], RowScope] = {}


def declare_scope(
    model: type[Model],
    *,
    staff: dict[str, Rule] | None = None,
    public: Rule = NOTHING,
    reference: bool = False,
    note: str | Promise = "",
) -> RowScope:
    """Declare who may see which rows of ``model`` (see the module documentation)."""
    if reference and staff:
        raise ValueError("Reference data has no per-role rules.")
    scope = RowScope(model, dict(staff or {}), public, reference, note)
    _registry[model] = scope
    _role_rule_cache.cache_clear()
    return scope


def row_scope(**kwargs):
    """Class decorator form of :func:`declare_scope`."""

    def decorate(model):
        declare_scope(model, **kwargs)
        return model

    return decorate


def _concrete(model: type[Model]) -> type[Model]:
    meta = model._meta
    return meta.proxy_for_model or model if meta.proxy else model


def scope_for(model: type[Model]) -> RowScope | None:
    """The declared scope of ``model`` (a proxy model shares its concrete model's)."""
    return _registry.get(model) or _registry.get(_concrete(model))


def scopes() -> list[RowScope]:
    return sorted(_registry.values(), key=lambda scope: scope.model._meta.label)


def _require(model) -> RowScope:
    scope = scope_for(model)
    if scope is None:
        raise UndeclaredScope(
            f"{model._meta.label} declares no row scope (munich_portal.core.scopes)."
        )
    return scope


# --- Applying them --------------------------------------------------------------------------------


def _role_names(user) -> frozenset[str]:
    cached = getattr(user, "_scope_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            # Break-glass: every role's rows, except the data-protection officer's, which stay
            # with the role itself (the log is the check on administrators).
            from munich_portal.core.roles import ROLE_PERMISSIONS, Role

            cached |= frozenset(ROLE_PERMISSIONS) - {Role.DATA_PROTECTION}
        user._scope_role_names = cached
    return cached


@functools.cache
def _role_rule_cache(model, roles: frozenset[str]) -> Rule:
    scope = _require(model)
    if scope.reference:
        return EVERYTHING  # whoever holds a permission, by a role or granted directly
    rule = NOTHING
    for role in sorted(roles):
        rule = rule | scope.rule_for(role)
    return rule


def staff_rule(model: type[Model], user) -> Rule:
    """The union of the rules of ``user``'s roles for ``model`` (``NOTHING`` for non-staff)."""
    if not (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
    ):
        return NOTHING
    return _role_rule_cache(_require(model).model, _role_names(user))


def staff_q(model: type[Model], user) -> Q:
    """The rows of ``model`` that ``user`` may see in the staff area, as a ``Q``."""
    return staff_rule(model, user).q(user)


def for_staff(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` narrowed to the rows ``user`` may see in the staff area."""
    rule = staff_rule(queryset.model, user)
    if rule.kind == "everything":
        return queryset
    if rule.kind == "nothing":
        return queryset.none()
    return queryset.filter(rule.q(user))


def public(model_or_queryset) -> QuerySet:
    """The rows anyone may see on public pages (the model's declared ``public`` rule)."""
    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    rule = _require(queryset.model).public
    if rule.kind == "nothing":
        return queryset.none()
    return queryset.filter(rule.q(None))


def is_public(obj: Model) -> bool:
    return public(type(obj)._default_manager.filter(pk=obj.pk)).exists()


def scopes_table(models: Iterable[type[Model]] | None = None) -> str:
    """The declarations as a Markdown table (docs/roles.md embeds it; a test keeps it true)."""
    lines = ["| model | role | rows | public |", "|---|---|---|---|"]
    for scope in scopes():
        if models is not None and scope.model not in models:
            continue
        label = f"`{scope.model._meta.label_lower}`"
        public_text = str(scope.public.description)
        if scope.reference:
            lines.append(
                f"| {label} | every role with a permission | {EVERYTHING.description} "
                f"| {public_text} |"
            )
            continue
        if not scope.staff:
            lines.append(f"| {label} | – | {NOTHING.description} | {public_text} |")  # noqa: RUF001
        for role, rule in sorted(scope.staff.items()):
            lines.append(f"| {label} | {role} | {rule.description} | {public_text} |")
    return "\n".join(lines)

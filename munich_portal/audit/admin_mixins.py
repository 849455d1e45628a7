"""The admin's share of the audit trail: automatic data-use logging and the purpose of work.

:class:`munich_portal.core.admin_site.PortalAdminSite` registers every ``ModelAdmin`` of a model
declared as personal data (:mod:`munich_portal.audit.registry`) through
:func:`audited_admin_class`, which mixes in :class:`AuditedAdminMixin` (and simple-history's
``SimpleHistoryAdmin`` where the admin lacks it, so the change history of the record is what the
"History" button shows, guarded by the historical model's permissions). Apps write nothing for it.

What the mixin logs (one ``record_use``, or one ``record_batch_use`` written as one batch insert,
per request; purpose and case number come from the staff member's session):

============================  ===========================================================
admin page                    data-use event(s)
============================  ===========================================================
change form (GET)             ``view`` of the record's resident
change list                   one batch event ``list`` (``search`` with ``?q=``) with the
                              criteria and the hit count, one event per resident shown
history (list or version)     ``view`` with ``details={"view": "history"}``
delete confirmation (GET)     ``view`` with ``details={"view": "delete"}``
save                          ``create`` or ``change`` (in the save's transaction)
delete (one or selected)      ``delete``, before the rows go
admin actions                 ``export``/``print``/``send``/``change`` (see :func:`audited_action`)
============================  ===========================================================

Search terms and free-text filter values are never stored: the criteria hold
:func:`munich_portal.audit.pseudonyms.commit` of them (a keyed hash the data-protection officer can
check a suspected term against) and their length; numbers, booleans and the admin's own
parameters (ordering, page) are stored as they are.

The purpose of work: before a staff member opens any admin page of a declared model, the session
must hold a purpose (``context.set_work_purpose``) that their roles allow
(:func:`offered_purposes`) — and, for a staff member of several departments, the department they
act for (:func:`munich_portal.audit.context.needs_department_choice`); otherwise they are sent to
:func:`purpose_of_work_view` ("Zweck der Bearbeitung wählen") and back. The department's code is
recorded with every data-use event (``actor_department``).
A purpose that does not fit the model's declared purposes is allowed (work is messy) but warned
about, and ``selectors.unusual_access`` flags every such use for the data-protection officer.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
from collections.abc import Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.admin.options import Action, ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_permission_codename
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.inspect import get_func_args
from django.utils.translation import gettext as _

from munich_portal.audit import purposes as purpose_register
from munich_portal.audit.actions import record_batch_use, record_use
from munich_portal.audit.context import (
    SESSION_DEPARTMENT_KEY,
    department_codes,
    needs_department_choice,
    set_work_purpose,
    work_purpose,
)
from munich_portal.audit.pseudonyms import commit
from munich_portal.audit.registry import Declaration, declaration_for, declarations

if TYPE_CHECKING:
    from munich_portal.core.admin_site import AdminMixinBase
else:
    AdminMixinBase = object

__all__ = [
    "AuditedAdminMixin",
    "audited_action",
    "audited_admin_class",
    "department_choices",
    "is_data_protection_officer",
    "list_criteria",
    "offered_purposes",
    "purpose_of_work_view",
    "purpose_url",
    "without_admin_logging",
    "work_purpose_context",
]

#: Purposes only the system works under; staff never choose them.
SYSTEM_PURPOSES = frozenset({purpose_register.RETENTION.code})

# Off only inside ``without_admin_logging()`` (the benchmark's baseline); there is no setting,
# so no deployment can switch the log off by configuration.
_logging_enabled: ContextVar[bool] = ContextVar("audit_admin_logging", default=True)


@contextlib.contextmanager
def without_admin_logging() -> Iterator[None]:
    """Run admin views without writing data-use events — for the benchmark's comparison only."""
    token = _logging_enabled.set(False)
    try:
        yield
    finally:
        _logging_enabled.reset(token)


# --- Purposes of work -----------------------------------------------------------------------------


def _may_use_model(user, declaration: Declaration) -> bool:
    opts = declaration.model._meta
    if any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change", "add", "delete")
    ):
        return True
    history_model = declaration.history_model
    if history_model is not None:
        history_opts = history_model._meta
        return user.has_perm(
            f"{history_opts.app_label}.{get_permission_codename('view', history_opts)}"
        )
    return False


def is_data_protection_officer(user) -> bool:
    """Only the Datenschutz role reads the data-use log — a superuser without it does not."""
    from munich_portal.core.roles import Role

    if not (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
    ):
        return False
    cached = getattr(user, "_audit_is_officer", None)
    if cached is None:
        cached = user.groups.filter(name=Role.DATA_PROTECTION).exists() and user.has_perm(
            "audit.view_datauseevent"
        )
        user._audit_is_officer = cached
    return cached


def department_choices(user) -> list[tuple[str, str]]:
    """``(code, name)`` of the staff member's departments, named in the active language."""
    from django.utils import translation

    from munich_portal.core.models import Department

    codes = department_codes(user)
    if not codes:
        return []
    english = translation.get_language() == "en"
    return [
        (code, name_en if english and name_en else name)
        for code, name, name_en in Department.objects.filter(code__in=codes)
        .order_by("name")
        .values_list("code", "name", "name_en")
    ]


def offered_purposes(user) -> list[purpose_register.Purpose]:
    """The purposes ``user`` may work under: those of the declared models their roles reach.

    Staff who reach any personal data may also answer data-subject requests (access, erasure),
    which concern every record; the data-protection officer (view on the log) works under the
    oversight purpose. System purposes (retention) are never offered.
    """
    if not (user.is_active and user.is_staff):
        return []
    codes: set[str] = set()
    for declaration in declarations():
        if _may_use_model(user, declaration):
            codes.update(declaration.purposes)
    if is_data_protection_officer(user):
        codes.add(purpose_register.AUDIT.code)
    if codes:
        codes.add(purpose_register.DATA_SUBJECT_RIGHTS.code)
    return [
        purpose
        for purpose in purpose_register.all_purposes()
        if purpose.code in codes and purpose.code not in SYSTEM_PURPOSES
    ]


def purpose_url(request, next_url: str | None = None) -> str:
    """The page where staff choose their purpose of work, returning to ``next_url`` afterwards."""
    url = reverse("admin:audit_purpose")
    return f"{url}?{urlencode({'next': next_url or request.get_full_path()})}"


def work_purpose_context(request) -> dict:
    """What the admin header shows: purpose of work, case number and where to change them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {}
    code, case_number = work_purpose(request.session)
    try:
        purpose = purpose_register.get(code) if code else None
    except purpose_register.UnknownPurpose:
        purpose = None
    on_purpose_page = request.resolver_match is not None and (
        request.resolver_match.url_name == "audit_purpose"
    )
    return {
        "audit_work_purpose": purpose,
        "audit_case_number": case_number if purpose else "",
        "audit_purpose_url": None if on_purpose_page else purpose_url(request),
    }


def purpose_of_work_view(request, admin_site):
    """ "Zweck der Bearbeitung wählen": choose the purpose of work and an optional case number."""
    from munich_portal.audit.forms import PurposeOfWorkForm

    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    offered = offered_purposes(request.user)
    departments = department_choices(request.user)
    code, case_number = work_purpose(request.session)
    if request.method == "POST":
        form = PurposeOfWorkForm(request.POST, purposes=offered, departments=departments)
        if form.is_valid():
            set_work_purpose(
                request.session,
                purpose=form.cleaned_data["purpose"],
                case_number=form.cleaned_data["case_number"],
                department=form.cleaned_data.get("department", ""),
            )
            messages.success(
                request,
                _("Purpose of work: %(purpose)s.")
                % {"purpose": purpose_register.get(form.cleaned_data["purpose"]).title},
            )
            return HttpResponseRedirect(
                next_url or reverse("admin:index", current_app=admin_site.name)
            )
    else:
        initial = {"case_number": case_number}
        if code in {purpose.code for purpose in offered}:
            initial["purpose"] = code
        chosen = request.session.get(SESSION_DEPARTMENT_KEY)
        if chosen in {department for department, _name in departments}:
            initial["department"] = chosen
        form = PurposeOfWorkForm(initial=initial, purposes=offered, departments=departments)
    covers: dict[str, list[str]] = {}
    for declaration in declarations():
        for purpose_code in declaration.purposes:
            covers.setdefault(purpose_code, []).append(str(declaration.verbose_name_plural))
    context = {
        **admin_site.each_context(request),
        "title": _("Choose the purpose of your work"),
        "form": form,
        "next": next_url,
        "choices": [
            {"purpose": purpose, "covers": covers.get(purpose.code, []), "radio": radio}
            for purpose, radio in zip(offered, form["purpose"], strict=True)
        ],
        "department_field": form["department"] if "department" in form.fields else None,
    }
    request.current_app = admin_site.name
    return render(request, "admin/audit/purpose_of_work.html", context)


# --- Criteria of lists and searches ---------------------------------------------------------------

# The admin's own parameters: ordering, page, "show all", the invalid-lookup flag, facets, popups.
_STRUCTURAL_PARAMS = frozenset({"o", "p", "all", "e", "_facets", "_popup", "_to_field"})
_HARMLESS_VALUE = re.compile(r"^(?:-?\d{1,20}|true|false|True|False|yes|no|on|off|[01])$")
_TOKEN_VALUE = re.compile(r"^[A-Za-z0-9_.:+-]{0,64}$")


def _criterion(value: str, *, tokens_are_safe: bool) -> str | dict:
    if _HARMLESS_VALUE.match(value) or (tokens_are_safe and _TOKEN_VALUE.match(value)):
        return value
    return {"hash": commit(value), "length": len(value)}


def list_criteria(request, *, search_param: str = "q", tokens_are_safe: bool = False) -> dict:
    """The criteria of a list request without personal values (see the module documentation).

    ``tokens_are_safe`` keeps code-like values (``accounts.user``, pseudonyms, dates) as they
    are: only for lists whose filters cannot hold personal values (the data-use log).
    """
    criteria: dict = {}
    filters = {}
    for key in sorted(request.GET):
        values = request.GET.getlist(key)
        if key == search_param:
            term = " ".join(value.strip() for value in values if value.strip())
            if term:
                criteria["search"] = {"hash": commit(term), "length": len(term)}
            continue
        if key in _STRUCTURAL_PARAMS:
            criteria[key] = values[-1][:64] if _TOKEN_VALUE.match(values[-1]) else "?"
            continue
        shown = [_criterion(value, tokens_are_safe=tokens_are_safe) for value in values]
        filters[key[:100]] = shown[0] if len(shown) == 1 else shown
    if filters:
        criteria["filters"] = filters
    return criteria


# --- The mixin ------------------------------------------------------------------------------------

_ACTION_WORDS = (("export", "export"), ("download", "export"), ("print", "print"),
                 ("letter", "print"), ("send", "send"), ("mail", "send"))  # fmt: skip


def audited_action(*, action: str, logs_itself: bool = False):
    """Say which data-use an admin action is: ``@audited_action(action="export")``.

    Without it, an action named or permitted like ``export``/``download`` counts as ``export``,
    ``print``/``letter`` as ``print``, ``send``/``mail`` as ``send``, anything else as ``change``.
    ``logs_itself=True`` is for an action that calls an app action which writes the data-use
    events itself (printing letters logs each letter): the admin then logs nothing more, so the
    same use is not in the log twice.
    """

    def decorate(function):
        function.audit_action = action
        function.audit_logs_itself = logs_itself
        return function

    return decorate


def _action_kind(function, name: str) -> str:
    explicit = getattr(function, "audit_action", None)
    if explicit:
        return explicit
    words = " ".join([name, *getattr(function, "allowed_permissions", ())]).lower()
    for word, kind in _ACTION_WORDS:
        if word in words:
            return kind
    return "change"


class AuditedAdminMixin(AdminMixinBase):
    """Logs every use of a declared model's records in the admin; asks for the purpose of work.

    :func:`audited_admin_class` puts it in front of the app's own ``ModelAdmin``; ``declaration``
    is the model's personal-data declaration.
    """

    declaration: Declaration

    # Purpose of work.

    def _may_touch(self, request) -> bool:
        """Whether the staff member has any right on this model (else Django answers 403)."""
        return _may_use_model(request.user, self.declaration)

    def purpose_redirect(self, request):
        """A redirect to the purpose page when the session holds no purpose the user may use."""
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return None  # the admin's own checks send them to the login
        if not self._may_touch(request):
            return None
        code, _case_number = work_purpose(request.session)
        if (
            code
            and code in {purpose.code for purpose in offered_purposes(user)}
            and not needs_department_choice(request)
        ):
            return None
        return HttpResponseRedirect(purpose_url(request))

    def _warn_if_purpose_misfits(self, request) -> None:
        code, _case_number = work_purpose(request.session)
        try:
            purpose = purpose_register.get(code)
        except purpose_register.UnknownPurpose:
            return
        if purpose.applies_to_all_records or code in self.declaration.purposes:
            return
        messages.warning(
            request,
            _(
                "Your purpose of work “%(purpose)s” is not one of the purposes of "
                "%(records)s. Your access is logged and shown to the data-protection officer."
            )
            % {"purpose": purpose.title, "records": self.declaration.verbose_name_plural},
        )

    def get_urls(self):
        """Every view of this admin (also custom ones) first asks for the purpose of work."""
        patterns = []
        for pattern in super().get_urls():
            if isinstance(pattern, URLPattern):
                pattern = URLPattern(
                    pattern.pattern,
                    self._with_purpose(pattern.callback),
                    pattern.default_args,
                    pattern.name,
                )
            patterns.append(pattern)
        return patterns

    def _with_purpose(self, view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            redirect = self.purpose_redirect(request)
            if redirect is not None:
                return redirect
            return view(request, *args, **kwargs)

        return guarded

    # Logging helpers.

    def _subject_id(self, obj) -> int | None:
        return self.declaration.subject_id_of(obj)

    def _log_use(self, request, *, action: str, obj, details: dict | None = None) -> None:
        if not _logging_enabled.get():
            return
        # The record's own id also for a history row (whose pk is the history id).
        record_id = getattr(obj, self.opts.pk.attname)
        subject_id = self._subject_id(obj)
        if subject_id is None:
            # A record about no account holder (a guest's registration): no one's Meine Daten
            # shows it, but the officer sees the use as a batch event without residents.
            record_batch_use(
                action=action,
                subjects=[],
                record_type=self.declaration.label,
                criteria={"record_id": str(record_id)[:64], **(details or {})},
            )
            return
        record_use(
            action=action,
            subject=subject_id,
            record_type=self.declaration.label,
            record_id=record_id,
            details=details,
        )

    def _log_batch(self, request, *, action: str, records, criteria: dict) -> None:
        if not _logging_enabled.get():
            return
        record_batch_use(
            action=action,
            records=records,
            record_type=self.declaration.label,
            criteria=criteria,
        )

    # Views that show records.

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        changelist = context.get("cl")
        if isinstance(response, TemplateResponse) and changelist is not None:
            # The page's rows, evaluated once: the template reuses the same result cache.
            records = list(changelist.result_list)
            criteria = list_criteria(request, search_param="q")
            criteria["total"] = changelist.result_count
            action = "search" if changelist.query else "list"
            self._log_batch(request, action=action, records=records, criteria=criteria)
            if request.method == "GET":
                self._warn_if_purpose_misfits(request)
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not add and request.method in ("GET", "HEAD"):
            self._log_use(request, action="view", obj=obj)
            self._warn_if_purpose_misfits(request)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def render_delete_form(self, request, context):
        obj = context.get("object")
        if obj is not None and request.method in ("GET", "HEAD"):
            self._log_use(request, action="view", obj=obj, details={"view": "delete"})
        return super().render_delete_form(request, context)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            obj = self._object_or_latest_version(request, object_id)
            if obj is not None:
                self._log_use(request, action="view", obj=obj, details={"view": "history"})
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One version from the history; reverting it needs the right to change the record too.

        simple-history would save a POST for anyone who may only *view* the history.
        """
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not (
                self.has_change_permission(request, obj)
                and self.has_change_history_permission(request, obj)
            ):
                from django.core.exceptions import PermissionDenied

                raise PermissionDenied
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            version = self.declaration.history_model.objects.filter(
                **{self.opts.pk.attname: unquote(object_id), "history_id": version_id}
            ).first()
            if version is not None:
                self._log_use(
                    request,
                    action="view",
                    obj=version,
                    details={"view": "history", "version": str(version_id)},
                )
        return response

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        """simple-history's, without ``select_related()`` of nothing (deprecated in Django 6.1)
        for models whose history tracks no foreign key (the user)."""
        from django.db.models import ForeignKey

        queryset = history_manager.filter(**{pk_name: object_id})
        related = [f.name for f in queryset.model.tracked_fields if isinstance(f, ForeignKey)]
        return queryset.select_related(*related) if related else queryset

    def _object_or_latest_version(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None or self.declaration.history_model is None:
            return obj
        # A deleted record: its history names the resident.
        return (
            self.declaration.history_model.objects.filter(
                **{self.opts.pk.attname: unquote(object_id)}
            )
            .order_by("-history_date")
            .first()
        )

    # Writes: inside the save's or deletion's transaction, so a change is never left unlogged.

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._log_use(request, action="create", obj=obj)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        # The labels of the changed fields (never their values), as the admin's message has them.
        fields = []
        if isinstance(message, list):
            for item in message:
                fields += [str(label) for label in item.get("changed", {}).get("fields", [])]
        self._log_use(
            request, action="change", obj=obj, details={"fields": fields} if fields else None
        )
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        records = list(queryset)
        if len(records) == 1:
            self._log_use(request, action="delete", obj=records[0])
        elif records:
            self._log_batch(
                request, action="delete", records=records, criteria={"admin_action": "delete"}
            )
        return entries

    # Admin actions.

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        parent = super().get_actions
        if "action_location" in get_func_args(parent):
            actions = parent(request, action_location=action_location)
        elif action_location == ActionLocation.CHANGE_FORM:
            return {}  # an admin with the old signature has no change-form actions
        else:
            actions = parent(request)
        return {name: self._audited(action) for name, action in actions.items()}

    def _audited(self, action):
        if isinstance(action, Action):
            function, name = action.func, action.name
        else:  # the deprecated (func, name, description) tuple
            function, name = action[0], action[1]
        if name == "delete_selected" or getattr(function, "_audit_wrapped", False):
            return action  # deletions are logged by log_deletions, when they happen
        if getattr(function, "audit_logs_itself", False):
            return action
        kind = _action_kind(function, name)

        @functools.wraps(function)
        def logged(modeladmin, request, queryset):
            modeladmin._log_batch(
                request, action=kind, records=queryset, criteria={"admin_action": name[:64]}
            )
            return function(modeladmin, request, queryset)

        logged._audit_wrapped = True  # type: ignore[attr-defined]  # a marker on the function
        if isinstance(action, Action):
            return dataclasses.replace(action, func=logged)
        return (logged, *action[1:])


class AuditedAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete (select2 search of a related record) with the audit trail.

    A search that returns records of a declared model is a data use like a search in the list:
    it needs the purpose of work (without one the widget gets 403 and the staff member chooses a
    purpose first) and writes one batch event with the records shown (the search term only as a
    commitment, never in clear).
    """

    def get(self, request, *args, **kwargs):
        self.shown: list = []
        response = super().get(request, *args, **kwargs)
        model_admin = self.model_admin
        if isinstance(model_admin, AuditedAdminMixin):
            criteria = list_criteria(request, search_param="term")
            # The widget's own parameters say where the search came from, not what was sought.
            filters = criteria.pop("filters", {})
            for key in ("app_label", "model_name", "field_name", "page"):
                filters.pop(key, None)
            if filters:
                criteria["filters"] = filters
            source = self.source_field
            criteria["source"] = f"{source.model._meta.label_lower}.{source.name}"
            model_admin._log_batch(request, action="search", records=self.shown, criteria=criteria)
        return response

    def has_perm(self, request, obj=None):
        model_admin = self.model_admin
        if isinstance(model_admin, AuditedAdminMixin) and model_admin.purpose_redirect(request):
            return False  # no purpose of work chosen yet: PermissionDenied (403)
        return super().has_perm(request, obj)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.shown = list(context["object_list"])  # the page of results, evaluated once
        return context


def audited_admin_class(model, admin_class):
    """``admin_class`` with :class:`AuditedAdminMixin` for a declared ``model`` (else unchanged)."""
    declaration = declaration_for(model)
    if declaration is None or issubclass(admin_class, AuditedAdminMixin):
        return admin_class
    bases = [AuditedAdminMixin, admin_class]
    from simple_history.admin import SimpleHistoryAdmin

    if declaration.history_enabled and not issubclass(admin_class, SimpleHistoryAdmin):
        bases.append(SimpleHistoryAdmin)
    return type(
        admin_class.__name__,
        tuple(bases),
        {
            "__module__": admin_class.__module__,
            "__qualname__": admin_class.__qualname__,
            "__doc__": admin_class.__doc__,
            "declaration": declaration,
        },
    )

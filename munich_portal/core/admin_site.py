"""The city's admin site: branded, entered through the portal's login, guarded by MFA.

Every admin is registered with :class:`ScopedAdminMixin`: it shows and changes only the rows the
staff member's roles may see (the model's row scope, :mod:`munich_portal.core.scopes`), in every
view the admin serves. Admins of models declared as personal data also get the audit trail's
mixin: their pages ask for the purpose of work and log every use
(munich_portal/audit/admin_mixins.py).
Admins with a change history (simple-history) get :class:`HistoryVersionMixin`: a version from
the history is shown read-only to whoever may not revert it, and only they may send it back.
The admin's widgets come from munich_portal/core/admin_widgets.py (accessible names). A read-only
field that refers to another record links to it only if the viewer may open that record.
"""

import functools
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldError, PermissionDenied, ValidationError
from django.db.models.base import ModelBase
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from munich_portal.core import scopes
from munich_portal.core.admin_widgets import use_accessible_admin_widgets

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    class AdminMixinBase(admin.ModelAdmin[Any]):
        """For the type checker only (``object`` at run time): what the admin mixins are put in
        front of — a ``ModelAdmin`` and, for models with a change history, simple-history's
        ``SimpleHistoryAdmin``, which has no type hints; the methods of it they call are these."""

        def history_view(
            self, request: HttpRequest, object_id: str, extra_context: dict | None = None
        ) -> HttpResponse: ...
        def history_form_view(
            self,
            request: HttpRequest,
            object_id: str,
            version_id: str,
            extra_context: dict | None = None,
        ) -> HttpResponse: ...
        def render_history_view(
            self, request: HttpRequest, template: str, context: dict, **kwargs: Any
        ) -> HttpResponse: ...
        def has_change_history_permission(self, request: HttpRequest, obj: Any = None) -> bool: ...
        def has_view_history_or_change_history_permission(
            self, request: HttpRequest, obj: Any = None
        ) -> bool: ...
        def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool: ...

else:
    AdminMixinBase = object

use_accessible_admin_widgets()

# The request of the staff area's view being answered in this thread (set on entry, see
# PortalAdminSite.admin_view), for templates' helpers that Django gives no request.
_admin_request: ContextVar = ContextVar("admin_request", default=None)


def user_has_mfa(user) -> bool:
    """Whether ``user`` has an authenticator (TOTP) set up; the staff area also needs the session
    to have used it (``munich_portal.accounts.mfa.session_passed_mfa``)."""
    from munich_portal.accounts.mfa import user_has_authenticator

    return user_has_authenticator(user)


class PortalAdminSite(admin.AdminSite):
    site_header = _("Digitales München — Staff area")
    site_title = _("Digitales München staff area")
    index_title = _("Work overview")
    enable_nav_sidebar = True

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as usual; admins of personal-data models get the audit mixin."""
        from munich_portal.audit.admin_mixins import audited_admin_class

        models = (
            [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        )
        for model in models:
            audited = audited_admin_class(model, admin_class or admin.ModelAdmin)
            super().register(model, scoped(with_history_versions(audited)), **options)

    def autocomplete_view(self, request):
        """Autocomplete searches of personal data are logged like the admin's own searches."""
        from munich_portal.audit.admin_mixins import AuditedAutocompleteJsonView

        return AuditedAutocompleteJsonView.as_view(admin_site=self)(request)

    def admin_view(self, view, cacheable=False):
        """Django's wrapper (permission, CSRF, no caching), remembering the request."""
        wrapped = super().admin_view(view, cacheable)

        @functools.wraps(wrapped)
        def remembering_request(request, *args, **kwargs):
            _admin_request.set(request)
            return wrapped(request, *args, **kwargs)

        return remembering_request

    def get_urls(self):
        return [
            path("zweck/", self.admin_view(self.purpose_of_work), name="audit_purpose"),
            *super().get_urls(),
        ]

    def purpose_of_work(self, request):
        """ "Zweck der Bearbeitung wählen" (munich_portal.audit.admin_mixins)."""
        from munich_portal.audit.admin_mixins import purpose_of_work_view

        return purpose_of_work_view(request, self)

    def each_context(self, request):
        """Every admin page shows the purpose of work in its header, with a link to change it."""
        from munich_portal.audit.admin_mixins import work_purpose_context

        return {**super().each_context(request), **work_purpose_context(request)}

    def has_permission(self, request):
        """Staff reach the admin only in a session authenticated with the second factor (TOTP or
        a recovery code at login, or a code confirmed later in the session)."""
        from munich_portal.accounts.mfa import session_passed_mfa

        return (
            super().has_permission(request)
            and user_has_mfa(request.user)
            and session_passed_mfa(request)
        )

    def login(self, request, extra_context=None):
        """Send staff to the portal's login (rate limited, MFA aware) instead of the admin's."""
        user = request.user
        next_url = request.GET.get("next") or reverse("admin:index")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        from munich_portal.accounts.mfa import mfa_step_redirect

        if user.is_authenticated and (step := mfa_step_redirect(request, next_url)) is not None:
            return step
        if user.is_authenticated and not user.is_staff:
            messages.error(request, _("Your account has no access to the staff area."))
            return redirect("portal:my_account")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


class HistoryVersionMixin(AdminMixinBase):
    """simple-history's version page ("View"/"Revert …", ``history/<version>/``) for the portal.

    simple-history renders a version as the editable change form, even for staff who may only
    view the history, and saves a POST from them. Here a version is a read-only record (every
    field as text, the way Django shows a record its viewer may not change) unless the person
    may change the record *and* its history; a POST from anyone else is refused. The read-only
    page has no form widgets left to mislabel (select2, the filter-horizontal boxes, file inputs).
    """

    def may_revert(self, request, obj) -> bool:
        return self.has_change_permission(request, obj) and not self.revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.may_revert(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The change form's "History" link only for staff who may open the history."""
        context["may_view_history"] = self.has_view_history_or_change_history_permission(
            request, obj
        )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def render_history_view(self, request, template, context, **kwargs):
        obj = context.get("original")
        if "adminform" in context and obj is not None and not self.may_revert(request, obj):
            fieldsets = self.get_fieldsets(request, obj)
            # A form without fields: every field of the fieldsets is shown as text from ``obj``,
            # the historical version (its foreign keys and files as links).
            form = self.get_form(request, obj, fields=[])(instance=obj)
            admin_form = helpers.AdminForm(
                form,
                # django-stubs types AdminForm's fieldsets narrower than get_fieldsets' result.
                list(fieldsets),  # type: ignore[arg-type]
                {},
                flatten_fieldsets(fieldsets),
                model_admin=self,
            )
            context = {
                **context,
                "adminform": admin_form,
                "media": self.media + admin_form.media,
                "errors": helpers.AdminErrorList(form, []),
                "revert_disabled": True,
                "change_history": False,
                "has_change_permission": False,
                "has_file_field": False,
            }
        return super().render_history_view(request, template, context, **kwargs)


def with_history_versions(admin_class):
    """``admin_class`` with :class:`HistoryVersionMixin` if it shows a change history."""
    from simple_history.admin import SimpleHistoryAdmin

    if not issubclass(admin_class, SimpleHistoryAdmin) or issubclass(
        admin_class, HistoryVersionMixin
    ):
        return admin_class
    return type(
        admin_class.__name__,
        (HistoryVersionMixin, admin_class),
        {
            "__module__": admin_class.__module__,
            "__qualname__": admin_class.__qualname__,
            "__doc__": admin_class.__doc__,
        },
    )


class ScopedAdminMixin(AdminMixinBase):
    """Every view of the admin reads the model's rows through its row scope (issue 11).

    ``get_queryset`` is narrowed by :func:`munich_portal.core.scopes.for_staff`; Django's change,
    delete, actions and autocomplete and the apps' own views (which look records up with
    ``get_object``/``get_queryset``) inherit it. simple-history's history list and version pages
    do not go through ``get_queryset`` for a record that is out of scope (they fall back to the
    record's history), so they are checked here: a record out of the staff member's scope is
    404, and so is the history of a deleted record whose last version is out of scope.
    """

    def get_queryset(self, request):
        return scopes.for_staff(super().get_queryset(request), request.user)

    def _require_history_in_scope(self, request, object_id) -> None:
        pk_name = self.opts.pk.attname
        object_id = unquote(object_id)
        try:
            if self.get_queryset(request).filter(**{pk_name: object_id}).exists():
                return
            if self.model._default_manager.filter(**{pk_name: object_id}).exists():
                raise Http404
        except (ValueError, TypeError, ValidationError) as error:
            raise Http404 from error
        # A deleted record: its last version decides, read with the same rule.
        history_model = getattr(self.model, "history", None)
        if history_model is None:
            raise Http404
        versions = self.model.history.filter(**{pk_name: object_id})
        rule = scopes.staff_rule(self.model, request.user)
        if rule.kind == "everything":
            return
        if rule.kind == "nothing":
            raise Http404
        latest = versions.order_by("-history_date", "-history_id").first()
        if latest is None:
            raise Http404
        try:
            visible = versions.filter(pk=latest.pk).filter(rule.q(request.user)).exists()
        except FieldError:
            visible = False  # the rule follows a relation the history does not keep
        if not visible:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_history_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_history_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def scoped(admin_class):
    """``admin_class`` with :class:`ScopedAdminMixin` in front."""
    if issubclass(admin_class, ScopedAdminMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (ScopedAdminMixin, admin_class),
        {
            "__module__": admin_class.__module__,
            "__qualname__": admin_class.__qualname__,
            "__doc__": admin_class.__doc__,
        },
    )


_django_get_admin_url = helpers.AdminReadonlyField.get_admin_url


def _admin_url_if_permitted(self, remote_field, remote_obj):
    """A read-only foreign key as a link to its record only if the viewer may open that record.

    Django links every related record, so a clerk who may view an event but not offices follows
    the event's office to a 403 page (a broken link). Without the permission: the name as text.
    """
    request = _admin_request.get()
    related_admin = self.model_admin.admin_site._registry.get(remote_field.model)
    if request is not None and (
        related_admin is None
        or not related_admin.has_view_or_change_permission(request, remote_obj)
    ):
        return str(remote_obj)
    return _django_get_admin_url(self, remote_field, remote_obj)


# A deliberate patch of Django's helper (its replacement is above).
helpers.AdminReadonlyField.get_admin_url = _admin_url_if_permitted  # type: ignore[method-assign]

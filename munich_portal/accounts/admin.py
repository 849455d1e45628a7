"""The user administration: e-mail login, roles as groups, the person's addresses inline.

Who may do what here (docs/roles.md, "Staff accountability"):

- Nobody deletes an account in the admin, not even a superuser: staff accounts are deactivated
  (``is_active``), residents delete their own account in Mein Konto.
- Residents' passwords and e-mail addresses are theirs: the admin has no password form for them
  (403) and shows their e-mail addresses read-only; residents use the password reset.
- Staff status and superuser status are set by superusers only; a superuser's account is changed
  by superusers only; nobody changes their own access.
- Anyone else grants or removes only the role groups they hold themselves; the account's other
  groups stay as they are.
- Every change of staff access (groups, staff status, superuser status) is a data-use event of
  the account's owner (purpose ``staff_administration``): the data-protection officer sees it.
"""

from contextvars import ContextVar

from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from munich_portal.accounts.actions import record_staff_access_change
from munich_portal.accounts.models import User
from munich_portal.accounts.selectors import is_staff_account

# The access fields whose changes are logged for the data-protection officer.
_ACCESS_FLAGS = ("is_staff", "is_superuser")

# The groups the viewer of the change form may change (display columns get no request).
_viewer_groups: ContextVar[set[int] | None] = ContextVar("accounts_viewer_groups", default=None)

# allauth lists e-mail addresses as a section of their own, next to ours with the same name
# ("Accounts"); staff find them with the person they belong to instead.
if admin.site.is_registered(EmailAddress):
    admin.site.unregister(EmailAddress)


class EmailAddressInline(admin.TabularInline):
    """A person's addresses; a resident's are read-only (they change them in Mein Konto)."""

    model = EmailAddress
    fields = ["email", "verified", "primary"]
    extra = 0

    def _resident(self, obj) -> bool:
        return obj is not None and not is_staff_account(obj)

    def has_add_permission(self, request, obj=None):
        return not self._resident(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._resident(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._resident(obj) and super().has_delete_permission(request, obj)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts; see the module documentation for who may change what."""

    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal data"), {"fields": ["full_name"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]
    inlines = [EmailAddressInline]

    def get_readonly_fields(self, request, obj=None):
        """Only superusers grant staff or superuser status; nobody changes their own access; a
        resident's e-mail address is read-only.

        Without this, the Administration role (change_user) could make itself superuser.
        """
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_staff", "is_superuser"]
            if obj is not None:
                readonly.append("other_roles")
        if obj is not None and obj.pk == request.user.pk:
            readonly += ["is_staff", "is_superuser", "is_active", "groups"]
        if obj is not None and not is_staff_account(obj):
            readonly.append("email")
        return sorted(set(readonly), key=readonly.index)

    def get_fieldsets(self, request, obj=None):
        """No password field (and so no link to the password form) on a resident's account; the
        roles the viewer may not change listed for the viewer who is no superuser."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        resident = not is_staff_account(obj)
        others = not request.user.is_superuser
        changed = []
        for name, options in fieldsets:
            fields = list(options.get("fields", []))
            if resident:
                fields = [field for field in fields if field != "password"]
            if others and "groups" in fields:
                fields.insert(fields.index("groups") + 1, "other_roles")
            changed.append((name, {**options, "fields": fields}))
        return changed

    @admin.display(description=_("roles you cannot change"))
    def other_roles(self, obj):
        own = _viewer_groups.get()
        if own is None:
            return "—"
        names = User.groups.through.objects.filter(user_id=obj.id).exclude(group_id__in=own)
        return ", ".join(sorted(names.values_list("group__name", flat=True))) or "—"

    def _own_group_ids(self, request) -> set[int] | None:
        """The groups the viewer may grant or remove (``None``: all, for superusers)."""
        if request.user.is_superuser:
            return None
        cached = getattr(request, "_own_group_ids", None)
        if cached is None:
            cached = set(request.user.groups.values_list("pk", flat=True))
            request._own_group_ids = cached
        return cached

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            own = self._own_group_ids(request)
            if own is not None:
                kwargs["queryset"] = Group.objects.filter(pk__in=own).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # other_roles (a display column) needs to know which roles are the viewer's own.
        token = _viewer_groups.set(self._own_group_ids(request))
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response
        finally:
            _viewer_groups.reset(token)

    # Nobody deletes accounts here: staff are deactivated, residents delete their own account.

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        """A superuser's account is changed by superusers only."""
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        """Administration sets passwords of staff accounts only; residents use the reset."""
        target = self.get_object(request, unquote(id))
        if target is not None and not is_staff_account(target):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    # Changes of staff access are logged for the data-protection officer.

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk is not None:
            stored = User._base_manager.filter(pk=obj.pk).first()
            if stored is not None:
                before = {
                    "flags": {flag: getattr(stored, flag) for flag in _ACCESS_FLAGS},
                    "groups": dict(stored.groups.values_list("pk", "name")),
                }
        request._staff_access_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(request, "_staff_access_before", None) or {"flags": {}, "groups": {}}
        own = self._own_group_ids(request)
        if own is not None and "groups" in form.cleaned_data:
            # The form offered only the viewer's own groups: the account's other groups stay.
            kept = [pk for pk in before["groups"] if pk not in own]
            if kept:
                obj.groups.add(*kept)
        after_groups = dict(obj.groups.values_list("pk", "name"))
        granted = sorted(name for pk, name in after_groups.items() if pk not in before["groups"])
        removed = sorted(name for pk, name in before["groups"].items() if pk not in after_groups)
        flags = {
            flag: getattr(obj, flag)
            for flag in _ACCESS_FLAGS
            if flag in before["flags"] and before["flags"][flag] != getattr(obj, flag)
        }
        if not change:
            flags = {flag: getattr(obj, flag) for flag in _ACCESS_FLAGS if getattr(obj, flag)}
        if granted or removed or flags:
            record_staff_access_change(
                user=obj, roles_granted=granted, roles_removed=removed, flags=flags
            )

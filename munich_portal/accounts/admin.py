"""The user administration: e-mail login, roles as groups, the person's addresses inline."""

from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from munich_portal.accounts.models import User

# allauth lists e-mail addresses as a section of their own, next to ours with the same name
# ("Accounts"); staff find them with the person they belong to instead.
if admin.site.is_registered(EmailAddress):
    admin.site.unregister(EmailAddress)


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    fields = ["email", "verified", "primary"]
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
        """Only superusers grant superuser status; nobody changes their own access.

        Without this, the Administration role (change_user) could make itself superuser.
        """
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        if obj is not None and obj.pk == request.user.pk:
            readonly += ["is_staff", "is_superuser", "is_active", "groups"]
        return sorted(set(readonly), key=readonly.index)

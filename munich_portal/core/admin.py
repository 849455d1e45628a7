from django.contrib import admin

from munich_portal.core.models import Department, Stadtbezirk, StaffMembership


@admin.register(Stadtbezirk)
class StadtbezirkAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "email"]
    search_fields = ["code", "name"]


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    """Which departments a staff member works for (Administration maintains it)."""

    list_display = ["user", "department", "created_at"]
    list_filter = ["department"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]

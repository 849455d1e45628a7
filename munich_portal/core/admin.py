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
    """Which departments a staff member works for (Administration maintains it).

    Adding or removing one changes what the staff member sees (row scopes): each is also logged
    as a change of the staff member's access (``accounts.actions.record_staff_access_change``).
    """

    list_display = ["user", "department", "created_at"]
    list_filter = ["department"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk is not None:
            before = (
                StaffMembership.objects.filter(pk=obj.pk)
                .select_related("user", "department")
                .first()
            )
        super().save_model(request, obj, form, change)
        if before is not None and (before.user_id, before.department_id) == (
            obj.user_id,
            obj.department_id,
        ):
            return
        if before is not None:
            _log_membership(before, added=False)
        _log_membership(obj, added=True)

    def delete_model(self, request, obj):
        _log_membership(obj, added=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "department"):
            _log_membership(membership, added=False)
        super().delete_queryset(request, queryset)


def _log_membership(membership: StaffMembership, *, added: bool) -> None:
    from munich_portal.accounts.actions import record_staff_access_change

    code = membership.department.code
    record_staff_access_change(
        user=membership.user,
        departments_added=[code] if added else [],
        departments_removed=[] if added else [code],
    )

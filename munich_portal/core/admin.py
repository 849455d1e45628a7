from django.contrib import admin

from munich_portal.core.models import Department, Stadtbezirk


@admin.register(Stadtbezirk)
class StadtbezirkAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "email"]
    search_fields = ["code", "name"]

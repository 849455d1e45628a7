"""Staff area for the results summaries of processes (issue 7).

Editors and organisers write the city's summary per process; the list links to the public results
page and, for those allowed to export, to the export of the process's ideas and comments.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from results.models import ProcessResult
from results.views import EXPORT_PERMISSION


@admin.register(ProcessResult)
class ProcessResultAdmin(SimpleHistoryAdmin):
    list_display = ["process", "updated_at", "results_link", "export_link"]
    list_select_related = ["process"]
    search_fields = ["process__title_de", "summary_de"]
    autocomplete_fields = ["process"]
    fields = ["process", "summary_de", "summary_en"]

    def get_list_display(self, request):
        names = list(super().get_list_display(request))
        if not request.user.has_perm(EXPORT_PERMISSION):
            names.remove("export_link")
        return names

    @admin.display(description=_("results page"))
    def results_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("results:results", kwargs={"slug": obj.process.slug}),
            _("open"),
        )

    @admin.display(description=_("export"))
    def export_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("results:results_export", kwargs={"slug": obj.process.slug}),
            _("ideas and comments (CSV, XLSX)"),
        )

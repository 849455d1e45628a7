"""Staff area for the paper channel: issuing batches of printed forms, sheets, duplicate decisions.

Organisers (Veranstaltungsorganisation) add a :class:`FormBatch` ("Bürgerbüro Pasing, 50 sheets");
saving it draws the numbers (:func:`paper.actions.issue_batch`), and the batch's
page offers the PDF. The list shows per batch how many sheets were issued, entered, void and are
still out. Sheets can be marked void; nothing here edits a number or an entered sheet.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from munich_portal.core.numbers import InvalidFormNumber, parse
from paper import actions
from paper.models import DuplicateDecision, FormBatch, FormSheet
from participation.models import Event


class FormBatchForm(forms.ModelForm):
    class Meta:
        model = FormBatch
        fields = ["process", "event", "place", "issued_on", "sheets", "language"]

    def clean(self):
        cleaned = super().clean()
        process, event = cleaned.get("process"), cleaned.get("event")
        sheets = cleaned.get("sheets")
        if process and sheets:
            try:
                actions.check_batch(
                    process=process,
                    event=event,
                    sheets=sheets,
                    place=cleaned.get("place") or "",
                    language=cleaned.get("language") or FormBatch.Language.GERMAN,
                    issued_on=cleaned.get("issued_on"),
                )
            except actions.PaperError as error:
                # Next to the field to change (the event for too many events), else on top.
                self.add_error(error.field, str(error))
        return cleaned


@admin.register(FormBatch)
class FormBatchAdmin(SimpleHistoryAdmin):
    form = FormBatchForm
    list_display = [
        "place",
        "issued_on",
        "subject",
        "sheets_issued",
        "sheets_entered",
        "sheets_void",
        "sheets_outstanding",
        "pdf_link",
    ]
    list_filter = ["issued_on", "language"]
    search_fields = ["place", "process__title_de", "event__title_de"]
    list_select_related = ["process", "event"]
    autocomplete_fields: list[str] = []
    date_hierarchy = "issued_on"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_issued=Count("form_sheets"),
                n_entered=Count("form_sheets", filter=Q(form_sheets__status="entered")),
                n_void=Count("form_sheets", filter=Q(form_sheets__status="void")),
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            kwargs["queryset"] = Event.objects.select_related("process").order_by("-starts_at")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            # The numbers are drawn: a batch is a record of what was handed out.
            return [
                "process",
                "event",
                "place",
                "issued_on",
                "sheets",
                "language",
                "consent_version",
                "counts",
                "pdf_link",
            ]
        return []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["process", "event", "place", "issued_on", "sheets", "language"]
        return self.get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        batch = actions.issue_batch(
            process=form.cleaned_data["process"],
            event=form.cleaned_data["event"],
            place=form.cleaned_data["place"],
            sheets=form.cleaned_data["sheets"],
            issued_on=form.cleaned_data["issued_on"],
            language=form.cleaned_data["language"],
            issued_by=request.user,
        )
        obj.pk = batch.pk
        obj.refresh_from_db()

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(
            request,
            gettext(
                "%(count)s numbered sheets are ready. Download the PDF and print it double-sided."
            )
            % {"count": obj.sheets},
        )
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description=_("for"))
    def subject(self, obj):
        return obj.event or obj.process

    @admin.display(description=_("issued"), ordering="n_issued")
    def sheets_issued(self, obj):
        return getattr(obj, "n_issued", None)

    @admin.display(description=_("entered"), ordering="n_entered")
    def sheets_entered(self, obj):
        return getattr(obj, "n_entered", None)

    @admin.display(description=_("void"), ordering="n_void")
    def sheets_void(self, obj):
        return getattr(obj, "n_void", None)

    @admin.display(description=_("still out"))
    def sheets_outstanding(self, obj):
        if getattr(obj, "n_issued", None) is None:
            return None
        return obj.n_issued - obj.n_entered - obj.n_void

    @admin.display(description=_("sheets"))
    def counts(self, obj):
        from paper.selectors import counts_for_batch

        counts = counts_for_batch(obj)
        return gettext(
            "%(issued)s issued, %(entered)s entered, %(void)s void, %(out)s still out"
        ) % {
            "issued": counts["issued"],
            "entered": counts["entered"],
            "void": counts["void"],
            "out": counts["outstanding"],
        }

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        if obj.pk is None:
            return self.get_empty_value_display()
        url = reverse("admin:paper_formbatch_pdf", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            gettext("Download the forms (PDF, %(n)s sheets)") % {"n": obj.sheets},
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/pdf/",
                self.admin_site.admin_view(self.pdf_view),
                name="paper_formbatch_pdf",
            ),
            *super().get_urls(),
        ]

    def pdf_view(self, request, pk):
        """The batch's sheets as a PDF (nothing personal in it: blank forms)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        from paper.pdf import batch_pdf

        batch = get_object_or_404(FormBatch.objects.select_related("process", "event"), pk=pk)
        response = HttpResponse(batch_pdf(batch), content_type="application/pdf")
        filename = f"formulare-{slugify(batch.place)}-{batch.issued_on:%Y-%m-%d}-{batch.pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(FormSheet)
class FormSheetAdmin(SimpleHistoryAdmin):
    list_display = ["printed_number", "batch", "status", "entered_at", "registration_link"]
    list_filter = ["status", "batch__issued_on"]
    search_fields = ["number"]
    list_select_related = ["batch__process", "batch__event", "registration"]
    readonly_fields = [
        "printed_number",
        "batch",
        "status",
        "registration_link",
        "entered_at",
        "entered_by",
        "voided_at",
    ]
    fields = readonly_fields
    actions = ["mark_void"]

    @admin.display(description=_("form number"), ordering="number")
    def printed_number(self, obj):
        return obj.printed_number

    @admin.display(description=_("registration"))
    def registration_link(self, obj):
        if obj.registration_id is None:
            return self.get_empty_value_display()
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:participation_registration_change", args=[obj.registration_id]),
            obj.registration.reference if obj.registration else obj.registration_id,
        )

    def get_search_results(self, request, queryset, search_term):
        # Staff search the number as printed (2026-004711-1) or as scanned (20260047111).
        try:
            digits = parse(search_term).digits
        except InvalidFormNumber:
            digits = "".join(character for character in search_term if character.isdigit())
        if not digits:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(number__startswith=digits), False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Mark selected sheets as void (spoiled, lost, returned blank)"),
        permissions=["change"],
    )
    def mark_void(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = actions.void_sheets(sheets=list(queryset), by=request.user)
        self.message_user(
            request,
            gettext("%(count)s sheets marked void; entered sheets were left as they are.")
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DuplicateDecision)
class DuplicateDecisionAdmin(admin.ModelAdmin):
    list_display = ["sheet", "decision", "candidate", "registration", "decided_at"]
    list_filter = ["decision", "decided_at"]
    list_select_related = ["sheet", "candidate", "registration"]
    readonly_fields = [
        "sheet",
        "candidate",
        "registration",
        "decision",
        "decided_by",
        "decided_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

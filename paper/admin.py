"""Staff area for the paper channel: issuing batches of printed forms, sheets, duplicate decisions.

Organisers (Veranstaltungsorganisation) add a :class:`FormBatch` ("Bürgerbüro Pasing, 50 sheets");
saving it draws the numbers (:func:`paper.actions.issue_batch`), and the batch's
page offers the PDF. The list shows per batch how many sheets were issued, returned, entered and
void, how many came back but are not typed in yet and how many are missing. A batch's "Returned
sheets" page records a pile that came back, by count or by scanned or typed numbers
(:func:`paper.actions.record_returns`). Sheets can be marked void (spoiled or blank, or lost);
nothing here edits a number or an entered sheet.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from munich_portal.core.numbers import InvalidFormNumber, parse
from paper import actions, selectors
from paper.models import MAX_SHEETS_PER_BATCH, DuplicateDecision, FormBatch, FormSheet, SheetReturn
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


class ReturnCountForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of sheets that came back"),
        min_value=1,
        max_value=MAX_SHEETS_PER_BATCH,
        help_text=_("Count the pile, for example 23 sheets from the Bürgerbüro."),
    )


class ReturnNumbersForm(forms.Form):
    numbers = forms.CharField(
        label=_("Form numbers of the sheets that came back"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 30}),
        max_length=MAX_SHEETS_PER_BATCH * 24,
        help_text=_(
            "Scan the QR codes or type the numbers, one per line, for example 2026-004711-1."
        ),
    )

    def clean_numbers(self):
        numbers = actions.split_numbers(self.cleaned_data["numbers"])
        if not numbers:
            raise forms.ValidationError(_("Enter at least one form number."))
        if len(numbers) > MAX_SHEETS_PER_BATCH:
            raise forms.ValidationError(
                _("At most %(max)s numbers at once.") % {"max": MAX_SHEETS_PER_BATCH}
            )
        return numbers


@admin.register(FormBatch)
class FormBatchAdmin(SimpleHistoryAdmin):
    form = FormBatchForm
    list_display = [
        "place",
        "issued_on",
        "subject",
        "sheets_issued",
        "sheets_returned",
        "sheets_entered",
        "sheets_void",
        "sheets_waiting",
        "sheets_missing",
        "pdf_link",
    ]
    list_filter = ["issued_on", "language"]
    search_fields = ["place", "process__title_de", "event__title_de"]
    list_select_related = ["process", "event"]
    autocomplete_fields: list[str] = []
    date_hierarchy = "issued_on"

    def get_queryset(self, request):
        return selectors.batches_with_counts(super().get_queryset(request))

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
                "returns_link",
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
        return obj.n_issued

    @admin.display(description=_("returned"))
    def sheets_returned(self, obj):
        return selectors.accounting(obj).returned

    @admin.display(description=_("entered"), ordering="n_entered")
    def sheets_entered(self, obj):
        return obj.n_entered

    @admin.display(description=_("void"), ordering="n_void")
    def sheets_void(self, obj):
        return obj.n_void

    @admin.display(description=_("returned, not entered"))
    def sheets_waiting(self, obj):
        return selectors.accounting(obj).waiting

    @admin.display(description=_("missing"))
    def sheets_missing(self, obj):
        return selectors.accounting(obj).missing

    @admin.display(description=_("sheets"))
    def counts(self, obj):
        counts = selectors.counts_for_batch(obj)
        return (
            gettext(
                "%(issued)s issued, %(returned)s returned, %(entered)s entered, %(void)s void, "
                "%(waiting)s returned but not entered, %(missing)s missing"
            )
            % counts
        )

    @admin.display(description=_("returned sheets"))
    def returns_link(self, obj):
        if obj.pk is None:
            return self.get_empty_value_display()
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:paper_formbatch_returns", args=[obj.pk]),
            gettext("Record returned sheets"),
        )

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
            path(
                "<int:pk>/returns/",
                self.admin_site.admin_view(self.returns_view),
                name="paper_formbatch_returns",
            ),
            *super().get_urls(),
        ]

    def returns_view(self, request, pk):
        """Record a pile of the batch's sheets that came back: by count or by their numbers.

        Two forms on one page; a bad count or bad numbers are errors next to the field and in
        the summary (each bad number named), the input kept and nothing recorded. A recorded
        pile is in the admin log and the page shows the batch's accounting and its returns.
        """
        if not request.user.has_perm("paper.add_sheetreturn"):
            raise PermissionDenied
        batch = get_object_or_404(
            self.get_queryset(request).select_related("process", "event"), pk=pk
        )
        count_form, numbers_form = ReturnCountForm(prefix="c"), ReturnNumbersForm(prefix="n")
        if request.method == "POST":
            by_count = "record_count" in request.POST
            form = (
                ReturnCountForm(request.POST, prefix="c")
                if by_count
                else ReturnNumbersForm(request.POST, prefix="n")
            )
            if by_count:
                count_form = form
            else:
                numbers_form = form
            if form.is_valid():
                try:
                    returns = actions.record_returns(
                        batch=batch,
                        by=request.user,
                        count=form.cleaned_data.get("count"),
                        numbers=form.cleaned_data.get("numbers", ()),
                    )
                except actions.BadReturnNumbers as error:
                    form.add_error("numbers", [message for _line, message in error.errors])
                except actions.PaperError as error:
                    form.add_error(error.field if error.field in form.fields else None, str(error))
                else:
                    total = sum(row.count for row in returns)
                    for row in returns:
                        self.log_addition(request, row, [{"added": {}}])
                    messages.success(
                        request,
                        gettext("%(count)s sheets recorded as returned for %(batch)s.")
                        % {"count": total, "batch": batch.place},
                    )
                    return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Returned sheets: %(batch)s") % {"batch": batch},
            "opts": self.opts,
            "batch": batch,
            "counts": selectors.counts_for_batch(batch),
            "count_form": count_form,
            "numbers_form": numbers_form,
            "returns": batch.returns.select_related("sheet", "recorded_by")[:50],
            "change_url": reverse("admin:paper_formbatch_change", args=[batch.pk]),
        }
        return TemplateResponse(request, "admin/paper/batch_returns.html", context)

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
        "lost",
        "registration_link",
        "entered_at",
        "entered_by",
        "voided_at",
    ]
    fields = readonly_fields
    actions = ["mark_void", "mark_lost"]

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
        description=_("Mark selected sheets as void (came back spoiled or blank)"),
        permissions=["change"],
    )
    def mark_void(self, request, queryset):
        self._void(request, queryset, lost=False)

    @admin.action(
        description=_("Mark selected sheets as void and lost (never came back)"),
        permissions=["change"],
    )
    def mark_lost(self, request, queryset):
        self._void(request, queryset, lost=True)

    def _void(self, request, queryset, *, lost: bool):
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = actions.void_sheets(sheets=list(queryset), by=request.user, lost=lost)
        self.message_user(
            request,
            gettext("%(count)s sheets marked void; entered sheets were left as they are.")
            % {"count": count},
            messages.SUCCESS,
        )


class _RecordAdmin(admin.ModelAdmin):
    """Records written by the paper actions: read in the staff area, never added, changed or
    deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SheetReturn)
class SheetReturnAdmin(_RecordAdmin):
    """Read-only record of the piles that came back; they are recorded on the batch's page."""

    list_display = ["recorded_at", "batch", "count", "sheet", "recorded_by"]
    list_filter = ["recorded_at"]
    list_select_related = ["batch__process", "batch__event", "sheet", "recorded_by"]
    readonly_fields = ["batch", "count", "sheet", "recorded_at", "recorded_by"]
    fields = readonly_fields


@admin.register(DuplicateDecision)
class DuplicateDecisionAdmin(_RecordAdmin):
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

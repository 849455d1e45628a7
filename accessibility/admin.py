"""The accessibility officer's staff area (role Barrierefreiheit, docs/roles.md).

- The statement with its known barriers as inline rows, publishing and the yearly review (a copy
  of the published version becomes the draft), with history and the review reminder.
- Barrier reports: the worklist with deadline filters ("overdue"), status changes, and an
  "Answer" page that e-mails the answer or records a letter or call. The admin site mixes the
  audit trail into this admin (every view and list of reports is a data-use event).
- The sign-language video: upload the real video, captions and transcript.
"""

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accessibility import actions, selectors
from accessibility.forms import AnswerForm
from accessibility.models import (
    AccessibilityStatement,
    BarrierReport,
    KnownBarrier,
    ReportStatus,
    SignLanguageVideo,
)
from munich_portal.audit.actions import record_use

# --- The statement ------------------------------------------------------------------------------


class KnownBarrierInline(admin.StackedInline):
    model = KnownBarrier
    extra = 0
    fields = [
        "position",
        "description_de",
        "description_en",
        "reason",
        "fixed_by",
        "alternative_de",
        "alternative_en",
    ]


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(SimpleHistoryAdmin):
    inlines = [KnownBarrierInline]
    list_display = ["__str__", "is_published", "conformance", "reviewed_on", "review_due"]
    list_filter = ["is_published", "conformance"]
    readonly_fields = ["is_published", "published_at", "review_due_on"]
    actions = ["publish", "copy_for_review"]
    fieldsets = [
        (_("Publication"), {"fields": ["is_published", "published_at"]}),
        (
            _("Compliance status"),
            {
                "fields": [
                    "conformance",
                    "conformance_text_de",
                    "conformance_text_en",
                    "alternatives_de",
                    "alternatives_en",
                ]
            },
        ),
        (
            _("Preparation and review"),
            {
                "fields": [
                    "prepared_on",
                    "reviewed_on",
                    "review_due_on",
                    "assessment_date",
                    "assessment_method",
                    "assessment_details_de",
                    "assessment_details_en",
                ]
            },
        ),
        (
            _("Feedback contact"),
            {"fields": ["feedback_email", "feedback_phone", "feedback_postal_address"]},
        ),
        (
            _("Enforcement body"),
            {
                "fields": [
                    "enforcement_body",
                    "enforcement_phone",
                    "enforcement_email",
                    "enforcement_website",
                ]
            },
        ),
    ]

    @admin.display(description=_("review due on"))
    def review_due(self, statement):
        if statement.review_is_due():
            return format_html(
                "{} <strong>({})</strong>", statement.review_due_on, _("review overdue")
            )
        return statement.review_due_on

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "reminders": selectors.reminders()}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "reminders": selectors.reminders()}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Publish the selected statement"), permissions=["change"])
    def publish(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one statement to publish."), messages.ERROR
            )
            return
        statement = actions.publish_statement(statement=queryset.get())
        self.message_user(
            request,
            _("“%(statement)s” is now on the site.") % {"statement": statement},
            messages.SUCCESS,
        )

    @admin.action(description=_("Copy as a new draft (for the yearly review)"), permissions=["add"])
    def copy_for_review(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one statement to copy."), messages.ERROR)
            return None
        draft = actions.copy_statement(statement=queryset.get())
        self.message_user(
            request,
            _(
                "A draft was created. Check every barrier and date, then publish it; the "
                "published version stays on the site until then."
            ),
            messages.SUCCESS,
        )
        return redirect("admin:accessibility_accessibilitystatement_change", draft.pk)


# --- Barrier reports ----------------------------------------------------------------------------


class DeadlineFilter(admin.SimpleListFilter):
    """The officer's worklist: reports past their one-month deadline, or due soon."""

    title = _("deadline")
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("overdue")),
            ("week", _("due within 7 days")),
            ("open", _("all open reports")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today=today)
        if self.value() == "week":
            return queryset.open().filter(
                deadline__gte=today, deadline__lte=today + dt.timedelta(days=7)
            )
        if self.value() == "open":
            return queryset.open()
        return queryset


REPORT_CONTENT_FIELDS = [
    "received_at",
    "page",
    "description",
    "assistive_technology",
    "wants_accessible_format",
    "language",
    "name",
    "email",
    "phone",
]


@admin.register(BarrierReport)
class BarrierReportAdmin(SimpleHistoryAdmin):
    list_display = [
        "number",
        "received_at",
        "page",
        "status",
        "deadline_state",
        "wants_accessible_format",
        "contact",
    ]
    list_display_links = ["number", "received_at"]
    list_filter = [DeadlineFilter, "status", "answered_via", "wants_accessible_format"]
    search_fields = ["page", "description", "name", "email"]
    date_hierarchy = "received_at"
    list_per_page = 50
    actions = ["mark_in_progress", "close_reports"]
    fieldsets = [
        (
            _("Report"),
            {
                "fields": [
                    "received_at",
                    "page",
                    "description",
                    "assistive_technology",
                    "wants_accessible_format",
                    "language",
                ]
            },
        ),
        (_("Reporter (optional details)"), {"fields": ["name", "email", "phone", "reporter"]}),
        (_("Handling"), {"fields": ["status", "deadline", "note"]}),
        (_("Answer"), {"fields": ["answer", "answered_via", "answered_at", "closed_at"]}),
    ]
    raw_id_fields = ["reporter"]

    def get_readonly_fields(self, request, obj=None):
        handled = ["deadline", "answer", "answered_via", "answered_at", "closed_at", "reporter"]
        if obj is None:
            # A report that came by phone or letter: staff type in what the person said.
            return [*handled, "status"]
        # What the reporter wrote stays as they wrote it.
        return [*REPORT_CONTENT_FIELDS, *handled]

    @admin.display(description=_("number"), ordering="pk")
    def number(self, report):
        return report.pk

    @admin.display(description=_("answer due by"), ordering="deadline")
    def deadline_state(self, report):
        if report.is_overdue():
            return format_html("{} <strong>({})</strong>", report.deadline, _("overdue"))
        return report.deadline

    @admin.display(description=_("contact"))
    def contact(self, report):
        ways = []
        if report.email:
            ways.append(str(_("e-mail")))
        if report.phone:
            ways.append(str(_("phone")))
        return ", ".join(ways) or "–"  # noqa: RUF001

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data:
            # The status goes through the action (it stamps closed_at, checks the answer).
            obj.status = form.initial.get("status", obj.status)
        obj._change_reason = "staff"
        super().save_model(request, obj, form, change)
        if change and new_status != obj.status:
            try:
                actions.set_report_status(report=obj, status=new_status, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        count = 0
        for report in queryset.open():
            actions.set_report_status(
                report=report, status=ReportStatus.IN_PROGRESS, by=request.user
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d report is in progress.", "%(count)d reports are in progress.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Close (nothing more to do)"), permissions=["change"])
    def close_reports(self, request, queryset):
        count = 0
        for report in queryset.exclude(status=ReportStatus.CLOSED):
            actions.set_report_status(report=report, status=ReportStatus.CLOSED, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d report closed.", "%(count)d reports closed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "reminders": selectors.reminders()}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "answer_url": reverse("admin:accessibility_barrierreport_answer", args=[object_id])
            if self.has_change_permission(request)
            else "",
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/answer/",
                self.admin_site.admin_view(self.answer_view),
                name="accessibility_barrierreport_answer",
            ),
            *super().get_urls(),
        ]

    def answer_view(self, request, pk):
        """Write the answer: e-mail it (through the outbox), or record a letter or call made outside
        the portal."""
        report = get_object_or_404(BarrierReport, pk=pk)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        change_url = reverse("admin:accessibility_barrierreport_change", args=[report.pk])
        if request.method == "POST":
            form = AnswerForm(request.POST, report=report)
            if form.is_valid():
                try:
                    actions.answer_report(
                        report=report,
                        answer=form.cleaned_data["answer"],
                        via=form.cleaned_data["via"],
                        close=form.cleaned_data["close"],
                        by=request.user,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("The answer is recorded."), messages.SUCCESS)
                    return redirect(change_url)
        else:
            form = AnswerForm(
                report=report,
                initial={"answer": report.answer, "via": "email" if report.email else "letter"},
            )
            if report.reporter_id:
                # The page shows the report and the reporter's address, like the change form.
                record_use(
                    action="view",
                    subject=report.reporter_id,
                    record=report,
                    details={"view": "answer"},
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Answer barrier report %(number)s") % {"number": report.pk},
            "opts": self.opts,
            "report": report,
            "form": form,
            "change_url": change_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/accessibility/barrierreport/answer.html", context)


# --- Sign language ------------------------------------------------------------------------------


@admin.register(SignLanguageVideo)
class SignLanguageVideoAdmin(SimpleHistoryAdmin):
    list_display = ["title_de", "is_published", "placeholder", "updated_at"]
    list_filter = ["is_published"]
    fields = [
        "title_de",
        "title_en",
        "video",
        "captions",
        "duration_seconds",
        "transcript_de",
        "transcript_en",
        "is_published",
    ]

    @admin.display(description=_("placeholder"), boolean=True)
    def placeholder(self, video):
        return video.is_placeholder

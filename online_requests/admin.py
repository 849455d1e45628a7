"""Staff area of online requests.

- Editors (Redaktion) build a service's request form (pages and fields as inline rows) and
  publish it; publishing freezes a version (:func:`.actions.publish_form`).
- Case workers (Sachbearbeitung) work the queue: filters per status, service, office and
  "assigned to me"; on a request's page they assign it, change its status (only what the state
  machine allows), write to the applicant and add internal notes. Every page view, save and file
  download is a data-use event (the audit mixin; the file view logs itself).
- Administrators say which departments a case worker works for (``core.StaffMembership``).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from munich_portal.audit.actions import record_use
from online_requests import actions, fields, selectors, states
from online_requests.models import (
    FormField,
    FormPage,
    FormVersion,
    OnlineRequest,
    RequestForm,
    RequestStatus,
    RequestUpload,
)
from online_requests.views import file_response

# --- Forms ---------------------------------------------------------------------------------------


class FormPageInline(admin.TabularInline):
    model = FormPage
    extra = 0
    fields = ["position", "title_de", "title_en"]


class FormFieldInline(admin.StackedInline):
    model = FormField
    extra = 0
    fields = [
        ("page", "position", "key", "kind", "required"),
        ("label_de", "label_en"),
        ("help_de", "help_en"),
        ("choices_de", "choices_en"),
        ("min_value", "max_value"),
        ("allowed_file_types", "max_file_size_mb"),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "page":
            object_id = (
                request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            )
            kwargs["queryset"] = (
                FormPage.objects.filter(form_id=object_id) if object_id else FormPage.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RequestForm)
class RequestFormAdmin(admin.ModelAdmin):
    list_display = ["service", "office", "published_version", "updated_at"]
    search_fields = ["service__name_de", "service__name_en"]
    autocomplete_fields = ["service"]
    readonly_fields = ["versions_overview"]
    fields = [
        "service",
        "office",
        "min_assurance_level",
        "intro_de",
        "intro_en",
        "versions_overview",
    ]
    inlines = [FormPageInline, FormFieldInline]
    actions = ["publish", "unpublish"]

    @admin.display(description=_("published version"))
    def published_version(self, obj):
        version = obj.versions.filter(is_current=True).first()
        return f"v{version.number}" if version else "–"  # noqa: RUF001

    @admin.display(description=_("versions"))
    def versions_overview(self, obj):
        if obj.pk is None:
            return gettext("Save the form, add its pages and fields, then publish it.")
        rows = [
            gettext("v%(number)s published %(when)s%(current)s")
            % {
                "number": version.number,
                "when": version.published_at.strftime("%d.%m.%Y %H:%M"),
                "current": gettext(" (current)") if version.is_current else "",
            }
            for version in obj.versions.all()
        ]
        return "; ".join(rows) or gettext("Not published yet: residents cannot apply online.")

    @admin.action(description=_("Publish selected forms (new version)"), permissions=["change"])
    def publish(self, request, queryset):
        published = 0
        for request_form in queryset:
            try:
                actions.publish_form(request_form=request_form, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{request_form}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d form published.", "%(count)d forms published.", published)
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Take selected forms offline"), permissions=["change"])
    def unpublish(self, request, queryset):
        for request_form in queryset:
            actions.unpublish_form(request_form=request_form)
        self.message_user(
            request, gettext("The forms are offline; drafts and requests keep their version.")
        )


@admin.register(FormVersion)
class FormVersionAdmin(admin.ModelAdmin):
    list_display = ["form", "number", "is_current", "published_at"]
    list_filter = ["is_current"]
    readonly_fields = ["form", "number", "definition", "is_current", "published_at", "published_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Requests ------------------------------------------------------------------------------------


class AssignedFilter(admin.SimpleListFilter):
    title = _("assigned")
    parameter_name = "zugewiesen"

    def lookups(self, request, model_admin):
        return [("me", _("assigned to me")), ("none", _("not assigned"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "none":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class OpenFilter(admin.SimpleListFilter):
    title = _("open or closed")
    parameter_name = "offen"

    def lookups(self, request, model_admin):
        return [("1", _("open")), ("0", _("closed"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(status__in=states.OPEN)
        if self.value() == "0":
            return queryset.filter(status__in=states.FINAL)
        return queryset


class CaseForm(forms.ModelForm):
    """The request's page for case workers: assignment, status, message, note in one save."""

    # A text field with a select: only allowed targets are offered, and anything else that is
    # sent gets the state machine's own message (not "select a valid choice").
    new_status = forms.CharField(
        label=_("change status to"), required=False, max_length=30, widget=forms.Select
    )
    message = forms.CharField(
        label=_("message to the applicant"),
        required=False,
        max_length=actions.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown in the applicant's account; the e-mail only says that there is news, "
            "without the text."
        ),
    )
    asks_for_information = forms.BooleanField(
        label=_("the message asks for information (status: information requested)"),
        required=False,
    )
    note = forms.CharField(
        label=_("internal note"),
        required=False,
        max_length=actions.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only case workers see internal notes."),
    )

    class Meta:
        model = OnlineRequest
        fields = ["assigned_to", "office"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.instance.status
        targets = states.allowed_targets(status, who=states.STAFF)
        labels = dict(RequestStatus.choices)
        self.fields["new_status"].widget.choices = [("", gettext("(unchanged)"))] + [
            (value, labels[value]) for value in targets
        ]
        if "assigned_to" in self.fields:
            department_id = (
                self.instance.service.department_id if self.instance.service_id else None
            )
            self.fields["assigned_to"].queryset = (
                get_user_model()
                .objects.filter(
                    is_staff=True,
                    is_active=True,
                    staff_memberships__department_id=department_id,
                )
                .distinct()
            )

    def clean_new_status(self):
        value = self.cleaned_data.get("new_status")
        if value:
            try:
                states.check(self.instance.status, value, who=states.STAFF)
            except states.IllegalTransition as error:
                raise forms.ValidationError(error.message) from None
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("asks_for_information") and not (cleaned.get("message") or "").strip():
            self.add_error("message", gettext("Write what information you need."))
        if (
            cleaned.get("asks_for_information")
            and self.instance.status != RequestStatus.INFORMATION_REQUESTED
        ):
            try:
                states.check(
                    self.instance.status, RequestStatus.INFORMATION_REQUESTED, who=states.STAFF
                )
            except states.IllegalTransition as error:
                self.add_error("asks_for_information", error.message)
        new_status = cleaned.get("new_status")
        if (
            cleaned.get("asks_for_information")
            and new_status
            and new_status != RequestStatus.INFORMATION_REQUESTED
        ):
            self.add_error("new_status", actions.NEW_STATUS_WITH_QUESTION)
        return cleaned


@admin.register(OnlineRequest)
class OnlineRequestAdmin(admin.ModelAdmin):
    form = CaseForm
    list_display = ["reference", "service", "office", "status", "submitted_at", "assigned_to"]
    list_filter = [
        OpenFilter,
        "status",
        AssignedFilter,
        ("service", admin.RelatedOnlyFieldListFilter),
        ("office", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["reference"]
    ordering = ["submitted_at"]
    list_select_related = ["service", "office", "assigned_to"]
    actions = ["assign_to_me"]
    readonly_fields = [
        "reference",
        "service",
        "status",
        "submitted_at",
        "closed_at",
        "applicant",
        "case_file",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "service",
                    "status",
                    "submitted_at",
                    "closed_at",
                    "applicant",
                ]
            },
        ),
        (_("Request"), {"fields": ["case_file"]}),
        (
            _("Work on the request"),
            {
                "fields": [
                    "assigned_to",
                    "office",
                    "new_status",
                    "message",
                    "asks_for_information",
                    "note",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return selectors.requests_for_staff(request.user).select_related(
            "service", "office", "assigned_to", "user", "form_version"
        )

    def has_add_permission(self, request):
        return False  # requests come from residents

    def has_delete_permission(self, request, obj=None):
        return False  # retention deletes (three years after closing)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            readonly += ["assigned_to", "office"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            return fieldsets[:2]
        return fieldsets

    @admin.display(description=_("applicant"))
    def applicant(self, obj):
        return f"{obj.user.full_name} <{obj.user.email}>" if obj.user.full_name else obj.user.email

    @admin.display(description=_("answers, files, messages and notes"))
    def case_file(self, obj):
        uploads = actions.draft_uploads(obj)
        return render_to_string(
            "admin/online_requests/case_file.html",
            {
                "online_request": obj,
                "pages": fields.pages_with_answers(
                    obj.form_version.definition, obj.answers, uploads
                ),
                "thread": obj.messages.prefetch_related("uploads"),
                "notes": obj.notes.select_related("author"),
                "status_changes": obj.status_changes.all(),
                "file_url_name": "admin:online_requests_onlinerequest_file",
            },
        )

    def save_model(self, request, obj, form, change):
        """Through one action: assignment, message, status and note in one transaction, and at
        most one e-mail to the applicant (:func:`.actions.work_on_request`)."""
        data = form.cleaned_data
        assignment = {}
        if "assigned_to" in form.changed_data or "office" in form.changed_data:
            assignment = {"assignee": data.get("assigned_to"), "office": data.get("office")}
        actions.work_on_request(
            online_request=obj,
            actor=request.user,
            message=data.get("message") or "",
            ask_for_information=bool(data.get("asks_for_information")),
            to_status=data.get("new_status") or "",
            note=data.get("note") or "",
            **assignment,
        )

    @admin.action(description=_("Assign selected requests to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = 0
        for online_request in queryset:
            actions.assign(online_request=online_request, assignee=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request assigned to you.", "%(count)d requests assigned to you.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/datei/<uuid:upload_id>/",
                self.admin_site.admin_view(self.file_view),
                name="online_requests_onlinerequest_file",
            ),
            *super().get_urls(),
        ]

    def file_view(self, request, object_id, upload_id):
        """A file of a request the case worker may see; the download is a data-use event."""
        online_request = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, online_request):
            raise Http404
        upload = get_object_or_404(RequestUpload, pk=upload_id, request=online_request)
        record_use(
            action="export",
            subject=online_request.user_id,
            record=upload,
            details={"view": "file download", "request": online_request.reference},
        )
        return file_response(upload)

    def file_url(self, online_request, upload) -> str:
        return reverse(
            "admin:online_requests_onlinerequest_file", args=[online_request.pk, upload.pk]
        )

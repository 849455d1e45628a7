"""Staff area for ideas: the moderation queue, answers and statuses, blocks.

- **Moderation queue**: the abuse reports list (open ones first) and the ideas/comments lists
  filtered to "waiting for moderation"; each item's "Moderate" page decides: approve, hide (with
  a public reason), restore, note to the author, and optionally block the author. Every decision
  goes through :func:`ideas.actions.moderate` and is a
  :class:`~participation.models.ModerationDecision` row (read-only here).
- **Answers and statuses**: an idea's change page edits only the official answer, the status and
  its reason (:func:`~ideas.actions.answer_idea`, which tells the author). The
  content of ideas is never edited by staff.
- **Redaction queue** (``…/ideas/idea/schwaerzen/``): ideas and comments kept anonymised after
  their author deleted the account. A moderator edits out the personal data the automatic scrub
  left (:func:`~ideas.actions.redact`, which rewrites the history rows too), the data-protection
  officer approves or sends it back (:func:`~ideas.actions.review_redaction`). Only moderators
  and the officer open it; the rows are read through the scope layer.
- Letters about ideas to paper contributors without e-mail are the kernel's letters
  (``munich_portal.messaging``): listed and printed with every other letter.

The admin site wraps these classes with the audit mixin (declared models): lists, change pages
and history are data-use events; the custom moderation page logs its view itself.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ideas import actions, rules
from ideas.models import (
    Comment,
    Idea,
    IdeaCategory,
    IdeaStatus,
    Moderation,
    ModerationDecision,
    Redaction,
    Report,
    UserBlock,
)
from munich_portal.audit.admin_mixins import is_data_protection_officer
from munich_portal.core.scopes import for_staff


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("approve / publish")),
            ("hide", _("hide (the reason is shown publicly)")),
            ("restore", _("restore (publish again)")),
            ("note", _("only write a note to the author")),
            ("dismiss", _("reports unfounded: leave as it is")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Public reason (for hiding)"),
        help_text=_("Shown in place of the content, e.g. “Insults other participants.”"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note_to_author = forms.CharField(
        label=_("Note to the author (e-mail, optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    block_author = forms.BooleanField(
        label=_("Also block the author from contributing to this process"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "hide" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the content is hidden; it is shown publicly."))
        if cleaned.get("decision") == "note" and not (cleaned.get("note_to_author") or "").strip():
            self.add_error("note_to_author", _("Write the note."))
        if cleaned.get("block_author") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the author is blocked."))
        return cleaned


class _ModerationMixin:
    """The "Moderate" page of an idea or comment, and bulk approval for the queue."""

    moderate_template = "admin/ideas/moderate.html"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<int:pk>/moderieren/",
                self.admin_site.admin_view(self.moderate_view),
                name="{}_{}_moderate".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        """The "Moderate" column only for those who may moderate (others would get 403)."""
        columns = list(super().get_list_display(request))
        if not rules.can_moderate(request.user):
            columns = [column for column in columns if column != "moderate_link"]
        return columns

    @admin.display(description=_("moderate"))
    def moderate_link(self, obj):
        info = self.model._meta.app_label, self.model._meta.model_name
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:{}_{}_moderate".format(*info), args=[obj.pk]),
            gettext("Moderate"),
        )

    def moderate_view(self, request, pk):
        if not rules.can_moderate(request.user):
            raise PermissionDenied
        obj = get_object_or_404(self.model.objects.select_related("process"), pk=pk)
        if request.method == "POST":
            form = ModerationForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    actions.moderate(
                        target=obj,
                        action=data["decision"],
                        by=request.user,
                        reason=data["reason"],
                        note_to_author=data["note_to_author"],
                    )
                    if data["block_author"] and obj.author_id:
                        actions.block_user(
                            user=obj.author,
                            by=request.user,
                            reason=data["reason"],
                            process=obj.process,
                        )
                except actions.IdeaError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, gettext("The decision is saved."))
                    info = self.model._meta.app_label, self.model._meta.model_name
                    return redirect(reverse("admin:{}_{}_changelist".format(*info)))
        else:
            form = ModerationForm()
            self._log_use(request, action="view", obj=obj, details={"view": "moderate"})
        reports = obj.reports.order_by("-created_at")
        decisions = obj.moderation_decisions.order_by("-decided_at")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Moderate: %(item)s") % {"item": obj},
            "obj": obj,
            "form": form,
            "reports": reports,
            "decisions": decisions,
            "public_url": obj.get_absolute_url(),
        }
        return TemplateResponse(request, self.moderate_template, context)

    def has_moderate_permission(self, request, obj=None) -> bool:
        return rules.can_moderate(request.user)

    @admin.action(description=_("Approve and publish the selected items"), permissions=["moderate"])
    def approve_selected(self, request, queryset):
        count = 0
        for obj in queryset.filter(moderation=Moderation.PENDING):
            actions.moderate(target=obj, action="approve", by=request.user)
            count += 1
        messages.success(request, gettext("%(count)s items published.") % {"count": count})

    def get_actions(self, request):
        found = super().get_actions(request)
        if not rules.can_moderate(request.user):
            found.pop("approve_selected", None)
        return found


class ModerationFilter(admin.SimpleListFilter):
    title = _("moderation queue")
    parameter_name = "warteschlange"

    def lookups(self, request, model_admin):
        return [("offen", _("waiting or reported"))]

    def queryset(self, request, queryset):
        if self.value() == "offen":
            return queryset.filter(
                Q(moderation=Moderation.PENDING) | Q(reports__handled_at__isnull=True)
            ).distinct()
        return queryset


class RedactionForm(forms.Form):
    """The text of a kept contribution, without the personal data the scrub could not know."""

    title = forms.CharField(label=_("Title"), max_length=120)
    text = forms.CharField(
        label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, with_title: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]
            self.fields["text"].max_length = 2000


_REDACTION_KINDS = {"idee": Idea, "kommentar": Comment}
_OPEN_REDACTION = [Redaction.PENDING, Redaction.REVIEW]


class _RedactionMixin:
    """The redaction queue of kept contributions and the page redacting one of them."""

    def get_urls(self):
        return [
            path(
                "schwaerzen/",
                self.admin_site.admin_view(self.redaction_queue_view),
                name="ideas_redaction_queue",
            ),
            path(
                "schwaerzen/<str:kind>/<int:pk>/",
                self.admin_site.admin_view(self.redaction_view),
                name="ideas_redaction",
            ),
            *super().get_urls(),
        ]

    def _redaction_rows(self, request, model):
        if not actions.can_redact(request.user):
            raise PermissionDenied
        queryset = model.objects.select_related("process").filter(redaction__in=_OPEN_REDACTION)
        return for_staff(queryset, request.user)

    def redaction_queue_view(self, request):
        groups = [
            (kind, model._meta.verbose_name_plural, self._redaction_rows(request, model))
            for kind, model in _REDACTION_KINDS.items()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": Idea._meta,
            "title": gettext("Redaction of kept contributions"),
            "groups": groups,
            "is_officer": is_data_protection_officer(request.user),
        }
        return TemplateResponse(request, "admin/ideas/redaction_queue.html", context)

    def redaction_view(self, request, kind, pk):
        model = _REDACTION_KINDS.get(kind)
        if model is None:
            raise Http404
        obj = get_object_or_404(self._redaction_rows(request, model), pk=pk)
        with_title = model is Idea
        initial = {"text": obj.text, **({"title": obj.title} if with_title else {})}
        is_officer = is_data_protection_officer(request.user)
        form = RedactionForm(initial=initial, with_title=with_title)
        review_error = ""
        decision = next((name for name in ("approve", "return") if name in request.POST), None)
        if decision in ("approve", "return"):
            try:
                actions.review_redaction(target=obj, by=request.user, approve=decision == "approve")
            except actions.IdeaError as error:
                review_error = str(error)
            else:
                messages.success(request, gettext("The review is saved."))
                return redirect(reverse("admin:ideas_redaction_queue"))
        elif request.method == "POST":
            form = RedactionForm(request.POST, with_title=with_title)
            if form.is_valid():
                try:
                    actions.redact(
                        target=obj,
                        by=request.user,
                        text=form.cleaned_data["text"],
                        title=form.cleaned_data.get("title"),
                    )
                except actions.IdeaError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(
                        request,
                        gettext("The redaction is saved; the data-protection officer reviews it."),
                    )
                    return redirect(reverse("admin:ideas_redaction_queue"))
        else:
            actions.log_redaction_view(obj)
        context = {
            **self.admin_site.each_context(request),
            "opts": Idea._meta,
            "title": gettext("Redact: %(item)s") % {"item": model._meta.verbose_name},
            "obj": obj,
            "form": form,
            "is_officer": is_officer,
            "can_edit": rules.can_moderate(request.user),
            "in_review": obj.redaction == Redaction.REVIEW,
            "review_error": review_error,
        }
        return TemplateResponse(request, "admin/ideas/redaction.html", context)


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Idea
        fields = ["answer", "status", "status_reason"]


@admin.register(Idea)
class IdeaAdmin(_RedactionMixin, _ModerationMixin, SimpleHistoryAdmin):
    form = AnswerForm
    list_display = [
        "title",
        "process",
        "channel",
        "status",
        "moderation",
        "supports_count",
        "comments_count",
        "open_reports",
        "created_at",
        "moderate_link",
    ]
    list_filter = [ModerationFilter, "moderation", "status", "channel", "process"]
    search_fields = ["title"]
    list_select_related = ["process"]
    date_hierarchy = "created_at"
    actions = ["approve_selected"]
    readonly_fields = [
        "process",
        "title",
        "text",
        "category",
        "district",
        "address",
        "channel",
        "author_name",
        "moderation",
        "moderation_reason",
        "created_at",
        "supports_count",
        "comments_count",
        "answered_at",
        "status_changed_at",
        "public_link",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "public_link",
                    "process",
                    "title",
                    "text",
                    "category",
                    "district",
                    "address",
                    "channel",
                    "author_name",
                    "created_at",
                    "supports_count",
                    "comments_count",
                ]
            },
        ),
        (_("Moderation"), {"fields": ["moderation", "moderation_reason"]}),
        (
            _("Answer and status"),
            {"fields": ["answer", "answered_at", "status", "status_reason", "status_changed_at"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True)))
        )

    @admin.display(description=_("open reports"), ordering="n_open_reports")
    def open_reports(self, obj):
        return getattr(obj, "n_open_reports", None)

    @admin.display(description=_("on the portal"))
    def public_link(self, obj):
        if obj.pk is None:
            return "-"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), gettext("Open"))

    def has_add_permission(self, request):
        return False  # online on the site, or typed in by clerks at /erfassung/ideen/<process>/

    def has_delete_permission(self, request, obj=None):
        return False  # hidden by moderation, never deleted

    def has_change_permission(self, request, obj=None):
        return rules.can_answer(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            return
        data = form.cleaned_data
        actions.answer_idea(
            idea=obj,
            by=request.user,
            answer=data.get("answer"),
            status=data.get("status") or IdeaStatus.NEW,
            reason=data.get("status_reason") or "",
        )

    def save_related(self, request, form, formsets, change):
        pass


@admin.register(Comment)
class CommentAdmin(_ModerationMixin, SimpleHistoryAdmin):
    list_display = [
        "short_text",
        "process",
        "idea",
        "channel",
        "moderation",
        "open_reports",
        "created_at",
        "moderate_link",
    ]
    list_filter = [ModerationFilter, "moderation", "channel", "process"]
    list_select_related = ["process", "idea"]
    date_hierarchy = "created_at"
    actions = ["approve_selected"]
    fields = [
        "process",
        "idea",
        "parent",
        "author_name",
        "channel",
        "text",
        "created_at",
        "edited_at",
        "deleted_at",
        "moderation",
        "moderation_reason",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True)))
        )

    @admin.display(description=_("comment"))
    def short_text(self, obj):
        if obj.deleted_at:
            return gettext("(deleted by the author)")
        return obj.text[:80]

    @admin.display(description=_("open reports"), ordering="n_open_reports")
    def open_reports(self, obj):
        return getattr(obj, "n_open_reports", None)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decisions go through "Moderate"


class OpenFilter(admin.SimpleListFilter):
    title = _("handled")
    parameter_name = "offen"

    def lookups(self, request, model_admin):
        return [("ja", _("open")), ("nein", _("handled"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(handled_at__isnull=True)
        if self.value() == "nein":
            return queryset.filter(handled_at__isnull=False)
        return queryset


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["created_at", "reason", "target", "handled_at", "moderate_target"]
    list_filter = [OpenFilter, "reason"]
    list_select_related = ["idea", "comment"]
    readonly_fields = [
        "idea",
        "comment",
        "reason",
        "details",
        "created_at",
        "handled_at",
        "handled_by",
    ]
    fields = readonly_fields
    ordering = ["handled_at", "-created_at"]

    def get_list_display(self, request):
        """The "Moderate" column only for those who may moderate (others would get 403)."""
        columns = list(super().get_list_display(request))
        if not rules.can_moderate(request.user):
            columns = [column for column in columns if column != "moderate_target"]
        return columns

    @admin.display(description=_("reported content"))
    def target(self, obj):
        return obj.idea or obj.comment

    @admin.display(description=_("moderate"))
    def moderate_target(self, obj):
        if obj.idea_id:
            url = reverse("admin:ideas_idea_moderate", args=[obj.idea_id])
        else:
            url = reverse("admin:ideas_comment_moderate", args=[obj.comment_id])
        return format_html('<a href="{}">{}</a>', url, gettext("Moderate"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UserBlock)
class UserBlockAdmin(SimpleHistoryAdmin):
    list_display = ["user", "process", "created_at", "lifted_at"]
    list_filter = ["process"]
    list_select_related = ["user", "process"]
    readonly_fields = ["user", "process", "reason", "created_at", "blocked_by", "lifted_at"]
    fields = readonly_fields
    actions = ["lift_selected"]

    @admin.action(description=_("Lift the selected blocks"), permissions=["change"])
    def lift_selected(self, request, queryset):
        count = 0
        for block in queryset.filter(lifted_at__isnull=True):
            actions.lift_block(block=block, by=request.user)
            count += 1
        messages.success(request, gettext("%(count)s blocks lifted.") % {"count": count})

    def has_add_permission(self, request):
        return False  # blocks are set from the "Moderate" page of a contribution

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["decided_at", "action", "process", "idea", "comment", "reason"]
    list_filter = ["action", "process"]
    list_select_related = ["process", "idea", "comment"]
    date_hierarchy = "decided_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IdeaCategory)
class IdeaCategoryAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "process", "position"]
    list_filter = ["process"]
    list_select_related = ["process"]
    search_fields = ["name_de", "name_en"]

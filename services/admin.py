"""The catalogue in the staff area: editors (Redaktion) maintain services, life situations,
topics, offices and search synonyms, with history, preview ("View on site" shows drafts to staff),
publish/unpublish actions and the list of services whose review is overdue."""

import datetime as dt

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from services import actions
from services.models import (
    FIM_TEXT_MODULES,
    LifeSituation,
    Office,
    OpeningException,
    OpeningHours,
    SearchSynonym,
    Service,
    Topic,
    review_overdue_before,
)


def _languages_fieldset(title, names, language):
    return (title, {"fields": [f"{name}_{language}" for name in names], "classes": ["collapse"]})


class ReviewStatusFilter(admin.SimpleListFilter):
    """Services whose last editorial review is older than twelve months (or missing)."""

    title = _("editorial review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("overdue (older than 12 months or never)")),
            ("soon", _("due within a month")),
            ("current", _("up to date")),
        ]

    def queryset(self, request, queryset):
        limit = review_overdue_before()
        if self.value() == "overdue":
            return queryset.filter(Q(reviewed_at__lt=limit) | Q(reviewed_at__isnull=True))
        if self.value() == "soon":
            return queryset.filter(
                reviewed_at__gte=limit, reviewed_at__lt=limit + dt.timedelta(days=31)
            )
        if self.value() == "current":
            return queryset.filter(reviewed_at__gte=limit)
        return queryset


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = [
        "name_de",
        "status",
        "ozg_maturity",
        "department",
        "reviewed_at",
        "review_is_overdue",
        "updated_at",
    ]
    list_filter = [
        "status",
        ReviewStatusFilter,
        "ozg_maturity",
        "department",
        "life_situations",
        "topics",
    ]
    list_select_related = ["department"]
    search_fields = ["name_de", "name_en", "leika_key", "synonyms", "keywords_de"]
    prepopulated_fields = {"slug": ["name_de"]}
    filter_horizontal = ["life_situations", "topics", "offices"]
    date_hierarchy = "updated_at"
    save_on_top = True
    actions = ["publish", "unpublish", "mark_reviewed"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name_de",
                    "name_en",
                    "slug",
                    "status",
                    "leika_key",
                    "department",
                    "popular_rank",
                ]
            },
        ),
        (_("Texts in German"), {"fields": [f"{name}_de" for name in FIM_TEXT_MODULES]}),
        _languages_fieldset(_("Texts in English"), FIM_TEXT_MODULES, "en"),
        (_("Leichte Sprache"), {"fields": ["easy_language_de"], "classes": ["collapse"]}),
        (_("Search"), {"fields": ["keywords_de", "keywords_en", "synonyms"]}),
        (_("Online service"), {"fields": ["online_url", "ozg_maturity"]}),
        (
            _("Life situations, topics and offices"),
            {"fields": ["life_situations", "topics", "offices"]},
        ),
        (
            _("Editorial review"),
            {
                "fields": ["reviewed_at", "reviewed_by"],
                "description": _(
                    "The review is recorded for an editorial unit, not a person; who changed "
                    "what is in the history."
                ),
            },
        ),
    ]

    @admin.display(boolean=True, description=_("review overdue"))
    def review_is_overdue(self, service):
        return service.review_overdue

    def save_model(self, request, obj, form, change):
        actions.save_service(service=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        actions.schedule_search_word_refresh()

    @admin.action(description=_("Publish the selected services"), permissions=["change"])
    def publish(self, request, queryset):
        count = actions.publish_services(services=queryset)
        self.message_user(
            request,
            ngettext("%(count)d service published.", "%(count)d services published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected services (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = actions.unpublish_services(services=queryset)
        self.message_user(
            request,
            ngettext("%(count)d service unpublished.", "%(count)d services unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Mark the selected services as reviewed today"), permissions=["change"]
    )
    def mark_reviewed(self, request, queryset):
        count = actions.mark_services_reviewed(services=queryset, reviewed_on=timezone.localdate())
        self.message_user(
            request,
            ngettext(
                "%(count)d service marked as reviewed.",
                "%(count)d services marked as reviewed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0
    fields = ["date", "closed", "opens", "closes", "note_de", "note_en"]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name_de", "kind", "stadtbezirk", "status", "step_free_entrance", "updated_at"]
    list_filter = ["status", "kind", "stadtbezirk", "step_free_entrance", "department"]
    list_select_related = ["stadtbezirk"]
    search_fields = ["name_de", "name_en", "street", "postal_code"]
    prepopulated_fields = {"slug": ["name_de"]}
    inlines = [OpeningHoursInline, OpeningExceptionInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["name_de", "name_en", "slug", "kind", "status", "department"]}),
        (
            _("Address"),
            {"fields": ["street", "postal_code", "city", "stadtbezirk", "latitude", "longitude"]},
        ),
        (
            _("Contact and transport"),
            {"fields": ["phone", "email", "transport_de", "transport_en"]},
        ),
        (
            _("Building accessibility"),
            {
                "fields": [
                    "step_free_entrance",
                    "lift",
                    "accessible_toilet",
                    "induction_loop",
                    "disabled_parking",
                    "accessibility_notes_de",
                    "accessibility_notes_en",
                ]
            },
        ),
    ]

    @admin.action(description=_("Publish the selected offices"), permissions=["change"])
    def publish(self, request, queryset):
        count = actions.publish_offices(offices=queryset)
        self.message_user(
            request,
            ngettext("%(count)d office published.", "%(count)d offices published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected offices"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = actions.unpublish_offices(offices=queryset)
        self.message_user(
            request,
            ngettext("%(count)d office unpublished.", "%(count)d offices unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(LifeSituation)
class LifeSituationAdmin(SimpleHistoryAdmin):
    list_display = ["name_de", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["name_de", "name_en"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name_de", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["name_de", "name_en"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(SearchSynonym)
class SearchSynonymAdmin(SimpleHistoryAdmin):
    list_display = ["term", "alternatives", "language"]
    list_filter = ["language"]
    search_fields = ["term", "alternatives"]

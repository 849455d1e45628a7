"""The data-protection officer's tools in the staff area: the log, unusual access, the register.

- The data-use log (``DataUseEvent``) read-only — no add, change or delete permission, not even for
  superusers; the database refuses changes anyway. Filters by resident (their pseudonym; the
  search box takes a resident's e-mail address and resolves it to the pseudonym on the server),
  staff member (pseudonym, shown with the name to the officer only), purpose, record type,
  action, channel and time.
- "Unusual access": the flags of ``selectors.unusual_access`` for a period.
- The register of processing activities (GDPR Art. 30) as a page and as JSON and CSV downloads.

Who may open them: the Datenschutz role only (its group and ``audit.view_datauseevent``) — a
superuser without the role gets 403 on every page of the log, the anchors and the register, and
does not see them in the staff area's index: the log is the check on administrators
(``admin_mixins.is_data_protection_officer``). Reading the log is itself logged, under the
purpose ``data_protection_audit``: one batch event per page with the filter criteria (personal
values only as keyed hashes) and one event per resident whose entries were shown, so residents
see in Meine Daten that the log about them was read.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from contextvars import ContextVar
from datetime import timedelta

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from munich_portal.audit import purposes as purpose_register
from munich_portal.audit.actions import record_batch_use, record_use
from munich_portal.audit.admin_mixins import is_data_protection_officer, list_criteria
from munich_portal.audit.forms import UnusualAccessForm
from munich_portal.audit.models import AuditAnchor, DataUseEvent, SubjectPseudonym
from munich_portal.audit.pseudonyms import actor_pseudonym, commit
from munich_portal.audit.registry import declarations
from munich_portal.audit.selectors import (
    log_head,
    processing_register,
    processing_register_data,
    unusual_access,
)

LOG_RECORD_TYPE = "audit.datauseevent"

# Staff pseudonyms resolved for the current request (list_display callables get no request).
_actor_names: ContextVar[dict[str, str] | None] = ContextVar("audit_actor_names", default=None)


def staff_names() -> dict[str, str]:
    """``{actor pseudonym: "Name <e-mail>"}`` for everyone who can be a staff actor.

    The pseudonyms are keyed hashes stored nowhere; recomputing them over the staff (a few
    hundred people) is the only way back to a person, and it is the officer's alone.
    """
    users = (
        get_user_model()
        ._base_manager.filter(Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False))
        .distinct()
        .only("pk", "email", "full_name")
    )
    return {
        actor_pseudonym(user): f"{user.full_name} <{user.email}>" if user.full_name else user.email
        for user in users
    }


def _user_ids_for(pseudonyms) -> list[int]:
    wanted = {value for value in pseudonyms if value is not None}
    if not wanted:
        return []
    return list(
        SubjectPseudonym.objects.filter(pseudonym__in=wanted).values_list("user_id", flat=True)
    )


def log_reading(*, action: str, events, criteria: dict) -> None:
    """Log that the officer read ``events``: a batch event and one event per resident concerned."""
    record_batch_use(
        action=action,
        subjects=_user_ids_for(event.subject_pseudonym for event in events),
        record_type=LOG_RECORD_TYPE,
        purpose=purpose_register.AUDIT.code,
        criteria=criteria,
    )


# --- Filters --------------------------------------------------------------------------------------


class ResidentFilter(admin.SimpleListFilter):
    """One resident's entries, by pseudonym (set by the links in the list or the e-mail search)."""

    title = _("resident (pseudonym)")
    parameter_name = "subject_pseudonym"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, value)] if value else []

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        try:
            return queryset.filter(subject_pseudonym=uuid.UUID(value))
        except ValueError:
            return queryset.none()


class StaffMemberFilter(admin.SimpleListFilter):
    title = _("staff member")
    parameter_name = "actor_pseudonym"

    def lookups(self, request, model_admin):
        names = _actor_names.get() or staff_names()
        choices = sorted(names.items(), key=lambda item: item[1].casefold())
        value = self.value()
        if value and value not in names:
            choices.insert(0, (value, value))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(actor_pseudonym=value) if value else queryset


class PurposeFilter(admin.SimpleListFilter):
    title = _("purpose")
    parameter_name = "purpose"

    def lookups(self, request, model_admin):
        return [(purpose.code, purpose.title) for purpose in purpose_register.all_purposes()]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(purpose=value) if value else queryset


class RecordTypeFilter(admin.SimpleListFilter):
    title = _("record type")
    parameter_name = "record_type"

    def lookups(self, request, model_admin):
        choices = [
            (declaration.label, declaration.verbose_name_plural) for declaration in declarations()
        ]
        choices.append((LOG_RECORD_TYPE, DataUseEvent._meta.verbose_name_plural))
        return sorted(choices, key=lambda choice: str(choice[1]).casefold())

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(record_type=value) if value else queryset


class PeriodFilter(admin.SimpleListFilter):
    """Recent periods. (The admin's date hierarchy would read every row of a million-row log to
    list its years and months; exact ranges work as ``?occurred_at__gte=…&occurred_at__lt=…``.)"""

    title = _("time")
    parameter_name = "period"
    PERIODS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30),
               "365d": timedelta(days=365)}  # fmt: skip

    def lookups(self, request, model_admin):
        return [
            ("24h", _("last 24 hours")),
            ("7d", _("last 7 days")),
            ("30d", _("last 30 days")),
            ("365d", _("last 12 months")),
        ]

    def queryset(self, request, queryset):
        period = self.PERIODS.get(self.value() or "")
        if period is None:
            return queryset
        return queryset.filter(occurred_at__gte=timezone.now() - period)


# --- The log --------------------------------------------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nobody adds, changes or deletes through the admin — not even a superuser; only the
    data-protection officer (the Datenschutz role, superuser or not) reads."""

    actions = None

    def has_module_permission(self, request):
        return is_data_protection_officer(request.user)

    def has_view_permission(self, request, obj=None):
        return is_data_protection_officer(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataUseEvent)
class DataUseEventAdmin(ReadOnlyAdmin):
    list_display = [
        "seq",
        "occurred_at",
        "action",
        "record",
        "purpose_title",
        "staff_member",
        "actor_role",
        "resident",
        "case_number",
    ]
    list_display_links = ["seq"]
    list_filter = [
        PeriodFilter,
        ResidentFilter,
        StaffMemberFilter,
        PurposeFilter,
        RecordTypeFilter,
        "action",
        "channel",
    ]
    # The search box; get_search_results decides what a term means.
    search_fields = ["case_number"]
    search_help_text = _(
        "A resident's e-mail address, a pseudonym, a staff pseudonym, a case number, a record "
        "or event number, or a search term staff may have used."
    )
    ordering = ["-seq"]
    list_per_page = 100
    # Counting a million rows twice per page is not worth it.
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["seq", "occurred_at", "action", "record", "purpose_title"]}),
        (
            _("Who"),
            {"fields": ["staff_member", "actor_pseudonym", "actor_role", "actor_department"]},
        ),
        (_("Whose data"), {"fields": ["resident"]}),
        (
            _("Circumstances"),
            {"fields": ["legal_basis", "case_number", "channel", "request_id", "batch_link"]},
        ),
        (_("Details"), {"fields": ["details_text"]}),
        (_("Chain"), {"fields": ["prev_hash", "hash"]}),
    ]
    readonly_fields = [
        "seq",
        "occurred_at",
        "action",
        "record",
        "purpose_title",
        "staff_member",
        "actor_pseudonym",
        "actor_role",
        "actor_department",
        "resident",
        "legal_basis",
        "case_number",
        "channel",
        "request_id",
        "batch_link",
        "details_text",
        "prev_hash",
        "hash",
    ]

    # Columns.

    @admin.display(description=_("record"))
    def record(self, event):
        if event.is_batch:
            count = event.details.get("hit_count", 0)
            url = self._list_url(batch=event.seq)
            return format_html(
                '{} · <a href="{}">{}</a>',
                event.record_verbose_name or gettext("records"),
                url,
                gettext("%(count)s hits, %(subjects)s residents")
                % {"count": count, "subjects": event.details.get("subjects", 0)},
            )
        if not event.record_type:
            return event.details.get("view", "—")
        label = f"{event.record_verbose_name} {event.record_id}".strip()
        if event.record_id and event.record_type != LOG_RECORD_TYPE:
            app_label, _dot, model_name = event.record_type.partition(".")
            try:
                url = reverse(f"admin:{app_label}_{model_name}_history", args=[event.record_id])
            except NoReverseMatch:
                return label
            return format_html('<a href="{}">{}</a>', url, label)
        return label

    @admin.display(description=_("purpose"))
    def purpose_title(self, event):
        return event.purpose_title

    @admin.display(description=_("staff member"))
    def staff_member(self, event):
        names = _actor_names.get()
        if names is None:
            names = staff_names()
        name = names.get(event.actor_pseudonym)
        url = self._list_url(actor_pseudonym=event.actor_pseudonym)
        return format_html(
            '<a href="{}" title="{}">{}</a>',
            url,
            event.actor_pseudonym,
            name or event.actor_pseudonym,
        )

    @admin.display(description=_("resident (pseudonym)"))
    def resident(self, event):
        if event.subject_pseudonym is None:
            return "—"
        value = str(event.subject_pseudonym)
        return format_html(
            '<a href="{}" title="{}">{}…</a>',
            self._list_url(subject_pseudonym=value),
            value,
            value[:8],
        )

    @admin.display(description=_("batch"))
    def batch_link(self, event):
        if event.batch:
            url = reverse("admin:audit_datauseevent_change", args=[event.batch])
            return format_html(
                '<a href="{}">{}</a>',
                url,
                gettext("part of batch event %(seq)s") % {"seq": event.batch},
            )
        if event.is_batch:
            return format_html(
                '<a href="{}">{}</a>',
                self._list_url(batch=event.seq),
                gettext("events of this batch"),
            )
        return "—"

    @admin.display(description=_("details"))
    def details_text(self, event):
        return format_html(
            "<pre>{}</pre>", json.dumps(event.details, indent=2, ensure_ascii=False, sort_keys=True)
        )

    @staticmethod
    def _list_url(**params) -> str:
        from django.utils.http import urlencode

        return f"{reverse('admin:audit_datauseevent_changelist')}?{urlencode(params)}"

    # Search: what the officer types is interpreted here, on the server.

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if "@" in term and " " not in term:
            user_id = (
                get_user_model()
                ._base_manager.filter(email__iexact=term)
                .values_list("pk", flat=True)
                .first()
            )
            pseudonym = (
                SubjectPseudonym.objects.filter(user_id=user_id)
                .values_list("pseudonym", flat=True)
                .first()
                if user_id is not None
                else None
            )
            if pseudonym is None:
                return queryset.none(), False
            return queryset.filter(subject_pseudonym=pseudonym), False
        try:
            return queryset.filter(subject_pseudonym=uuid.UUID(term)), False
        except ValueError:
            pass
        if term.split("-", 1)[0] in ("staff", "user") or term in ("system", "self", "anonymous"):
            return queryset.filter(actor_pseudonym=term), False
        condition = Q(case_number__iexact=term) | Q(request_id=term)
        condition |= Q(details__contains=commit(term)) | Q(details__contains=term[:64])
        if term.isdigit():
            condition |= Q(seq=int(term)) | Q(record_id=term) | Q(batch=int(term))
        return queryset.filter(condition), False

    # Views: reading the log is logged.

    def changelist_view(self, request, extra_context=None):
        token = _actor_names.set(staff_names() if self.has_view_permission(request) else {})
        try:
            response = super().changelist_view(
                request,
                {
                    **(extra_context or {}),
                    "log_head": log_head(),
                    "unusual_url": reverse("admin:audit_datauseevent_unusual"),
                    "register_url": reverse("admin:audit_processing_register"),
                },
            )
            if isinstance(response, TemplateResponse):
                changelist = (response.context_data or {}).get("cl")
                if changelist is not None:
                    events = list(changelist.result_list)
                    criteria = list_criteria(request, tokens_are_safe=True)
                    criteria["total"] = changelist.result_count
                    action = "search" if set(request.GET) - {"p", "o"} else "list"
                    log_reading(action=action, events=events, criteria=criteria)
                response.render()  # inside the context: the columns resolve staff names
            return response
        finally:
            _actor_names.reset(token)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.method in ("GET", "HEAD"):
            user_ids = _user_ids_for([obj.subject_pseudonym])
            if user_ids:
                record_use(
                    action="view",
                    subject=user_ids[0],
                    record_type=LOG_RECORD_TYPE,
                    record_id=obj.seq,
                    purpose=purpose_register.AUDIT.code,
                )
            else:
                log_reading(action="view", events=[], criteria={"seq": obj.seq})
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    # The officer's other pages.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "ungewoehnlich/", view(self.unusual_access_view), name="audit_datauseevent_unusual"
            ),
            path("verzeichnis/", view(self.register_view), name="audit_processing_register"),
            path(
                "verzeichnis.json",
                view(self.register_json_view),
                name="audit_processing_register_json",
            ),
            path(
                "verzeichnis.csv",
                view(self.register_csv_view),
                name="audit_processing_register_csv",
            ),
            *super().get_urls(),
        ]

    def _require_officer(self, request) -> None:
        if not self.has_view_permission(request):
            raise PermissionDenied

    def unusual_access_view(self, request):
        self._require_officer(request)
        form = UnusualAccessForm(request.GET or None)
        valid = not form.is_bound or form.is_valid()
        arguments = form.selector_arguments()
        findings = unusual_access(**arguments) if valid else []
        names = staff_names()
        for finding in findings:
            finding.staff_name = names.get(finding.actor_pseudonym, "")
            finding.log_url = self._list_url(
                actor_pseudonym=finding.actor_pseudonym,
                **(
                    {"q": str(finding.seq)}
                    if finding.seq
                    else {
                        "occurred_at__gte": finding.started_at.isoformat(),
                        "occurred_at__lte": finding.ended_at.isoformat(),
                    }
                ),
            )
        if valid:
            log_reading(
                action="list",
                events=[],
                criteria={
                    "view": "unusual_access",
                    "since": str(arguments["since"]),
                    "until": str(arguments["until"] or ""),
                    "max_subjects": arguments["max_subjects"],
                    "window_minutes": int(arguments["window"].total_seconds() // 60),
                    "findings": len(findings),
                },
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Unusual access"),
            "opts": self.opts,
            "form": form,
            "findings": findings,
            "since": arguments["since"],
            "until": arguments["until"],
            "max_subjects": arguments["max_subjects"],
            "window_minutes": int(arguments["window"].total_seconds() // 60),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/audit/unusual_access.html", context)

    def register_view(self, request):
        self._require_officer(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Register of processing activities (Art. 30 GDPR)"),
            "opts": self.opts,
            "controller": purpose_register.CONTROLLER,
            "entries": processing_register(),
            "generated_at": timezone.now(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/audit/processing_register.html", context)

    def register_json_view(self, request):
        self._require_officer(request)
        response = JsonResponse(
            processing_register_data(), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = 'attachment; filename="verarbeitungsverzeichnis.json"'
        return response

    def register_csv_view(self, request):
        self._require_officer(request)
        data = processing_register_data()
        output = io.StringIO()
        writer = csv.writer(output, delimiter=";")
        writer.writerow(
            [
                "purpose",
                "title",
                "legal_basis",
                "description",
                "data_categories",
                "data_subjects",
                "recipients",
                "third_country_transfers",
                "retention",
                "model",
                "record",
                "personal_fields",
                "retention_days",
                "retention_starts",
                "on_erasure",
            ]
        )
        for activity in data["activities"]:
            common = [
                activity["purpose"],
                activity["title"],
                activity["legal_basis"],
                activity["description"],
                ", ".join(activity["data_categories"]),
                ", ".join(activity["data_subjects"]),
                ", ".join(activity["recipients"]),
                activity["third_country_transfers"],
                activity["retention"],
            ]
            for record in activity["records"] or [None]:
                if record is None:
                    writer.writerow([*common, "", "", "", "", "", ""])
                    continue
                writer.writerow(
                    [
                        *common,
                        record["model"],
                        record["name"],
                        ", ".join(record["personal_fields"]),
                        record["retention_days"] if record["retention_days"] is not None else "",
                        record["retention_starts"],
                        record["on_erasure"],
                    ]
                )
        # A byte-order mark so that spreadsheet programs read the umlauts as UTF-8.
        response = HttpResponse(
            "\ufeff" + output.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="verarbeitungsverzeichnis.csv"'
        return response


@admin.register(AuditAnchor)
class AuditAnchorAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "seq", "hash"]
    ordering = ["-seq"]

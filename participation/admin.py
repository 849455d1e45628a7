"""Participation in the staff area: processes (with phases and documents), events, registrations.

Organisers (Veranstaltungsorganisation) see per event the registrations with channel and status,
the access needs summed up, the paper sheets per batch, check people in at the door and export
the list as CSV. Registrations are declared personal data: the admin site adds the audit mixin to
their admin (purpose of work first, every list, view and change logged); the custom views below
are wrapped by it too and log their own uses (search at the door, check-in, export).
"""

from __future__ import annotations

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from munich_portal.audit.actions import record_batch_use
from munich_portal.audit.admin_mixins import audited_action, list_criteria
from munich_portal.core import scopes
from participation import actions, selectors
from participation.admin_duplicates import DuplicateReportMixin
from participation.consent import current_consent
from participation.extensions import event_overview_sections
from participation.forms import CheckInForm, WalkInForm
from participation.models import (
    AccessNeed,
    ConsentText,
    Event,
    Phase,
    Process,
    ProcessDocument,
    Registration,
    RegistrationStatus,
)

CSV_COLUMNS = [
    ("reference", _("reference code")),
    ("status", _("status")),
    ("channel", _("channel")),
    ("received_at", _("received at")),
    ("first_name", _("first name")),
    ("last_name", _("last name")),
    ("email", _("e-mail")),
    ("phone", _("phone")),
    ("street", _("street and number")),
    ("postal_code", _("postal code")),
    ("city", _("city")),
    ("number_of_people", _("number of people")),
    ("access_needs", _("access needs")),
    ("access_needs_note", _("access needs (details)")),
    ("form_number", _("form number")),
    ("checked_in_at", _("checked in at")),
]


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    # Spreadsheet programs run cells starting with these as formulas (CSV injection).
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def registrations_csv(queryset, *, filename: str) -> HttpResponse:
    """The registrations as CSV (UTF-8 with BOM, semicolons: what German Excel opens directly)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(label) for _name, label in CSV_COLUMNS])
    needs = dict(AccessNeed.choices)
    statuses = dict(RegistrationStatus.choices)
    for registration in queryset:
        row = []
        for name, _label in CSV_COLUMNS:
            value = getattr(registration, name)
            if name == "access_needs":
                value = ", ".join(str(needs.get(need, need)) for need in value)
            elif name == "status":
                value = statuses.get(value, value)
            elif name in ("received_at", "checked_in_at") and value is not None:
                value = timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
            row.append(_csv_cell(value))
        writer.writerow(row)
    return response


# --- processes ----------------------------------------------------------------------------------


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["kind", "title_de", "title_en", "starts_on", "ends_on"]


class ProcessDocumentInline(admin.TabularInline):
    model = ProcessDocument
    extra = 0
    fields = ["title", "file", "language", "position"]


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["title_de", "kind", "starts_at", "capacity", "confirmed_places"]
    readonly_fields = ["title_de", "kind", "starts_at", "capacity", "confirmed_places"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Process)
class ProcessAdmin(SimpleHistoryAdmin):
    list_display = ["title_de", "topic", "department", "status", "updated_at"]
    list_filter = ["status", "topic", "department", "stadtbezirke"]
    search_fields = ["title_de", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_de"]}
    filter_horizontal = ["stadtbezirke"]
    inlines = [PhaseInline, ProcessDocumentInline, EventInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title_de",
                    "slug",
                    "status",
                    "topic",
                    "stadtbezirke",
                    "department",
                    "moderation_mode",  # ideas and comments (issue 7)
                ]
            },
        ),
        (
            _("Texts (German)"),
            {"fields": ["summary_de", "description_de", "easy_language_summary"]},
        ),
        (_("Texts (English)"), {"fields": ["title_en", "summary_en", "description_en"]}),
        (_("Image"), {"fields": ["image", "image_alt_de", "image_alt_en"]}),
        (_("Contact"), {"fields": ["contact_email", "contact_phone"]}),
    ]


# --- events -------------------------------------------------------------------------------------


class EventAdminForm(forms.ModelForm):
    # Not fields of the event: what the organiser tells the registrants, and the cancellation
    # (participation.actions.move_event, cancel_event; shown on the change form only).
    message_to_registrants = forms.CharField(
        label=_("Message to the registrants"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "When you change the time or place or cancel the event, every registrant is told by "
            "e-mail, or by letter if they gave only a postal address. Your words here (for "
            "example the reason) are added to that message."
        ),
    )
    cancel_event = forms.BooleanField(
        label=_("Cancel this event"),
        required=False,
        help_text=_(
            "Every registration is cancelled, the waiting list too, and every registrant is told. "
            "This cannot be undone."
        ),
    )

    class Meta:
        model = Event
        # The admin passes the fieldsets' fields; these are the editable ones.
        fields = [
            "process", "title_de", "slug", "kind", "starts_at", "ends_at", "office",
            "place_name", "place_address", "place_accessibility_de", "place_accessibility_en",
            "online_url", "capacity", "waiting_list_enabled", "registration_opens_at",
            "registration_closes_at", "sign_language", "induction_loop", "step_free",
            "childcare", "easy_language", "description_de", "title_en", "description_en",
        ]  # fmt: skip

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            confirmed = (
                Event.objects.filter(pk=self.instance.pk)
                .values_list("confirmed_places", flat=True)
                .first()
            ) or 0
            if capacity < confirmed:
                # The CHECK constraint would refuse it too; this says why in the form.
                raise forms.ValidationError(
                    _(
                        "%(confirmed)d places are already confirmed. Cancel registrations "
                        "first to lower the capacity below that."
                    ),
                    params={"confirmed": confirmed},
                    code="below_confirmed",
                )
        return capacity

    def clean(self):
        cleaned_data = super().clean()
        starts, ends = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end must be after the start."))
        if not (
            cleaned_data.get("office")
            or cleaned_data.get("place_name")
            or cleaned_data.get("online_url")
        ):
            raise forms.ValidationError(_("Give an office, a place or an online link."))
        moved = [name for name in self.changed_data if name in actions.TIME_AND_PLACE_FIELDS]
        if cleaned_data.get("cancel_event") and moved:
            self.add_error(
                "cancel_event",
                _(
                    "Either cancel the event or change its time and place, not both at once: "
                    "undo the changes to the time and place, or untick the cancellation."
                ),
            )
        return cleaned_data


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    form = EventAdminForm
    list_display = [
        "title_de",
        "process",
        "starts_at",
        "capacity",
        "confirmed_places",
        "places_left_display",
        "registrations_link",
    ]
    list_filter = ["kind", "process"]
    search_fields = ["title_de", "title_en", "slug"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = ["office"]
    readonly_fields = ["confirmed_places", "overview_links", "cancelled_at"]
    list_select_related = ["process"]
    fieldsets = [
        (None, {"fields": ["process", "title_de", "slug", "kind", "overview_links"]}),
        (_("Time and place"), {"fields": [
            "starts_at", "ends_at", "office", "place_name", "place_address",
            "place_accessibility_de", "place_accessibility_en", "online_url",
        ]}),
        (_("Places and registration"), {"fields": [
            "capacity", "confirmed_places", "waiting_list_enabled",
            "registration_opens_at", "registration_closes_at",
        ]}),
        (_("Access support offered"), {"fields": [
            "sign_language", "induction_loop", "step_free", "childcare", "easy_language",
        ]}),
        (_("Texts"), {"fields": ["description_de", "title_en", "description_en"]}),
    ]  # fmt: skip
    #: On the change form only: telling the registrants, cancelling.
    change_fieldset = (
        _("Move or cancel"),
        {"fields": ["message_to_registrants", "cancel_event"]},
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        if obj.cancelled_at is not None:
            # Cancelled once and for good: the date shows, nothing is left to cancel.
            return [*fieldsets, (_("Cancelled"), {"fields": ["cancelled_at"]})]
        return [*fieldsets, self.change_fieldset]

    @admin.display(description=_("places left"))
    def places_left_display(self, obj):
        return obj.places_left

    @admin.display(description=_("registrations"))
    def registrations_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:participation_event_overview", args=[obj.pk]),
            gettext("Registrations at a glance"),
        )

    @admin.display(description=_("registrations"))
    def overview_links(self, obj):
        if obj is None or obj.pk is None:
            return "–"  # noqa: RUF001
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:participation_event_overview", args=[obj.pk]),
            gettext("Registrations at a glance, check-in and export"),
        )

    def get_urls(self):
        return [
            path(
                "<int:event_id>/overview/",
                self.admin_site.admin_view(self.overview_view),
                name="participation_event_overview",
            ),
            *super().get_urls(),
        ]

    def overview_view(self, request, event_id):
        """Counts per status and channel, access needs summed up, paper sheets per batch.

        Only figures, no names: the registrations themselves are in the registrations list.
        """
        if not (
            request.user.has_perm("participation.view_event")
            and request.user.has_perm("participation.view_registration")
        ):
            raise PermissionDenied
        event = get_object_or_404(Event.objects.select_related("process", "office"), pk=event_id)
        summary = selectors.access_needs_summary(event)
        waiting_summary = selectors.access_needs_summary(
            event, statuses=(RegistrationStatus.WAITLISTED,)
        )
        counts = selectors.registration_counts(event)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Registrations: %(event)s") % {"event": event.title_de},
            "opts": self.opts,
            "event": event,
            "counts": counts,
            "statuses": [
                (label, counts["by_status"][value], counts["people_by_status"][value])
                for value, label in RegistrationStatus.choices
            ],
            "channels": [
                (label, counts["by_channel"][value])
                for value, label in Registration._meta.get_field("channel").choices
            ],
            "needs": summary,
            "needs_text": selectors.summary_text(summary),
            "waiting_needs_text": selectors.summary_text(waiting_summary),
            "sections": event_overview_sections(event),
            "registrations_url": reverse("admin:participation_registration_changelist")
            + "?"
            + urlencode({"event__id__exact": event.pk}),
            "check_in_url": reverse("admin:participation_registration_check_in", args=[event.pk]),
            "export_url": reverse("admin:participation_registration_export", args=[event.pk]),
            "can_check_in": request.user.has_perm("participation.check_in_registration"),
            "can_export": request.user.has_perm("participation.export_registration"),
        }
        return TemplateResponse(request, "admin/participation/event_overview.html", context)

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Inside the admin's transaction: the event's change and every message about it are
        # saved together or not at all.
        data = form.cleaned_data
        note = data.get("message_to_registrants", "")
        handled = {"message_to_registrants", "cancel_event"}
        moved = {
            name: data[name] for name in form.changed_data if name in actions.TIME_AND_PLACE_FIELDS
        }
        if moved:
            told = actions.move_event(event=obj, changes=moved, note=note, by=request.user)
            handled.update(moved)
            messages.info(
                request,
                gettext(
                    "The event was moved. Registrations concerned: %(count)d; each is told by "
                    "e-mail or letter where they gave one."
                )
                % {"count": len(told)},
            )
        if "capacity" in form.changed_data:
            # Raising the capacity frees places: give them to the waiting list at once, under
            # the same lock as every registration (actions.change_capacity).
            actions.change_capacity(event=obj, capacity=obj.capacity, by=request.user)
            handled.add("capacity")
        other = [name for name in form.changed_data if name not in handled]
        if other:
            obj.save(update_fields=[*other, "updated_at"])
        if data.get("cancel_event"):
            cancelled = actions.cancel_event(event=obj, note=note, by=request.user)
            messages.info(
                request,
                gettext(
                    "The event was cancelled. Registrations cancelled: %(count)d; each is told "
                    "by e-mail or letter where they gave one."
                )
                % {"count": len(cancelled)},
            )


# --- registrations ------------------------------------------------------------------------------


class AccessNeedFilter(admin.SimpleListFilter):
    title = _("access needs")
    parameter_name = "bedarf"

    def lookups(self, request, model_admin):
        return AccessNeed.choices

    def queryset(self, request, queryset):
        if self.value() in AccessNeed.values:
            return queryset.filter(access_needs__contains=[self.value()])
        return queryset


@admin.register(Registration)
class RegistrationAdmin(DuplicateReportMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "last_name",
        "first_name",
        "event",
        "channel",
        "status",
        "number_of_people",
        "access_needs_display",
        "received_at",
        "checked_in_at",
    ]
    list_filter = ["status", "channel", AccessNeedFilter, "event"]
    search_fields = ["last_name", "first_name", "reference", "email", "form_number"]
    list_select_related = ["event"]
    ordering = ["event", "received_at", "pk"]
    date_hierarchy = "received_at"
    raw_id_fields = ["user", "linked_to"]
    readonly_fields = [
        "event",
        "channel",
        "status",
        "reference",
        "received_at",
        "confirmed_at",
        "consent_version",
        "consented_at",
        "form_number",
        "entered_by",
        "checked_in_at",
        "checked_in_by",
        "cancelled_at",
        "cancelled_by",
        "user",
        "linked_to",
    ]
    fieldsets = [
        (None, {"fields": ["event", "reference", "status", "channel", "received_at"]}),
        (_("Person"), {"fields": [
            "first_name", "last_name", "email", "phone", "street", "postal_code", "city",
            "language", "user",
        ]}),
        (_("Registration"), {"fields": [
            "number_of_people", "access_needs", "access_needs_note", "consent_version",
            "consented_at",
        ]}),
        (_("Processing"), {"fields": [
            "confirmed_at", "form_number", "entered_by", "linked_to", "checked_in_at",
            "checked_in_by", "cancelled_at", "cancelled_by",
        ]}),
    ]  # fmt: skip
    actions = ["export_csv", "cancel_selected"]

    @admin.display(description=_("access needs"))
    def access_needs_display(self, obj):
        needs = dict(AccessNeed.choices)
        return ", ".join(str(needs.get(need, need)) for need in obj.access_needs) or "–"  # noqa: RUF001

    def has_add_permission(self, request):
        # Registrations come through the registration actions (online form, paper entry, the
        # clerks' screens), which keep the capacity; never through a bare admin form.
        return False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == RegistrationStatus.CONFIRMED:
            # The number of people holds places: changed only by cancelling and registering again.
            fields.append("number_of_people")
        return fields

    @admin.action(description=_("Export selected registrations as CSV"), permissions=["export"])
    @audited_action(action="export")
    def export_csv(self, request, queryset):
        # The audit mixin logs this action (record_batch_use, action "export") before it runs.
        return registrations_csv(
            queryset.select_related("event").order_by("event", "received_at", "pk"),
            filename="anmeldungen.csv",
        )

    @admin.action(description=_("Cancel selected registrations"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        promoted = 0
        cancelled = 0
        for registration in queryset.exclude(status=RegistrationStatus.CANCELLED):
            promoted += len(actions.cancel_registration(registration=registration, by=request.user))
            cancelled += 1
        messages.success(
            request,
            gettext("Cancelled: %(cancelled)d. Moved up from the waiting list: %(promoted)d.")
            % {"cancelled": cancelled, "promoted": promoted},
        )

    def has_export_permission(self, request):
        return request.user.has_perm("participation.export_registration")

    def has_check_in_permission(self, request):
        return request.user.has_perm("participation.check_in_registration")

    def get_urls(self):
        return [
            path(
                "check-in/<int:event_id>/",
                self.admin_site.admin_view(self.check_in_view),
                name="participation_registration_check_in",
            ),
            path(
                "export/<int:event_id>/",
                self.admin_site.admin_view(self.export_view),
                name="participation_registration_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, event_id):
        """All registrations of one event as CSV; a data-use event "export" with the purpose."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=event_id)
        queryset = self.get_queryset(request).filter(event=event).order_by("received_at", "pk")
        record_batch_use(
            action="export",
            records=queryset,
            criteria={"event": event.pk, "format": "csv", "view": "event_export"},
        )
        return registrations_csv(queryset, filename=f"anmeldungen-{event.slug}.csv")

    def check_in_view(self, request, event_id):
        """At the door: scan (or type) the code on the confirmation, or find a person by name.

        The code form posts: a code of this event within the organiser's scope checks the person
        in and shows name, number of people and access needs; an unknown code, a place not
        confirmed or a second check-in (naming who and when) is an error next to the field. A
        name (or code) in the search lists the matches, each with a check-in button.
        A walk-in (no registration) is registered and checked in at once while places are free
        (:func:`participation.actions.register_walk_in`).
        """
        if not self.has_check_in_permission(request):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=event_id)
        url = reverse("admin:participation_registration_check_in", args=[event.pk])
        form = CheckInForm()
        can_walk_in = request.user.has_perm("participation.add_registration")
        walk_in_form = WalkInForm() if can_walk_in else None
        shown = None
        if request.method == "POST" and "registration" in request.POST:
            registration_id = request.POST.get("registration", "")[:12]
            registration = get_object_or_404(
                self.get_queryset(request),
                pk=int(registration_id) if registration_id.isdigit() else 0,
                event=event,
            )
            error = self._check_in(request, registration, how="list")
            if error:
                messages.error(request, error)
            else:
                messages.success(request, self._checked_in_text(registration))
            query = request.POST.get("q", "")
            return HttpResponseRedirect(f"{url}?{urlencode({'q': query})}" if query else url)
        if request.method == "POST" and "walk_in" in request.POST:
            if not can_walk_in:
                raise PermissionDenied
            walk_in_form = WalkInForm(request.POST)
            if walk_in_form.is_valid():
                walk_in = self._walk_in(request, event, walk_in_form)
                if walk_in is not None:
                    messages.success(
                        request,
                        gettext(
                            "Registered and checked in: %(name)s (%(people)d people, code "
                            "%(reference)s)."
                        )
                        % {
                            "name": walk_in.full_name,
                            "people": walk_in.number_of_people,
                            "reference": walk_in.reference,
                        },
                    )
                    return HttpResponseRedirect(url)
        elif request.method == "POST":
            form = CheckInForm(request.POST)
            if form.is_valid():
                shown = selectors.registration_for_check_in(
                    form.cleaned_data["code"], event=event, user=request.user
                )
                if shown is None:
                    form.add_error(
                        "code",
                        gettext(
                            "No registration for this event has the code %(code)s. Check the "
                            "code and the event on the confirmation."
                        )
                        % {"code": form.cleaned_data["code"]},
                    )
                else:
                    error = self._check_in(request, shown, how="code")
                    if error:
                        form.add_error("code", error)
                    else:
                        form = CheckInForm()  # empty and focused for the next scan
        query = request.GET.get("q", "").strip()[:100]
        results = []
        if query:
            results = list(
                scopes.for_staff(
                    selectors.registrations_for_event(event, search=query), request.user
                )[:50]
            )
            if results:
                record_batch_use(
                    action="search",
                    records=results,
                    criteria={**list_criteria(request, search_param="q"), "event": event.pk},
                )
            for registration in results:
                # The table shows what the person needs in words, not the stored values.
                registration.need_labels = _need_labels(registration)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Check-in: %(event)s") % {"event": event.title_de},
            "opts": self.opts,
            "event": event,
            "form": form,
            "shown": shown,
            "shown_needs": _need_labels(shown) if shown else [],
            "query": query,
            "results": results,
            "present": selectors.checked_in_people(event),
            "walk_in_form": walk_in_form,
            "places_left": event.places_left,
            "overview_url": reverse("admin:participation_event_overview", args=[event.pk]),
        }
        return TemplateResponse(request, "admin/participation/check_in.html", context)

    def _walk_in(self, request, event, form):
        """Register and check in a walk-in and log it; ``None`` with the reason on ``form``."""
        try:
            registration = actions.register_walk_in(
                event=event,
                person=form.person,
                number_of_people=form.cleaned_data["number_of_people"],
                access_needs=form.cleaned_data["access_needs"],
                consent_version=current_consent().version,
                by=request.user,
            )
        except actions.EventFull as error:
            if error.free:
                form.add_error(
                    "number_of_people",
                    ngettext(
                        "Only %(free)d place is free: let in fewer people, or none.",
                        "Only %(free)d places are free: let in fewer people, or none.",
                        error.free,
                    )
                    % {"free": error.free},
                )
            else:
                form.add_error(
                    None,
                    gettext(
                        "The event is full: no place is free, so no walk-in can be let in. "
                        "Nobody was registered."
                    ),
                )
            return None
        except actions.RegistrationError:
            form.add_error(None, gettext("The event is over: nobody can be registered."))
            return None
        record_batch_use(
            action="create",
            records=[registration],
            criteria={"event": event.pk, "view": "check_in", "by": "walk_in"},
        )
        return registration

    def _check_in(self, request, registration, *, how: str) -> str:
        """Check ``registration`` in and log it; the reason in words when it cannot be."""
        try:
            actions.check_in(registration=registration, by=request.user)
        except actions.AlreadyCheckedIn as error:
            first = error.registration
            # The staff name ends the sentence no more: "B.Sc." would end in two periods.
            return gettext("%(name)s was already checked in by %(who)s at %(time)s.") % {
                "name": registration.full_name,
                "time": timezone.localtime(first.checked_in_at).strftime("%H:%M"),
                "who": _staff_name(first.checked_in_by),
            }
        except actions.NotConfirmed:
            return gettext("%(name)s has no confirmed place (%(status)s).") % {
                "name": registration.full_name,
                "status": registration.get_status_display(),
            }
        registration.refresh_from_db(fields=["checked_in_at", "checked_in_by"])
        # Guests have no account: a batch of one logs their check-in too (action "change").
        record_batch_use(
            action="change",
            records=[registration],
            criteria={"event": registration.event_id, "view": "check_in", "by": how},
        )
        return ""

    @staticmethod
    def _checked_in_text(registration) -> str:
        return gettext("Checked in: %(name)s (%(people)d people, code %(reference)s).") % {
            "name": registration.full_name,
            "people": registration.number_of_people,
            "reference": registration.reference,
        }


def _staff_name(user) -> str:
    if user is None:
        return gettext("someone")
    return user.get_full_name() or user.get_username()


def _need_labels(registration) -> list[str]:
    labels = dict(AccessNeed.choices)
    return [str(labels.get(need, need)) for need in registration.access_needs]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["version", "valid_from"]

    def get_readonly_fields(self, request, obj=None):
        # A version residents have agreed to must not change afterwards: add a new one instead.
        if obj is not None and Registration.objects.filter(consent_version=obj.version).exists():
            return ["version", "text_de", "text_en", "valid_from"]
        return []

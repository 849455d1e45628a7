"""Rights requests in the staff area.

- Clerks (Erfassung) type in a request handed in on paper at a Bürgerbüro (channel paper);
- the data-protection officer (Datenschutz) works the list: deadline with overdue requests flagged
  (a red badge and the filter "overdue"), and on a request's page every record across the apps that
  matches the person (:mod:`munich_portal.audit.finders`), with the steps confirm identity, answer
  with a PDF letter, erase the chosen records (only after the identity was confirmed) and close.

The row scope (``models.RightsRequest``) and the steps' own check
(:func:`is_data_protection_officer`) keep everyone else out: others get 403 for the steps and 404
for requests outside their scope.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from munich_portal.audit.actions import record_batch_use
from munich_portal.audit.admin_mixins import is_data_protection_officer
from munich_portal.rights import actions, selectors
from munich_portal.rights.forms import IdentityForm
from munich_portal.rights.models import RightsRequest

PERSON_FIELDS = ["name", "email", "phone", "street", "postal_code", "city"]


class DeadlineFilter(admin.SimpleListFilter):
    title = gettext_lazy("deadline")
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [("overdue", gettext_lazy("overdue")), ("open", gettext_lazy("not answered yet"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "open":
            return queryset.open()
        return queryset


@admin.register(RightsRequest)
class RightsRequestAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "channel", "received_at", "deadline_state", "status"]
    list_display_links = ["number", "received_at"]
    list_filter = [DeadlineFilter, "status", "kind", "channel"]
    list_per_page = 50
    change_form_template = "admin/rights/rightsrequest/change_form.html"
    fieldsets = [
        (
            gettext_lazy("Request"),
            {"fields": ["kind", "channel", "received_at", "reply_by", "language"]},
        ),
        (gettext_lazy("Person"), {"fields": tuple(PERSON_FIELDS)}),
        (gettext_lazy("Internal"), {"fields": ["note"]}),
    ]
    handled_fields = [
        "deadline",
        "status",
        "entered_by",
        "identity_confirmed_at",
        "identity_confirmed_by",
        "identity_method",
        "identity_note",
        "answered_at",
        "erased_at",
        "closed_at",
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets
        return [*self.fieldsets, (gettext_lazy("Handling"), {"fields": self.handled_fields})]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # What the person asked stays as they asked it.
        return [
            "kind",
            "channel",
            "received_at",
            "reply_by",
            "language",
            *PERSON_FIELDS,
            *self.handled_fields,
        ]

    def has_delete_permission(self, request, obj=None):
        return False  # kept as evidence; retention deletes it three years after closing

    def get_changeform_initial_data(self, request):
        return {"channel": "paper", "received_at": timezone.now()}

    @admin.display(description=gettext_lazy("number"), ordering="pk")
    def number(self, rights_request):
        return rights_request.pk

    @admin.display(description=gettext_lazy("answer due by"), ordering="deadline")
    def deadline_state(self, rights_request):
        if rights_request.is_overdue():
            return format_html(
                '{} <span class="badge badge-overdue">{}</span>',
                rights_request.deadline,
                _("overdue"),
            )
        return rights_request.deadline

    def save_model(self, request, obj, form, change):
        if not change:
            actions.enter_paper_request(obj, by=request.user)
        else:
            obj._change_reason = "staff"
        super().save_model(request, obj, form, change)

    # The officer's page.

    def _step_urls(self, pk) -> dict[str, str]:
        return {
            name: reverse(f"admin:rights_rightsrequest_{name}", args=[pk])
            for name in ("identity", "answer", "erase", "close")
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        if obj is not None and is_data_protection_officer(request.user):
            matches = selectors.matches_for(obj)
            records = {match.label: match.pks for match in matches}
            for match in matches:
                # Looking for the person across the apps is a use of every record found.
                record_batch_use(
                    action="search",
                    subjects=[],
                    record_type=match.label,
                    purpose="data_subject_rights",
                    criteria={"rights_request": obj.pk, "hits": len(match.pks)},
                )
            groups = selectors.records_of(records)
            by_label = {match.label: match for match in matches}
            for group in groups:
                for record in group.records:
                    record.matched_on = by_label[group.label].matched_on.get(record.pk, [])
                    record.with_account = record.pk in by_label[group.label].with_account
            extra_context.update(
                officer=True,
                match_groups=groups,
                identity_form=IdentityForm(),
                step_urls=self._step_urls(obj.pk),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        steps = [
            path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(require_POST(getattr(self, f"{name}_view"))),
                name=f"rights_rightsrequest_{name}",
            )
            for name in ("identity", "answer", "erase", "close")
        ]
        return [*steps, *super().get_urls()]

    def _officers_request(self, request, pk) -> RightsRequest:
        if not is_data_protection_officer(request.user):
            raise PermissionDenied
        obj = self.get_object(request, str(pk))
        if obj is None:
            raise Http404
        return obj

    def _back(self, obj):
        return redirect(reverse("admin:rights_rightsrequest_change", args=[obj.pk]))

    def identity_view(self, request, pk):
        obj = self._officers_request(request, pk)
        form = IdentityForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Choose how the identity was confirmed."), messages.ERROR)
            return self._back(obj)
        try:
            actions.confirm_identity(
                obj,
                method=form.cleaned_data["method"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except actions.StepRefused as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, _("The identity is confirmed."), messages.SUCCESS)
        return self._back(obj)

    def answer_view(self, request, pk):
        obj = self._officers_request(request, pk)
        try:
            pdf = actions.answer_with_letter(obj, by=request.user)
        except actions.StepRefused as error:
            self.message_user(request, str(error), messages.ERROR)
            return self._back(obj)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="auskunft-{obj.pk}.pdf"'
        return response

    def erase_view(self, request, pk):
        obj = self._officers_request(request, pk)
        chosen: dict[str, list] = {}
        for value in request.POST.getlist("record"):
            label, _sep, record_pk = value.rpartition(":")
            if label and record_pk:
                chosen.setdefault(label, []).append(record_pk)
        try:
            actions.erase_matches(obj, records=chosen, by=request.user)
        except actions.StepRefused as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, _("The chosen records are erased."), messages.SUCCESS)
        return self._back(obj)

    def close_view(self, request, pk):
        obj = self._officers_request(request, pk)
        try:
            actions.close_request(obj, by=request.user, reject=request.POST.get("reject") == "1")
        except actions.StepRefused as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, _("The request is closed."), messages.SUCCESS)
        return self._back(obj)

    def changelist_view(self, request, extra_context=None):
        overdue = selectors.overdue_count() if is_data_protection_officer(request.user) else 0
        extra_context = {**(extra_context or {}), "overdue_count": overdue}
        return super().changelist_view(request, extra_context)


__all__ = ["RightsRequestAdmin"]

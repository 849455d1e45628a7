"""The organisers' duplicate report (issue 15): one event's registrations from different channels
that look like one person, each pair with a merge.

Mixed into ``RegistrationAdmin`` (participation.admin). Both pages read the registrations through
the admin's scoped queryset (:mod:`munich_portal.core.scopes`) and log what they show with
``record_batch_use`` under the staff member's purpose of work: the report as ``list``, the
confirmation page as ``view``, the merge as ``change``. The merge is a POST from the report that
shows a confirmation page, and a second POST from there that merges
(:func:`participation.actions.merge_duplicate`). A merge that no longer fits is a message on the
report, never an error page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

from munich_portal.audit.actions import record_batch_use
from munich_portal.core import scopes
from participation import actions, selectors
from participation.models import Event

__all__ = ["DuplicateReportMixin"]


def _refusals() -> dict[str, str]:
    return {
        "same": gettext("A registration cannot be merged with itself."),
        "other_event": gettext("The two registrations are for different events."),
        "gone": gettext("One of the two registrations no longer exists."),
        "linked": gettext("One of the two registrations has already been merged."),
        "inactive": gettext(
            "One of the two registrations has been cancelled in the meantime; nothing was merged."
        ),
        "no_match": gettext("The two registrations no longer look like one person."),
    }


def _pk(value: str) -> int | None:
    value = (value or "")[:12]
    return int(value) if value.isascii() and value.isdigit() else None


class DuplicateReportMixin:
    """Adds ``duplicates/<event>/`` (the report) and ``duplicates/<event>/merge/`` (the merge)."""

    def get_urls(self):
        return [
            path(
                "duplicates/<int:event_id>/",
                self.admin_site.admin_view(self.duplicates_view),
                name="participation_registration_duplicates",
            ),
            path(
                "duplicates/<int:event_id>/merge/",
                self.admin_site.admin_view(self.merge_duplicates_view),
                name="participation_registration_duplicates_merge",
            ),
            *super().get_urls(),
        ]

    def _event_for(self, request, event_id) -> Event:
        if not self.has_view_permission(request):
            raise PermissionDenied
        events = scopes.for_staff(Event.objects.select_related("process"), request.user)
        return get_object_or_404(events, pk=event_id)

    def _registrations(self, request, event):
        return self.get_queryset(request).filter(event=event)

    def duplicates_view(self, request, event_id):
        """Pairs of active registrations of one event that look like one person, with a merge."""
        event = self._event_for(request, event_id)
        pairs = selectors.duplicate_pairs(self._registrations(request, event))
        if pairs:
            record_batch_use(
                action="list",
                records=[row for pair in pairs for row in (pair.keep, pair.drop)],
                criteria={"event": event.pk, "view": "duplicates"},
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Possible duplicates: %(event)s") % {"event": event.title_de},
            "opts": self.opts,
            "event": event,
            "pairs": pairs,
            "can_merge": self.has_change_permission(request),
            "merge_url": reverse(
                "admin:participation_registration_duplicates_merge", args=[event.pk]
            ),
            "overview_url": reverse("admin:participation_event_overview", args=[event.pk]),
        }
        return TemplateResponse(request, "admin/participation/duplicates.html", context)

    def merge_duplicates_view(self, request, event_id):
        """POST ``keep`` and ``drop``: the confirmation page; with ``confirm``: the merge."""
        event = self._event_for(request, event_id)
        if not self.has_change_permission(request):
            raise PermissionDenied
        report_url = reverse("admin:participation_registration_duplicates", args=[event.pk])
        if request.method != "POST":
            return HttpResponseRedirect(report_url)
        rows = {
            row.pk: row
            for row in self._registrations(request, event).filter(
                pk__in=[
                    pk
                    for pk in (_pk(request.POST.get("keep")), _pk(request.POST.get("drop")))
                    if pk is not None
                ]
            )
        }
        keep = rows.get(_pk(request.POST.get("keep")))
        drop = rows.get(_pk(request.POST.get("drop")))
        if keep is None or drop is None:
            messages.error(request, _refusals()["gone"])
            return HttpResponseRedirect(report_url)
        pairs = selectors.duplicate_pairs(
            self._registrations(request, event).filter(pk__in=[keep.pk, drop.pk])
        )
        if "confirm" not in request.POST:
            if not pairs:
                messages.error(request, _refusals()["no_match"])
                return HttpResponseRedirect(report_url)
            record_batch_use(
                action="view",
                records=[keep, drop],
                criteria={"event": event.pk, "view": "duplicates_merge"},
            )
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("Merge two registrations"),
                "opts": self.opts,
                "event": event,
                "keep": keep,
                "drop": drop,
                "matched_on": pairs[0].matched_on,
                "report_url": report_url,
                "overview_url": reverse("admin:participation_event_overview", args=[event.pk]),
            }
            return TemplateResponse(request, "admin/participation/duplicates_merge.html", context)
        try:
            promoted = actions.merge_duplicate(keep=keep, drop=drop, by=request.user)
        except actions.NotMergeable as error:
            messages.error(request, _refusals().get(error.code, _refusals()["no_match"]))
            return HttpResponseRedirect(report_url)
        record_batch_use(
            action="change",
            records=[keep, drop, *promoted],
            criteria={"event": event.pk, "view": "duplicates_merge", "promoted": len(promoted)},
        )
        messages.success(
            request,
            gettext(
                "Merged: the registration %(drop)s is cancelled as the same person as %(keep)s. "
                "Moved up from the waiting list: %(promoted)d."
            )
            % {"drop": drop.reference, "keep": keep.reference, "promoted": len(promoted)},
        )
        return HttpResponseRedirect(report_url)

"""Staff area for letters: one read-only list of every kind the staff member may see (the
admin site applies the row scope), and printing the selected letters as one PDF."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.audit.admin_mixins import audited_action
from munich_portal.messaging import actions
from munich_portal.messaging.models import Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    """Letters are written by the apps when a decision is taken; staff read and print them."""

    list_display = ["created_at", "kind", "subject", "printed_at", "printed_batch"]
    list_filter = ["kind", ("printed_at", admin.EmptyFieldListFilter), "printed_batch"]
    date_hierarchy = "created_at"
    readonly_fields = (
        "kind",
        "created_at",
        "printed_at",
        "printed_batch",
        "language",
        "recipient_name",
        "street",
        "postal_code",
        "city",
        "sender",
        "sender_phone",
        "sender_email",
        "reference",
        "subject",
        "body",
    )
    fields = readonly_fields
    actions = ["print_selected"]

    @admin.action(
        description=_("Print the selected letters (PDF; marks them printed)"),
        permissions=["print"],
    )
    @audited_action(action="print", logs_itself=True)
    def print_selected(self, request, queryset):
        # print_letters writes one data-use event per letter, as the clerks' page does.
        letters = list(queryset.order_by("created_at", "pk"))
        today = timezone.localdate()
        try:
            pdf = actions.print_letters(letters=letters, by=request.user, day=today)
        except actions.LetterError as error:
            messages.error(request, str(error))
            return None
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="briefe-{today.isoformat()}.pdf"'
        response["Cache-Control"] = "no-store"
        return response

    def has_print_permission(self, request) -> bool:
        return request.user.has_perm(actions.PRINT_PERMISSION)

    def has_add_permission(self, request):
        return False  # letters are written by the apps' actions

    def has_change_permission(self, request, obj=None):
        return False  # a letter says what was decided then

    def has_delete_permission(self, request, obj=None):
        return False  # retention and erasure delete letters

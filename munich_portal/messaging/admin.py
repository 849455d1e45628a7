"""Staff area for messages: the letters (one read-only list of every kind the staff member may
see, printing the selected letters as one PDF) and the e-mail outbox (read-only, with the status
and the last error of each message, and "retry" for failed ones). The admin site applies the row
scope to both."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from munich_portal.audit.admin_mixins import audited_action
from munich_portal.messaging import actions
from munich_portal.messaging.models import EmailStatus, Letter, OutgoingEmail
from munich_portal.messaging.registry import letter_kind

# django-tasks-db's own list of task rows: they carry only message ids, and the outbox below is
# where staff see messages; the site serves no model without a row scope (core.E101).
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox: e-mails are written by the apps and sent by the worker; staff see how delivery
    went and queue failed messages again."""

    list_display = ["created_at", "kind", "status", "age", "attempts", "last_error_line"]
    list_filter = ["status", "kind"]
    date_hierarchy = "created_at"
    readonly_fields = (
        "kind",
        "status",
        "created_at",
        "attempts",
        "next_attempt_at",
        "give_up_at",
        "sent_at",
        "failed_at",
        "last_error",
        "message_id",
        "language",
        "to_address",
        "reply_to",
        "subject",
        "shown_body",
        "attachment_names",
    )
    fields = readonly_fields
    actions = ["retry_selected"]

    @admin.display(description=_("age"))
    def age(self, obj):
        return timesince(obj.created_at)

    @admin.display(description=_("last error"))
    def last_error_line(self, obj):
        return obj.last_error.splitlines()[-1][:120] if obj.last_error else ""

    @admin.display(description=_("text"))
    def shown_body(self, obj):
        if letter_kind(obj.kind).confidential:
            return _("Not shown: it carries a link or code that acts for the person.")
        return obj.body

    @admin.display(description=_("attachments"))
    def attachment_names(self, obj):
        return ", ".join(attachment["filename"] for attachment in obj.attachments)

    @admin.action(description=_("Retry the selected failed e-mails"), permissions=["retry"])
    def retry_selected(self, request, queryset):
        retried = actions.retry_emails(queryset.filter(status=EmailStatus.FAILED))
        messages.success(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", retried)
            % {"count": retried},
        )

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm(actions.RETRY_PERMISSION)

    def has_add_permission(self, request):
        return False  # e-mails are written by the apps' actions

    def has_change_permission(self, request, obj=None):
        return False  # an e-mail says what was decided then; only its delivery changes

    def has_delete_permission(self, request, obj=None):
        return False  # retention and erasure delete e-mails


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

"""The staff side of appointments in the admin.

- appointment types with their slot rules (editors); saving them regenerates the slots;
- slots, read-only (they come from the rules);
- appointments: the list with attendance and cancel actions, the **day list** per office
  (printable), the **clerks' booking** for people who phone or come in (with a postal address,
  people without e-mail get their confirmation and reminder as letters in the clerks' daily
  batch), and a **printable confirmation** to hand over at the desk. The custom views record
  their data uses themselves (the audit mixin logs the standard admin views and gates every view
  behind the purpose of work).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from appointments import actions, notifications, selectors
from appointments.forms import ClerkBookingForm
from appointments.models import (
    AppointmentType,
    Booking,
    BookingPerson,
    BookingStatus,
    Slot,
    SlotRule,
    WaitingListEntry,
)
from appointments.slots import sync_slots, today
from munich_portal.audit.actions import record_batch_use
from munich_portal.audit.admin_mixins import audited_action
from munich_portal.core import scopes
from munich_portal.core.timezone import MUNICH
from services.models import Office


class SlotRuleInline(admin.TabularInline):
    model = SlotRule
    extra = 1
    fields = ["weekday", "starts", "ends", "capacity", "valid_from", "valid_until"]


@admin.register(AppointmentType)
class AppointmentTypeAdmin(admin.ModelAdmin):
    list_display = ["name_de", "office", "duration_minutes", "active"]
    list_filter = ["active", "office"]
    search_fields = ["name_de", "name_en", "office__name_de"]
    filter_horizontal = ["services"]
    inlines = [SlotRuleInline]
    fields = [
        "office",
        "name_de",
        "name_en",
        "description_de",
        "description_en",
        "services",
        "duration_minutes",
        "active",
        "position",
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        result = sync_slots(form.instance)
        messages.info(
            request,
            gettext("Slots updated: %(created)d new, %(removed)d removed, %(changed)d changed.")
            % result,
        )


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "appointment_type", "capacity", "taken"]
    list_filter = ["appointment_type__office", "appointment_type"]
    date_hierarchy = "starts_at"
    readonly_fields = ["appointment_type", "starts_at", "ends_at", "capacity", "taken"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AnyOfficeFilter(admin.SimpleListFilter):
    title = _("kind of waiting list")
    parameter_name = "art"

    def lookups(self, request, model_admin):
        return [("dienststelle", _("one office")), ("alle", _("any office"))]

    def queryset(self, request, queryset):
        if self.value() == "dienststelle":
            return queryset.filter(service__isnull=True)
        if self.value() == "alle":
            return queryset.filter(service__isnull=False)
        return queryset


@admin.register(WaitingListEntry)
class WaitingListEntryAdmin(admin.ModelAdmin):
    """One office's lists and the "any office" lists of a service (with their narrowing), in one
    queue order; scoped by the row scope (the office's or the service's department)."""

    list_display = ["waiting_for", "status", "queued_at", "created_at"]
    list_filter = ["status", AnyOfficeFilter, "appointment_type__office"]
    list_select_related = ["appointment_type__office", "service", "stadtbezirk"]
    fields = [
        "appointment_type",
        "service",
        "stadtbezirk",
        "step_free_entrance",
        "lift",
        "accessible_toilet",
        "induction_loop",
        "status",
        "name",
        "email",
        "language",
        "queued_at",
        "created_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("waiting for"))
    def waiting_for(self, obj):
        if obj.service_id:
            narrowing = notifications.narrowing_text(obj)
            text = gettext("%(service)s at any office") % {"service": obj.service.name_de}
            return f"{text} ({narrowing})" if narrowing else text
        return str(obj.appointment_type)

    def has_add_permission(self, request):
        return False


class BookingPersonInline(admin.TabularInline):
    """Who comes with which services (read only: a booking's people are set when it is made)."""

    model = BookingPerson
    fields = ["position", "name", "services"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["reference", "starts_at", "office", "appointment_type", "status", "channel"]
    list_filter = ["status", "channel", "slot__appointment_type__office"]
    search_fields = ["reference", "name", "email"]
    list_select_related = ["slot__appointment_type__office"]
    fields = [
        "reference",
        "slot",
        "service",
        "places",
        "status",
        "channel",
        "name",
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "language",
        "hold_until",
        "release_at",
        "confirmed_at",
        "cancelled_at",
        "attendance_marked_at",
        "reminder_sent_at",
        "created_at",
    ]
    readonly_fields = [
        "reference",
        "slot",
        "service",
        "places",
        "status",
        "channel",
        "hold_until",
        "release_at",
        "confirmed_at",
        "cancelled_at",
        "attendance_marked_at",
        "reminder_sent_at",
        "created_at",
    ]
    inlines = [BookingPersonInline]
    actions = ["mark_attended", "mark_no_show", "cancel_selected"]
    change_list_template = "admin/appointments/booking/change_list.html"

    @admin.display(description=_("time"), ordering="slot__starts_at")
    def starts_at(self, obj):
        return timezone.localtime(obj.slot.starts_at, MUNICH).strftime("%d.%m.%Y %H:%M")

    @admin.display(description=_("office"))
    def office(self, obj):
        return obj.slot.appointment_type.office.name_de

    @admin.display(description=_("appointment type"))
    def appointment_type(self, obj):
        return obj.slot.appointment_type.name_de

    def has_add_permission(self, request):
        # Bookings are made through the clerks' booking page (capacity, channel, clerk).
        return False

    def has_book_for_caller_permission(self, request):
        return request.user.has_perm("appointments.book_for_caller_booking")

    def has_mark_attendance_permission(self, request):
        return request.user.has_perm("appointments.mark_attendance_booking")

    # --- actions --------------------------------------------------------------------------------
    def _attendance(self, request, queryset, attended: bool):
        done = refused = 0
        for booking in queryset:
            try:
                actions.mark_attendance(booking=booking, attended=attended, by=request.user)
                done += 1
            except actions.BookingError:
                refused += 1
        messages.info(
            request,
            gettext(
                "Noted for %(done)d appointment(s); %(refused)d not possible (not today or "
                "not confirmed)."
            )
            % {"done": done, "refused": refused},
        )

    @admin.action(description=_("Mark as attended"), permissions=["mark_attendance"])
    def mark_attended(self, request, queryset):
        self._attendance(request, queryset, True)

    @admin.action(description=_("Mark as did not come"), permissions=["mark_attendance"])
    def mark_no_show(self, request, queryset):
        self._attendance(request, queryset, False)

    @audited_action(action="change")
    @admin.action(description=_("Cancel selected appointments"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        count = 0
        for booking in queryset.filter(status__in=actions.ACTIVE_STATUSES):
            actions.cancel(booking=booking, by=request.user)
            count += 1
        messages.info(request, gettext("%(count)d appointment(s) cancelled.") % {"count": count})

    # --- custom views ---------------------------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "tagesliste/",
                self.admin_site.admin_view(self.day_list_view),
                name="appointments_booking_day_list",
            ),
            path(
                "tagesliste/drucken/",
                self.admin_site.admin_view(self.day_list_print_view),
                name="appointments_booking_day_list_print",
            ),
            path(
                "buchen/",
                self.admin_site.admin_view(self.clerk_booking_view),
                name="appointments_booking_clerk",
            ),
            path(
                "<int:booking_id>/bestaetigung/drucken/",
                self.admin_site.admin_view(self.print_confirmation_view),
                name="appointments_booking_print",
            ),
            *super().get_urls(),
        ]

    def _offices_of(self, request):
        """The offices whose bookings the staff member handles (the Booking row scope's
        departments); everyone's for a rule that covers every row."""
        offices = Office.objects.filter(appointment_types__isnull=False)
        if scopes.staff_rule(Booking, request.user).kind != "everything":
            offices = offices.filter(department_id__in=scopes.department_ids(request.user))
        return offices.distinct()

    def _in_scope(self, request, bookings):
        """``bookings`` read again through the admin's scoped queryset: the guarantee."""
        visible = set(
            self.get_queryset(request)
            .filter(pk__in=[booking.pk for booking in bookings])
            .values_list("pk", flat=True)
        )
        return [booking for booking in bookings if booking.pk in visible]

    def _day_list_params(self, request):
        offices = list(self._offices_of(request))
        office_id = request.GET.get("dienststelle", "")
        office = next((o for o in offices if str(o.pk) == office_id), None)
        try:
            day = dt.date.fromisoformat(request.GET.get("tag", "")[:10])
        except ValueError:
            day = today()
        return offices, office, day

    def day_list_view(self, request):
        """Everyone expected at one office on one day, with attendance buttons."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        offices, office, day = self._day_list_params(request)
        if request.method == "POST":
            if not self.has_mark_attendance_permission(request):
                raise PermissionDenied
            booking_id = request.POST.get("booking", "")[:12]
            booking = get_object_or_404(
                self.get_queryset(request), pk=int(booking_id) if booking_id.isdigit() else 0
            )
            try:
                actions.mark_attendance(
                    booking=booking,
                    attended=request.POST.get("attended") == "yes",
                    by=request.user,
                )
            except actions.BookingError:
                messages.error(request, gettext("Attendance can only be noted on the day."))
            else:
                record_batch_use(
                    action="change",
                    records=[booking],
                    criteria={"view": "day_list", "attendance": request.POST.get("attended", "")},
                )
            return HttpResponseRedirect(request.get_full_path())
        bookings = self._in_scope(request, selectors.day_list(office, day)) if office else []
        if bookings:
            record_batch_use(
                action="list",
                records=bookings,
                criteria={"view": "day_list", "office": office.pk, "day": day.isoformat()},
            )
        query = urlencode({"dienststelle": office.pk, "tag": day.isoformat()}) if office else ""
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Day list"),
            "opts": self.opts,
            "offices": offices,
            "office": office,
            "day": day,
            "bookings": bookings,
            "can_mark": self.has_mark_attendance_permission(request),
            "is_today": day == today(),
            "print_url": (
                f"{reverse('admin:appointments_booking_day_list_print')}?{query}" if query else ""
            ),
        }
        return TemplateResponse(request, "admin/appointments/day_list.html", context)

    def day_list_print_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        _offices, office, day = self._day_list_params(request)
        if office is None:
            return HttpResponseRedirect(reverse("admin:appointments_booking_day_list"))
        bookings = self._in_scope(request, selectors.day_list(office, day))
        if bookings:
            record_batch_use(
                action="print",
                records=bookings,
                criteria={"view": "day_list", "office": office.pk, "day": day.isoformat()},
            )
        return TemplateResponse(
            request,
            "admin/appointments/day_list_print.html",
            {"office": office, "day": day, "bookings": bookings},
        )

    def clerk_booking_view(self, request):
        """Book for someone on the phone or at the desk: type and day, then time and person."""
        if not self.has_book_for_caller_permission(request):
            raise PermissionDenied
        actions.release_due()
        types = list(
            AppointmentType.objects.filter(active=True, office__in=self._offices_of(request))
            .select_related("office")
            .order_by("office__name_de", "position")
        )
        appointment_type = next((t for t in types if str(t.pk) == request.GET.get("art", "")), None)
        try:
            day = dt.date.fromisoformat(request.GET.get("tag", "")[:10])
        except ValueError:
            day = None
        form = None
        free_days = []
        if appointment_type is not None:
            free_days = sorted(
                selectors.bookable_days(appointment_type, today(), today() + dt.timedelta(42))
            )
        if appointment_type is not None and day is not None:
            slots = selectors.free_slots(appointment_type, day)
            services = list(appointment_type.services.all())
            form_kwargs = {
                "slots": slots,
                "services": services,
                "max_people": actions.max_people(),
            }
            if request.method == "POST":
                form = ClerkBookingForm(request.POST, **form_kwargs)
                if form.is_valid():
                    booking = self._clerk_book(request, form, slots, services)
                    if booking is not None:
                        return HttpResponseRedirect(
                            reverse("admin:appointments_booking_print", args=[booking.pk])
                        )
            else:
                form = ClerkBookingForm(**form_kwargs)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Book an appointment for a caller"),
            "opts": self.opts,
            "types": types,
            "appointment_type": appointment_type,
            "day": day,
            "free_days": free_days,
            "form": form,
        }
        return TemplateResponse(request, "admin/appointments/clerk_booking.html", context)

    def _clerk_book(self, request, form, slots, services):
        """Book for the caller and the people coming with them, each with the chosen service."""
        data = form.cleaned_data
        slot = next(s for s in slots if s.pk == data["slot"])
        service = next((s for s in services if s.pk == data.get("service")), None)
        chosen = [service] if service is not None else []
        people = [(data["name"], chosen)] + [(name, chosen) for name in form.further_people]
        try:
            with transaction.atomic():
                booking = actions.book(
                    slot=slot,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    address=form.address,
                    people=people,
                    channel=data["channel"],
                    booked_by=request.user,
                    language="de",
                )
                record_batch_use(
                    action="create",
                    records=[booking],
                    criteria={"view": "clerk_booking", "channel": data["channel"]},
                )
        except actions.SlotFull:
            form.add_error(
                "slot",
                gettext("This time has just been taken. Please choose another.")
                if len(people) == 1
                else gettext(
                    "This time has fewer free places than people. Please choose another time."
                ),
            )
            return None
        except actions.BookingError:
            form.add_error("slot", gettext("This time has just been taken. Please choose another."))
            return None
        if booking.letters.exists():
            text = gettext(
                "Booked: %(reference)s. The confirmation letter is in the next daily letter batch."
            )
        else:
            text = gettext("Booked: %(reference)s.")
        messages.success(request, text % {"reference": booking.reference})
        return booking

    def print_confirmation_view(self, request, booking_id):
        """A confirmation to print (or read out) for people without e-mail."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        booking = get_object_or_404(
            self.get_queryset(request).select_related("slot__appointment_type__office", "service"),
            pk=booking_id,
        )
        record_batch_use(action="print", records=[booking], criteria={"view": "print_confirmation"})
        return TemplateResponse(
            request,
            "admin/appointments/confirmation_print.html",
            {
                "booking": booking,
                "to_bring": booking.services_to_bring_for(),
                "slot": booking.slot,
                "appointment_type": booking.slot.appointment_type,
                "office": booking.slot.appointment_type.office,
                "is_confirmed": booking.status == BookingStatus.CONFIRMED,
                "change_url": reverse("admin:appointments_booking_change", args=[booking.pk]),
            },
        )

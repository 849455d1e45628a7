"""Public appointment pages: book at an office, confirm, manage (cancel, rebook), the waiting
list and a resident's own appointments at /termine/.

Everything works without JavaScript: the steps (type, day, time and details) are links and plain
forms; the month is a table of links. Thin views: reads from :mod:`.selectors`, writes through
:mod:`.actions`. Pages with a person's booking are never cached (``no-store``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from appointments import actions, challenge, finder, notifications, selectors, tokens
from appointments.forms import (
    BookingForm,
    PeopleForm,
    RebookForm,
    ServiceWaitingListForm,
    TimeFinderForm,
    WaitingListForm,
)
from appointments.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    WaitingListEntry,
    WaitingStatus,
)
from appointments.slots import horizon_days, today
from munich_portal.core.fragment_cache import cached_fragment
from munich_portal.core.i18n import active_language
from munich_portal.core.page_cache import cached_response, set_valid_until
from munich_portal.core.prepared import read_together
from munich_portal.core.timezone import MUNICH
from services.models import Office, Service


def _client_ip(request) -> str:
    return get_adapter(request).get_client_ip(request)


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _office_or_404(slug) -> Office:
    office = Office.objects.published().filter(slug=slug).first()
    if office is None:
        raise Http404
    return office


def _int(value) -> int | None:
    value = value if isinstance(value, str) else ""
    return int(value) if value.isdigit() and len(value) < 10 else None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _month(value) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 7:
        return None
    return _date(f"{value}-01")


def _in_horizon(day: dt.date) -> bool:
    return today() <= day <= today() + dt.timedelta(days=horizon_days())


def _person_initial(user) -> dict | None:
    if user is None or not user.is_authenticated:
        return None
    return {"name": user.full_name or "", "email": user.email}


def _people_form(request) -> PeopleForm:
    """How many people come (``?personen=``): bound when given, else one."""
    data = request.GET if "personen" in request.GET else None
    return PeopleForm(data, max_people=actions.max_people())


def _calendar_context(
    appointment_type,
    month: dt.date | None,
    *,
    base_query: dict,
    except_slot=None,
    places: int = 1,
) -> dict:
    """The month table: bookable days (with ``places`` free places in a slot) link to
    ``?<base_query>&tag=<date>``; a booking being moved does not count its own slot (its day
    would offer no other time)."""
    months = selectors.months_in_horizon()
    if month is None or month.replace(day=1) not in months:
        first_free = selectors.next_free_day(appointment_type, places=places)
        month = (first_free or today()).replace(day=1)
    month = month.replace(day=1)
    last_day = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    days = selectors.bookable_days(
        appointment_type, max(month, today()), last_day, except_slot=except_slot, places=places
    )
    index = months.index(month) if month in months else 0

    def query(**extra) -> str:
        return "?" + urlencode({**base_query, **extra})

    links = {day: query(tag=day.isoformat()) for day in days}

    return {
        "month": month,
        "weeks": [
            [{"date": cell.date, "url": links.get(cell.date, "")} for cell in week]
            for week in selectors.month_weeks(month.year, month.month, days)
        ],
        "free_days": [(day, links[day]) for day in sorted(days)],
        "previous_url": query(monat=f"{months[index - 1]:%Y-%m}") if index > 0 else "",
        "next_url": query(monat=f"{months[index + 1]:%Y-%m}") if index + 1 < len(months) else "",
        "previous_month": months[index - 1] if index > 0 else None,
        "next_month": months[index + 1] if index + 1 < len(months) else None,
    }


# --- service first -------------------------------------------------------------------------------
@require_safe
def service_times(request, slug):
    """/dienstleistungen/<slug>/termin/: the earliest free times of a service at every office.

    Public and cached; the copy is keyed by :func:`finder.times_token`, read on every hit, so a
    time taken anywhere (another process too) is never shown from the cache."""
    return cached_response(
        request,
        lambda: _service_times(request, slug),
        version=lambda: finder.times_token(str(slug)),
    )


#: The service-first page is worked out for the end of the current minute: it shows times
#: starting after that, and its fragments and cached copy are kept at most until then, so no
#: copy ever shows a time that has started.
MINUTE = 60
#: Longer query strings (odd links) are rendered but their fragments not kept.
MAX_FRAGMENT_QUERY = 300


def _this_minute() -> tuple[dt.datetime, dt.datetime]:
    """Now and the end of the current minute."""
    now = timezone.now()
    return now, dt.datetime.fromtimestamp((int(now.timestamp()) // MINUTE + 1) * MINUTE, tz=dt.UTC)


def _fragments(key: str, version: str | None, now: dt.datetime, until: dt.datetime) -> dict:
    """The template's ``{% fragment %}`` arguments: parts ``key`` and the minute, kept by
    ``version`` until the end of the minute."""
    return {
        "fragment_key": f"{key}\x1f{int(until.timestamp())}",
        "fragment_version": version,
        "fragment_seconds": (until - now).total_seconds(),
    }


class _ServiceTimesPage:
    """What the service-first page shows, worked out only when a fragment is rendered (a page
    whose fragments are all kept needs no query beyond the token)."""

    def __init__(self, request, slug: str, now: dt.datetime):
        self.request, self.slug, self.now = request, slug, now

    @functools.cached_property
    def service(self) -> Service:
        service = Service.objects.published().filter(slug=self.slug).first()
        if service is None:
            raise Http404
        actions.release_due()
        finder.ensure_horizon(service)
        return service

    @functools.cached_property
    def form(self) -> TimeFinderForm:
        return TimeFinderForm(
            self.request.GET or None, districts=finder.districts_for(self.service)
        )

    @property
    def status(self) -> int:
        return 400 if self.form.is_bound and self.form.errors else 200

    @functools.cached_property
    def _filters(self) -> finder.Filters:
        return self.form.filters() if self.form.is_bound else finder.Filters()

    @functools.cached_property
    def one_day(self) -> dt.date | None:
        day = _date(self.request.GET.get("tag"))
        return day if day is not None and _in_horizon(day) else None

    @functools.cached_property
    def days(self) -> list[dict]:
        filters, service = self._filters, self.service
        if self.one_day is not None:
            # "All offices on this day": that day only, every office.
            filters = dataclasses.replace(filters, day=self.one_day)
            days = finder.earliest_times(service, filters, now=self.now, days=1, per_day=None)
        else:
            days = finder.earliest_times(service, filters, now=self.now)
        return _finder_rows(days, service, self.request.path, _finder_query(self._filters))

    def context(self) -> dict:
        page_url = self.request.path
        query = lambda: _finder_query(self._filters)  # noqa: E731

        def waitlist_url() -> str:
            waitlist_query = {key: value for key, value in query().items() if key != "tageszeit"}
            return f"{page_url}warteliste/" + (
                f"?{urlencode(waitlist_query)}" if waitlist_query else ""
            )

        # Callables: the template calls them only inside a fragment that is rendered.
        return {
            "service": lambda: self.service,
            "form": lambda: self.form,
            "days": lambda: self.days,
            "one_day": lambda: self.one_day,
            "narrowed": lambda: self._filters.narrowed or self.one_day is not None,
            "all_url": page_url,
            "all_days_url": lambda: f"{page_url}?{urlencode(query())}" if query() else page_url,
            "waitlist_url": waitlist_url,
        }


def _service_times(request, slug):
    """The page from its fragments: everything on it but the layout's person's parts depends only
    on the address (service, filters in the query), the minute, the language and the display
    settings, so it is kept by :func:`finder.times_token` — a logged-in resident or a visitor with
    a form cookie gets it without a query for the times."""
    slug = str(slug)
    now, until = _this_minute()
    query = request.META.get("QUERY_STRING", "")
    token = finder.times_token(slug) if len(query) < MAX_FRAGMENT_QUERY else None
    fragment = _fragments(f"{slug}\x1f{query}", token, now, until)
    page = _ServiceTimesPage(request, slug, until)
    status = cached_fragment(
        request,
        "appointments-service-times-status",
        fragment["fragment_key"],
        version=token,
        seconds=fragment["fragment_seconds"],
        render=lambda: str(page.status),
    )
    response = render(
        request,
        "appointments/service_times.html",
        page.context() | fragment,
        status=int(status),
    )
    # Every time shown starts after ``until``; the cached copy is not served after it.
    return set_valid_until(response, until)


def _finder_query(filters) -> dict:
    """The valid filters as the page's query parameters."""
    query: dict = {}
    if filters.district:
        query["bezirk"] = filters.district
    query.update((key, "on") for key in filters.accessibility)
    if filters.time_of_day:
        query["tageszeit"] = filters.time_of_day
    return query


def _finder_rows(days, service, page_url: str, query: dict) -> list[dict]:
    """The page's rows with every label and link made here: the template only prints them (a
    page lists up to 200 times; template filters per link cost more than the query)."""
    office_urls: dict[str, str] = {}
    rows = []
    for day in days:
        day_label = formats.date_format(day.day, "j. F")
        offices = []
        for entry in day.offices:
            office = entry.office
            if office.slug not in office_urls:
                office_urls[office.slug] = reverse(
                    "appointments:book", kwargs={"slug": office.slug}
                )
            url = office_urls[office.slug]
            base = {"art": entry.appointment_type_id, "tag": day.day.isoformat()}
            offices.append(
                {
                    "office": office,
                    "context": f", {day_label}, {office.name}",
                    "times": [
                        (
                            f"{starts:%H:%M}",
                            f"{url}?{urlencode(base | {'zeit': pk, 'leistung': service.pk})}",
                        )
                        for pk, starts in entry.times
                    ],
                    "more": entry.more,
                    "more_url": f"{url}?{urlencode(base | {'leistung': service.pk})}",
                }
            )
        rows.append(
            {
                "day": day.day,
                "offices": offices,
                "more_offices": day.more_offices,
                "day_url": f"{page_url}?{urlencode(query | {'tag': day.day.isoformat()})}",
            }
        )
    return rows


# --- booking ------------------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
def book(request, slug):
    """/dienststellen/<slug>/termin/: type → day → time and details (one step per page)."""
    types = selectors.offered_types_at(slug)
    if not types:
        raise Http404
    office = types[0].office
    type_id = _int(request.GET.get("art"))
    appointment_type = next((t for t in types if t.pk == type_id), None)
    if appointment_type is None:
        if len(types) > 1 or type_id is not None or request.method == "POST":
            return _choose_type(request, office, types)
        appointment_type = types[0]
    actions.release_due()
    day = _date(request.GET.get("tag"))
    if day is None or not _in_horizon(day):
        if request.method == "POST":
            return redirect(appointment_type.get_absolute_url())
        return _choose_day(request, office, appointment_type, types)
    return _details(request, office, appointment_type, day)


def _choose_type(request, office, types):
    """The office's types with their next free day: a fragment kept by the office's token for the
    minute (the next free day counted from the minute's end), worked out only when rendered."""
    now, until = _this_minute()

    def rows():
        actions.release_due()
        prefetch_related_objects(types, "services")
        return [(t, selectors.next_free_day(t, now=until)) for t in types]

    return render(
        request,
        "appointments/choose_type.html",
        {"office": office, "rows": rows}
        | _fragments(str(office.pk), finder.office_token(office.pk), now, until),
        status=200 if request.method != "POST" else 400,
    )


def _people_query(people: int) -> dict:
    return {"personen": people} if people > 1 else {}


def _choose_day(request, office, appointment_type, types):
    people_form = _people_form(request)
    people = people_form.people
    base = {"art": appointment_type.pk, **_people_query(people)}
    context = {
        "office": office,
        "appointment_type": appointment_type,
        "several_types": len(types) > 1,
        "waitlist_url": _waitlist_url(office, appointment_type),
        "people_form": people_form,
        "people_hidden": {"art": appointment_type.pk},
        **_calendar_context(
            appointment_type, _month(request.GET.get("monat")), base_query=base, places=people
        ),
    }
    context["nothing_free"] = selectors.next_free_day(appointment_type, places=people) is None
    return render(request, "appointments/choose_day.html", context)


def _waitlist_url(office, appointment_type) -> str:
    return (
        f"{reverse('appointments:waitlist', kwargs={'slug': office.slug})}"
        f"?art={appointment_type.pk}"
    )


def _details(request, office, appointment_type, day):
    people_form = _people_form(request)
    people = people_form.people
    slots = selectors.free_slots(appointment_type, day, places=people)
    services = list(appointment_type.services.all())
    user = request.user if request.user.is_authenticated else None
    form_kwargs = {
        "slots": slots,
        "services": services,
        "people": people,
        "initial": (_person_initial(user) or {}) | _preselected(request, slots, services),
        "email_fixed": user is not None,
    }
    status = 200
    if request.method == "POST":
        form = BookingForm(request.POST, **form_kwargs)
        if form.is_valid():
            status, booking = _try_booking(request, form, appointment_type, slots, services)
            if booking is not None:
                return redirect("appointments:booked", reference=booking.reference)
        else:
            status = 200
    else:
        form = BookingForm(**form_kwargs)
    response = render(
        request,
        "appointments/details.html",
        {
            "office": office,
            "appointment_type": appointment_type,
            "day": day,
            "form": form,
            "people_form": people_form,
            "people": people,
            # The people form keeps the other query parameters (a preselected time and service).
            "people_hidden": {
                key: request.GET.get(key)
                for key in ("art", "tag", "zeit", "leistung")
                if isinstance(request.GET.get(key), str) and len(request.GET.get(key)) < 20
            },
            "has_slots": bool(slots),
            "verified": selectors.is_verified(user),
            "calendar_url": f"{appointment_type.get_absolute_url()}&monat={day:%Y-%m}"
            + (f"&personen={people}" if people > 1 else ""),
            "waitlist_url": _waitlist_url(office, appointment_type),
            "pow_challenge": challenge.new_challenge(),
            "pow_bits": challenge.bits(),
            "hold_minutes": actions.hold_minutes(),
        },
        status=status,
    )
    return _private(response)


def _preselected(request, slots, services) -> dict:
    """``?zeit=<slot>&leistung=<service>`` (from the service-first page) preselect the time and
    the service when they are choices of this day; anything else is ignored."""
    initial = {}
    slot_id, service_id = _int(request.GET.get("zeit")), _int(request.GET.get("leistung"))
    if slot_id is not None and any(slot.pk == slot_id for slot in slots):
        initial["slot"] = slot_id
    if service_id is not None and any(service.pk == service_id for service in services):
        initial["service"] = service_id
    return initial


def _try_booking(request, form, appointment_type, slots, services):
    data = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    solved = challenge.verify(request.POST.get("pow_challenge"), request.POST.get("pow_solution"))
    slot = next(s for s in slots if s.pk == data["slot"])
    try:
        actions.count_attempt(client_ip=_client_ip(request), proof_of_work=solved)
        booking = actions.book(
            slot=slot,
            name=data["name"],
            email=user.email if user else data["email"],
            phone=data.get("phone", ""),
            user=user,
            verified=selectors.is_verified(user),
            people=form.party(services),
            language=active_language(),
        )
    except actions.TooManyAttempts:
        form.add_error(
            None,
            _(
                "Many booking attempts have come from your connection in the last hour. Please "
                "try again later — your entries are still here — or call 115."
            ),
        )
        return 429, None
    except actions.TooManyOpen:
        form.add_error(
            None,
            _(
                "You already have %(limit)d upcoming appointments. Please cancel one you no "
                "longer need (the link is in our e-mail, or under “My appointments”) before "
                "booking another."
            )
            % {"limit": actions._max_open()},
        )
        return 409, None
    except actions.SlotFull:
        form.add_error(
            "slot",
            _("Someone else has just booked the last place at this time. Please choose another.")
            if form.people == 1
            else _(
                "Someone else has just booked places at this time; there are no longer enough "
                "for everyone. Please choose another."
            ),
        )
        return 409, None
    except actions.NotBookable:
        form.add_error("slot", _("This time can no longer be booked. Please choose another."))
        return 409, None
    return 302, booking


@require_safe
def booked(request, reference):
    """After booking: what happens next. No personal data (the address could be shared)."""
    booking = (
        Booking.objects.select_related("slot__appointment_type__office", "service")
        .filter(reference=str(reference)[:12])
        .first()
    )
    if booking is None:
        raise Http404
    return _private(
        render(
            request,
            "appointments/booked.html",
            {
                "booking": booking,
                "party": booking.party(),
                "to_bring": booking.services_to_bring_for(),
                "slot": booking.slot,
                "appointment_type": booking.slot.appointment_type,
                "office": booking.slot.appointment_type.office,
                "hold_minutes": actions.hold_minutes(),
            },
        )
    )


def _token_booking(token, purpose):
    try:
        booking = tokens.booking_for(token, purpose=purpose)
    except tokens.ExpiredToken:
        return None, True
    if booking is None:
        raise Http404
    return booking, False


def _expired(request):
    return _private(render(request, "appointments/expired.html", status=410))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the guest's e-mail: GET shows a button (mail scanners open links), POST
    confirms."""
    booking, expired = _token_booking(token, "confirm")
    if expired:
        return _expired(request)
    if request.method == "POST" and booking.status == BookingStatus.HELD:
        try:
            booking = actions.confirm_hold(booking=booking)
        except actions.HoldExpired:
            return _expired(request)
        return redirect("appointments:booked", reference=booking.reference)
    if booking.status not in (BookingStatus.HELD, BookingStatus.CONFIRMED):
        return _expired(request)
    return _private(
        render(request, "appointments/confirm.html", _booking_context(booking) | {"token": token})
    )


def _booking_context(booking) -> dict:
    slot = booking.slot
    return {
        "booking": booking,
        "party": booking.party(),
        "to_bring": booking.services_to_bring_for(),
        "slot": slot,
        "appointment_type": slot.appointment_type,
        "office": slot.appointment_type.office,
        "starts_at": timezone.localtime(slot.starts_at, MUNICH),
        "is_past": slot.starts_at <= timezone.now(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The link in the confirmation: see the appointment, cancel it, or go on to rebook."""
    booking, expired = _token_booking(token, "manage")
    if expired:
        return _expired(request)
    context = _booking_context(booking)
    if (
        request.method == "POST"
        and request.POST.get("action") == "cancel"
        and booking.status in ACTIVE_STATUSES
        and not context["is_past"]
    ):
        booking = actions.cancel(
            booking=booking, by=request.user if request.user.is_authenticated else None
        )
        messages.success(request, _("Your appointment is cancelled. We have sent you an e-mail."))
        return redirect("appointments:manage", token=token)
    context.update(
        {
            "token": token,
            "can_change": booking.status == BookingStatus.CONFIRMED and not context["is_past"],
            "rebook_url": reverse("appointments:rebook", kwargs={"token": token}),
            "calendar_url": reverse("appointments:calendar", kwargs={"token": token}),
        }
    )
    return _private(render(request, "appointments/manage.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def rebook(request, token):
    """Choose another day and time of the same type; the old place is freed when the new one is
    booked, so the person never ends up with none."""
    booking, expired = _token_booking(token, "manage")
    if expired:
        return _expired(request)
    context = _booking_context(booking)
    manage_url = reverse("appointments:manage", kwargs={"token": token})
    if booking.status != BookingStatus.CONFIRMED or context["is_past"]:
        return redirect(manage_url)
    actions.release_due()
    appointment_type = booking.slot.appointment_type
    day = _date(request.GET.get("tag"))
    context.update({"token": token, "manage_url": manage_url})
    if day is None or not _in_horizon(day):
        context.update(
            _calendar_context(
                appointment_type,
                _month(request.GET.get("monat")),
                base_query={},
                except_slot=booking.slot_id,
                places=booking.places,
            )
        )
        return _private(render(request, "appointments/rebook_day.html", context))
    slots = [
        s
        for s in selectors.free_slots(appointment_type, day, places=booking.places)
        if s.pk != booking.slot_id
    ]
    status = 200
    if request.method == "POST":
        form = RebookForm(request.POST, slots=slots)
        if form.is_valid():
            slot = next(s for s in slots if s.pk == form.cleaned_data["slot"])
            try:
                actions.rebook(booking=booking, slot=slot)
            except actions.SlotFull:
                form.add_error(
                    "slot", _("Someone else has just booked this time. Please choose another.")
                )
                status = 409
            except actions.NotBookable:
                form.add_error(
                    "slot", _("This time can no longer be booked. Please choose another.")
                )
                status = 409
            else:
                messages.success(
                    request, _("Your appointment has been moved. We have sent you an e-mail.")
                )
                return redirect(manage_url)
        else:
            status = 200
    else:
        form = RebookForm(slots=slots)
    context.update(
        {"form": form, "day": day, "has_slots": bool(slots), "calendar_url": f"?monat={day:%Y-%m}"}
    )
    return _private(render(request, "appointments/rebook_time.html", context, status=status))


@require_safe
def calendar_file(request, token):
    booking, expired = _token_booking(token, "manage")
    if expired:
        return _expired(request)
    response = HttpResponse(
        notifications.calendar_file(booking, cancelled=booking.status == BookingStatus.CANCELLED),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="termin.ics"'
    return _private(response)


# --- waiting list -------------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
def join_waiting_list(request, slug):
    office = _office_or_404(slug)
    types = selectors.offered_types(office)
    appointment_type = next((t for t in types if t.pk == _int(request.GET.get("art"))), None)
    if appointment_type is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    kwargs = {"initial": _person_initial(user), "email_fixed": user is not None}
    status = 200
    if request.method == "POST":
        form = WaitingListForm(request.POST, **kwargs)
        if form.is_valid():
            status, entry = _join(request, form, appointment_type=appointment_type)
            if entry is not None:
                return _private(
                    render(
                        request,
                        "appointments/waitlist_done.html",
                        {
                            "office": office,
                            "appointment_type": appointment_type,
                            "pending": entry.status == WaitingStatus.PENDING,
                        },
                    )
                )
    else:
        form = WaitingListForm(**kwargs)
    return _private(
        render(
            request,
            "appointments/waitlist.html",
            {
                "office": office,
                "appointment_type": appointment_type,
                "form": form,
                "waiting": selectors.waiting_count(appointment_type),
            },
            status=status,
        )
    )


def _join(request, form, **scope):
    """Join through the action; the person's messages next to the form. (status, entry)."""
    user = request.user if request.user.is_authenticated else None
    try:
        actions.count_attempt(client_ip=_client_ip(request), proof_of_work=True)
        entry = actions.join_waiting_list(
            name=form.cleaned_data["name"],
            email=user.email if user else form.cleaned_data["email"],
            user=user,
            verified=selectors.is_verified(user),
            language=active_language(),
            **scope,
        )
    except actions.TooManyAttempts:
        form.add_error(
            None,
            _(
                "Many requests have come from your connection in the last hour. Please "
                "try again later — your entries are still here."
            ),
        )
        return 429, None
    except actions.AlreadyWaiting:
        form.add_error(
            None,
            _("This e-mail address is already on the waiting list for this appointment.")
            if "service" not in scope
            else _(
                "This e-mail address is already on the waiting list for this service at any "
                "office. You can be on it once; we write to you when a place becomes free."
            ),
        )
        return 409, None
    return 200, entry


@require_http_methods(["GET", "HEAD", "POST"])
def join_service_waiting_list(request, slug):
    """/dienstleistungen/<slug>/termin/warteliste/: wait for the service at any office offering
    it, optionally one Stadtbezirk and building features (``bezirk``, ``stufenlos``, ``aufzug``,
    ``wc``, ``hoerschleife``: the service-first page passes its filters on)."""
    service = selectors.bookable_service(slug)
    if service is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    initial = {
        **(_person_initial(user) or {}),
        **ServiceWaitingListForm.initial_from_query(request.GET),
    }
    kwargs = {
        "initial": initial,
        "email_fixed": user is not None,
        "districts": selectors.districts(),
    }
    offices = selectors.offices_for_service(service)
    status = 200
    if request.method == "POST":
        form = ServiceWaitingListForm(request.POST, **kwargs)
        valid = form.is_valid()
        district, needs = form.narrowing(form.cleaned_data)  # the valid fields
        matching = _matching(service, offices, district, needs)
        if valid and not matching:
            form.add_error(
                "bezirk",
                _(
                    "No office offering this service matches your choice. Choose another "
                    "district or fewer building features."
                ),
            )
        elif valid:
            status, entry = _join(request, form, service=service, stadtbezirk=district, needs=needs)
            if entry is not None:
                return _private(
                    render(
                        request,
                        "appointments/waitlist_done.html",
                        {
                            "service": service,
                            "pending": entry.status == WaitingStatus.PENDING,
                        },
                    )
                )
    else:
        form = ServiceWaitingListForm(**kwargs)
        district, needs = form.narrowing(form.initial)
        matching = _matching(service, offices, district, needs)
    return _private(
        render(
            request,
            "appointments/service_waitlist.html",
            {
                "service": service,
                "form": form,
                "offices": matching,
                "all_offices": len(offices),
                "waiting": selectors.waiting_count_for_service(service),
            },
            status=status,
        )
    )


def _matching(service, offices, district, needs) -> list:
    """The offices an entry with this narrowing would be offered places at."""
    probe = WaitingListEntry(service=service, stadtbezirk=district, **dict.fromkeys(needs, True))
    return [office for office in offices if probe.matches_office(office)]


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_waiting_list(request, token):
    try:
        entry = tokens.entry_for(token)
    except tokens.ExpiredToken:
        return _expired(request)
    if entry is None:
        raise Http404
    if request.method == "POST" and entry.status == WaitingStatus.PENDING:
        entry = actions.confirm_waiting_list(entry=entry)
    return _private(
        render(
            request,
            "appointments/waitlist_confirm.html",
            {
                "entry": entry,
                "appointment_type": entry.appointment_type,
                "office": entry.appointment_type.office if entry.appointment_type_id else None,
                "service": entry.service,
                "narrowing": notifications.narrowing_text(entry),
            },
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def offer(request, token):
    """A waiting-list offer: accept (the booking is confirmed) or decline (the next person gets
    it)."""
    booking, expired = _token_booking(token, "offer")
    if expired:
        return _expired(request)
    if request.method == "POST" and booking.status == BookingStatus.OFFERED:
        if request.POST.get("action") == "decline":
            actions.cancel(booking=booking)
            messages.info(request, _("Thank you. The slot goes to the next person waiting."))
            return redirect(booking.slot.appointment_type.office.get_absolute_url())
        try:
            booking = actions.accept_offer(booking=booking)
        except actions.HoldExpired:
            return _expired(request)
        return redirect("appointments:booked", reference=booking.reference)
    if booking.status == BookingStatus.CONFIRMED:
        return redirect("appointments:booked", reference=booking.reference)
    if booking.status != BookingStatus.OFFERED or booking.hold_until <= timezone.now():
        return _expired(request)
    context = _booking_context(booking) | {
        "hold_until": timezone.localtime(booking.hold_until, MUNICH)
    }
    return _private(render(request, "appointments/offer.html", context))


# --- a resident's own ---------------------------------------------------------------------------
@login_required
@require_safe
def my_appointments(request):
    """/termine/: the resident's appointments with links to manage them, and waiting lists."""
    # Both lists in one round trip to the database (issue 17, round 7).
    bookings, waiting = read_together(
        selectors.bookings_reading(request.user), selectors.waiting_entries_reading(request.user)
    )
    upcoming = [(b, tokens.manage_token(b)) for b in bookings["upcoming"]]
    return _private(
        render(
            request,
            "appointments/mine.html",
            {"upcoming": upcoming, "other": bookings["other"], "waiting": waiting},
        )
    )

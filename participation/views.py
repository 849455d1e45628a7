"""Public participation pages: the process list, a process, an event with its registration form,
the guest confirmation and the cancellation link.

Thin views: reads from :mod:`participation.selectors`, writes through :mod:`participation.actions`.
"""

from __future__ import annotations

import mimetypes

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from munich_portal.core import signed_links
from munich_portal.core.fragment_cache import once as fragment_once
from munich_portal.core.i18n import active_language
from munich_portal.core.page_cache import cache_public_page
from munich_portal.core.paging import page_number
from munich_portal.core.qr import qr_svg
from munich_portal.core.timezone import today_in_munich
from participation import actions, notifications, selectors, tokens
from participation.consent import current_consent
from participation.event_cache import cached_form_page, forget_event_page
from participation.forms import ProcessFilterForm, RegistrationForm
from participation.models import Registration, RegistrationStatus

#: Posted with "this is someone else" after the notice of a possible duplicate (issue 15).
SOMEONE_ELSE = "someone_else"
EASY_LANGUAGE_PARAMETER = "sprache"
EASY_LANGUAGE_VALUE = "leicht"
#: The parameters of /beteiligung/ its list depends on (besides the page number ``seite``).
FILTER_PARAMETERS = ("bezirk", "thema", "status")
LISTING_NAMES = ("form", "filter_fields", "page", "filters", "page_params")


def can_preview(user) -> bool:
    """Staff who may see processes in the admin see drafts on the site, marked as preview."""
    return bool(user.is_active and user.is_staff and user.has_perm("participation.view_process"))


# --- process list -------------------------------------------------------------------------------
def _lazily(compute):
    """Values of one computation, each evaluated only when a template reads it (and at most once):
    a fragment hit reads none of them, so its page runs no query."""
    once = fragment_once(compute)
    return lambda name: SimpleLazyObject(lambda: once()[name])


def _process_listing(query, number: int) -> dict:
    districts = selectors.district_choices()
    raw = ProcessFilterForm(query, districts=districts)
    filters = raw.filters
    params = raw.cleaned_params()
    form = ProcessFilterForm({k: v for k, v in params.items() if v}, districts=districts)
    return {
        "form": form,
        "filter_fields": [form["bezirk"], form["thema"], form["status"]],
        "page": selectors.process_page(filters, number),
        "filters": filters,
        "page_params": params,
    }


@require_safe
@cache_public_page
def process_list(request):
    """/beteiligung/: published processes, filtered by district, topic and status (GET form).

    The list is a fragment (participation version, day, the address's filter values): a hit runs
    no query."""
    query = request.GET
    number = page_number(query.get("seite"))
    listing = _lazily(lambda: _process_listing(query, number))
    return render(
        request,
        "participation/process_list.html",
        {
            "page_number": number,
            "list_key": (number, *(query.get(name, "") for name in FILTER_PARAMETERS)),
            "participation_version": selectors.participation_token(),
            "time_part": selectors.time_part(),
            **{name: listing(name) for name in LISTING_NAMES},
        },
    )


# --- process ------------------------------------------------------------------------------------
@require_safe
def process_detail(request, slug):
    if can_preview(request.user):
        return _process_detail(request, slug, include_drafts=True)
    return _public_process_detail(request, slug)


@cache_public_page
def _public_process_detail(request, slug):
    return _process_detail(request, slug, include_drafts=False)


def _process_detail(request, slug, *, include_drafts):
    """The public page is fragments (participation version, day, events passed): a hit runs no
    query. Without such a process the first fragment raises the 404 (nothing is kept). Staff's
    preview (drafts) is rendered in full and never kept."""
    easy_asked = request.GET.get(EASY_LANGUAGE_PARAMETER) == EASY_LANGUAGE_VALUE

    def build() -> dict:
        page = selectors.process_for_page(slug, include_drafts=include_drafts)
        if page is None:
            raise Http404
        easy = easy_asked and bool(page.process.easy_language_summary)
        return {"page": page, "process": page.process, "easy_language": easy}

    parts = _lazily(build)
    if include_drafts:
        parts("page")._setup()  # a missing process is a 404 before rendering starts
    return render(
        request,
        "participation/process_detail.html",
        {
            "process_key": (slug, easy_asked),
            "participation_version": None if include_drafts else selectors.participation_token(),
            "time_part": selectors.time_part(),
            **{name: parts(name) for name in ("page", "process", "easy_language")},
            "easy_language_query": f"?{EASY_LANGUAGE_PARAMETER}={EASY_LANGUAGE_VALUE}",
        },
    )


def _serve_file(file_field, *, as_attachment: bool) -> FileResponse:
    if not file_field:
        raise Http404
    try:
        handle = file_field.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = mimetypes.guess_type(file_field.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=file_field.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
    # An uploaded SVG opened on its own must not run scripts or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=60 * 60)
    return response


@require_safe
def process_image(request, slug):
    process = selectors.process_for_file(slug, include_drafts=can_preview(request.user))
    if process is None:
        raise Http404
    return _serve_file(process.image, as_attachment=False)


@require_safe
def process_document(request, slug, pk):
    document = selectors.document_for_download(slug, pk, include_drafts=can_preview(request.user))
    if document is None:
        raise Http404
    return _serve_file(document.file, as_attachment=False)


# --- event and registration ---------------------------------------------------------------------
def _registration_state(event, now) -> str:
    if event.cancelled_at is not None:
        return "cancelled"
    if event.ends_at < now:
        return "over"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_yet"
    if not event.registration_open(now):
        return "closed"
    if event.places_left == 0 and not event.waiting_list_enabled:
        return "full"
    return "open"


def _client_ip(request) -> str:
    return get_adapter(request).get_client_ip(request)


@require_http_methods(["GET", "HEAD", "POST"])
def event_detail(request, slug):
    """/veranstaltungen/<slug>/: the event, its place and access support, and the registration."""
    include_drafts = can_preview(request.user)
    if request.method == "POST":
        return _register(request, slug, include_drafts=include_drafts)
    if request.user.is_authenticated or include_drafts:
        return _render_event(request, slug, include_drafts=include_drafts)
    return cached_form_page(request, slug, lambda **extra: _render_event(request, slug, **extra))


def _event_or_404(slug, *, include_drafts=False):
    event = selectors.event_for_page(slug, include_drafts=include_drafts)
    if event is None:
        raise Http404
    return event


def _event_context(event, now) -> dict:
    """What the page shows of the event (the fragments' data)."""
    return {
        "event": event,
        "process": event.process,
        # Read when a fragment shows it: a page served from its fragments does not read it.
        "office": SimpleLazyObject(lambda: event.office),
        "state": _registration_state(event, now),
        # Called by the template (inside the fragment) only when it shows the waiting list.
        "waiting": lambda: selectors.waiting_count(event) if event.places_left == 0 else 0,
        "starts_at": timezone.localtime(event.starts_at, selectors.MUNICH),
        "ends_at": timezone.localtime(event.ends_at, selectors.MUNICH),
    }


EVENT_NAMES = ("event", "process", "office", "state", "waiting", "starts_at", "ends_at")


def _initial_for(user) -> dict:
    first, _sep, last = (user.full_name or "").strip().rpartition(" ")
    if not first:
        first, last = last, ""
    return {"first_name": first, "last_name": last, "email": user.email}


def _render_event(
    request,
    slug,
    *,
    include_drafts=False,
    form=None,
    status=200,
    csrf_placeholder=None,
    duplicate=None,
):
    public = not include_drafts and request.method != "POST"
    # A guest's page holds the placeholder, not a token (participation.event_cache): all of it
    # is the same for every guest, so the registration section is a fragment too, and the event
    # is read only when a fragment is rendered (a hit runs no query; a missing event raises the
    # 404 from the first fragment). Anyone else's registration section is their own.
    guest = public and csrf_placeholder is not None and not request.user.is_authenticated
    now = timezone.now()
    if guest:
        event_context = fragment_once(lambda: _event_context(_event_or_404(slug), now))
        event_parts = _lazily(event_context)
        context = {name: event_parts(name) for name in EVENT_NAMES}
        context["waiting"] = lambda: event_context()["waiting"]()  # the template calls it
        existing = None
    elif request.user.is_authenticated and not include_drafts:
        # The event and the resident's registration in one round trip (issue 17, round 7).
        event, existing = selectors.event_and_registration(slug, request.user)
        if event is None:
            raise Http404
        context = _event_context(event, now)
    else:
        event = _event_or_404(slug, include_drafts=include_drafts)
        context = _event_context(event, now)
        existing = selectors.active_registration_for(event, request.user)
    if public:
        # Kept per participation version, day and language (its text is in the language).
        consent = selectors.participation_token.memo(
            f"consent:{today_in_munich(now)}:{active_language()}", current_consent
        )
    else:
        consent = current_consent()
    if form is None:
        user = request.user
        form = RegistrationForm(
            initial=_initial_for(user) if user.is_authenticated else None,
            consent_text=consent.text,
            email_fixed=user.is_authenticated,
        )
    version = selectors.participation_token() if public else None
    context.update(
        {
            "form": form,
            "existing": existing,
            # The parts of the page that are the same for everyone are fragments (participation
            # version, moments passed).
            "event_key": slug,
            "participation_version": version,
            "registration_version": version if guest else None,
            "time_part": selectors.time_part(now),
        }
    )
    if duplicate:
        context.update(duplicate)
    if csrf_placeholder:
        # Overrides the context processor's token (participation.event_cache).
        context["csrf_token"] = csrf_placeholder
    return render(request, "participation/event_detail.html", context, status=status)


def _register(request, slug, *, include_drafts):
    event = _event_or_404(slug, include_drafts=include_drafts)
    consent = current_consent()
    user = request.user if request.user.is_authenticated else None
    form = RegistrationForm(
        request.POST,
        initial=_initial_for(user) if user else None,
        consent_text=consent.text,
        email_fixed=user is not None,
    )
    status = 200
    duplicate = None
    if form.is_valid():
        data = form.cleaned_data
        common = {
            "event": event,
            "person": form.person(),
            "number_of_people": data["number_of_people"],
            "access_needs": data["access_needs"],
            "access_needs_note": data["access_needs_note"],
            "consent_version": consent.version,
            "language": active_language(),
        }
        try:
            if user is not None:
                registration = actions.register(
                    channel="online",
                    user=user,
                    someone_else=request.POST.get(SOMEONE_ELSE) == "1",
                    **common,
                )
            else:
                actions.count_guest_registration(client_ip=_client_ip(request))
                registration = actions.register_guest(**common)
        except actions.TooManyGuestRegistrations:
            form.add_error(
                None,
                _(
                    "Many registrations have come from your connection in the last hour. Please "
                    "try again later — your entries are still here — or call the contact below."
                ),
            )
            status = 429
        except actions.AlreadyRegistered:
            form.add_error(
                None,
                _(
                    "You are already registered for this event with this e-mail address. Look "
                    "for our e-mail; it has a link to cancel or change your registration."
                ),
            )
            status = 409
        except actions.PossibleDuplicate as error:
            # Not an error of the input: the page says what we found and offers to go on.
            duplicate = {"duplicate_matches": error.matches, "carried": _carried(request.POST)}
            status = 409
        except actions.EventFull:
            form.add_error(
                None, _("The last places have just been taken, and this event has no waiting list.")
            )
            status = 409
        except actions.RegistrationClosed:
            form.add_error(None, _("Registration for this event is closed."))
            status = 409
        else:
            forget_event_page(event.slug)
            return redirect(
                "participation:registration_done",
                slug=event.slug,
                reference=registration.reference,
            )
    return _render_event(
        request,
        slug,
        include_drafts=include_drafts,
        form=form,
        status=status,
        duplicate=duplicate,
    )


def _carried(post) -> list[tuple[str, str]]:
    """The typed form, to send again unchanged with "this is someone else"."""
    return [
        (name, value)
        for name in post
        if name not in {"csrfmiddlewaretoken", SOMEONE_ELSE}
        for value in post.getlist(name)
    ]


@require_safe
def registration_done(request, slug, reference):
    """After registering: what happens next. Shows no personal data (the address is shareable)."""
    registration = (
        Registration.objects.select_related("event", "event__process")
        .filter(reference=reference, event__slug=slug)
        .first()
    )
    if registration is None:
        raise Http404
    response = render(
        request,
        "participation/registration_done.html",
        {
            "registration": registration,
            "event": registration.event,
            # The check-in code as a QR code to show at the door (segno's own markup).
            "check_in_qr": mark_safe(  # noqa: S308
                qr_svg(
                    registration.reference,
                    title=_("QR code of your reference code %(code)s")
                    % {"code": registration.reference},
                )
            ),
            "confirmation_hours": int(actions.guest_confirmation_window().total_seconds() // 3600),
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def event_calendar(request, slug):
    """The event as an iCalendar file (no registration, no personal data)."""
    event = _event_or_404(slug, include_drafts=can_preview(request.user))
    response = HttpResponse(
        notifications.event_calendar_file(event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_guest(request, token):
    """The link in a guest's e-mail: GET shows a button, POST confirms.

    Mail scanners open links in e-mails; only the person's click on the button confirms.
    """
    try:
        registration = tokens.registration_for_guest_token(
            token, max_age=actions.guest_confirmation_window()
        )
    except signed_links.Expired:
        return render(request, "participation/guest_expired.html", status=410)
    if registration is None:
        raise Http404
    status = 200
    matches = []
    if request.method == "POST" and registration.status == RegistrationStatus.PENDING:
        try:
            registration = actions.confirm_guest(
                registration=registration,
                someone_else=request.POST.get(SOMEONE_ELSE) == "1",
            )
        except actions.PossibleDuplicate as error:
            matches, status = error.matches, 409
        except actions.GuestConfirmationExpired:
            return render(request, "participation/guest_expired.html", status=410)
        except actions.RegistrationClosed:
            messages.error(
                request, _("The event is over; the registration can no longer be confirmed.")
            )
            return redirect(registration.event.get_absolute_url())
        else:
            forget_event_page(registration.event.slug)
            return redirect(
                "participation:registration_done",
                slug=registration.event.slug,
                reference=registration.reference,
            )
    elif registration.status == RegistrationStatus.PENDING:
        # Behind the link sent to the guest's address: only matches with that address are shown.
        matches = selectors.offline_matches_for_guest(registration)
    response = render(
        request,
        "participation/guest_confirm.html",
        {"registration": registration, "event": registration.event, "duplicate_matches": matches},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    """The cancellation link (no login): GET shows the registration, POST cancels it."""
    registration = tokens.registration_for_cancel_token(token)
    if registration is None:
        raise Http404
    event = registration.event
    cancelled_now = False
    event_over = event.ends_at < timezone.now()
    if (
        request.method == "POST"
        and registration.status != RegistrationStatus.CANCELLED
        and not event_over
    ):
        actions.cancel_registration(registration=registration, by=None)
        registration.refresh_from_db()
        forget_event_page(event.slug)
        cancelled_now = True
    response = render(
        request,
        "participation/cancel.html",
        {
            "registration": registration,
            "event": event,
            "cancelled_now": cancelled_now,
            "event_over": event_over,
            "starts_at": timezone.localtime(event.starts_at, selectors.MUNICH),
            "cancel_url": reverse("participation:cancel", kwargs={"token": token}),
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response

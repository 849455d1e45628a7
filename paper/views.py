"""The clerks' pages (role Erfassung): typing in printed forms, and the daily letters.

``/erfassung/`` asks for the form number (a hand scanner types it and presses Enter); a number
with a wrong check digit, an unknown, void or already entered number is refused there at once.
``/erfassung/<number>/`` is the entry screen for that sheet; "Save and next" registers the
person and returns to the number field. Possible duplicates are shown before saving and the
clerk decides. ``/erfassung/briefe/`` prints the letters for people without e-mail — every kind
the clerk may see (registrations, ideas), through the kernel's letters
(``munich_portal.messaging``: its selectors read through the row scope).

Access is the staff area's: a staff account in a session authenticated with the second factor
(as :meth:`munich_portal.core.admin_site.PortalAdminSite.has_permission`) and the permission of
the page; anyone else is sent to the login or refused. A clerk of several departments says which
one they act for first (the staff area's purpose page): it is recorded with every data-use event.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from munich_portal.core.numbers import InvalidFormNumber, parse
from munich_portal.core.staff import staff_page
from munich_portal.messaging import actions as letter_actions
from munich_portal.messaging import selectors as letter_selectors
from paper import actions, selectors
from paper.forms import CALL_CHANNELS, CallForm, DuplicateForm, NumberForm, SheetForm
from paper.models import FormSheet
from participation.actions import EventFull, RegistrationClosed, RegistrationError
from participation.models import RegistrationStatus

ENTER_PERMISSION = "paper.enter_formsheet"
#: Phone and on-site registrations: clerks (Erfassung) and organisers may add registrations.
CALL_PERMISSION = "participation.add_registration"
LETTERS_PERMISSION = letter_actions.PRINT_PERMISSION


def _staff_name(user_id: int | None) -> str:
    if user_id is None:
        return _("unknown")
    user = get_user_model()._default_manager.filter(pk=user_id).first()
    if user is None:
        return _("a former staff member")
    return getattr(user, "full_name", "") or user.email


def _when(moment: dt.datetime) -> dict:
    local = timezone.localtime(moment)
    return {"date": date_format(local, "SHORT_DATE_FORMAT"), "time": local.strftime("%H:%M")}


def refusal(sheet: FormSheet) -> str:
    """Why ``sheet`` cannot be entered, naming the clerk and the time for an entered one."""
    number = sheet.printed_number
    if sheet.status == FormSheet.Status.ENTERED:
        return _(
            "Form %(number)s was already entered by %(clerk)s on %(date)s at %(time)s. It cannot "
            "be entered twice."
        ) % {"number": number, "clerk": _staff_name(sheet.entered_by_id), **_when(sheet.entered_at)}
    when = _when(sheet.voided_at) if sheet.voided_at else {"date": "?", "time": "?"}
    return _("Form %(number)s was marked void on %(date)s. It cannot be entered.") % {
        "number": number,
        **when,
    }


@require_http_methods(["GET", "POST"])
@staff_page(ENTER_PERMISSION)
def entry(request):
    """The number screen: the first field of the page; Enter (or the scanner) opens the sheet."""
    form = NumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"]
        sheet = selectors.sheet_for_number(number.digits)
        if sheet is None:
            form.add_error(
                "number",
                _("No printed form has the number %(number)s. Check the number on the sheet.")
                % {"number": number.printed},
            )
        elif sheet.status != FormSheet.Status.ISSUED:
            form.add_error("number", refusal(sheet))
        else:
            return redirect("paper:paper_sheet", number=number.digits)
    return render(
        request,
        "paper/entry.html",
        {
            "form": form,
            # After a save or a refused number the clerk goes on scanning: the script puts the
            # focus back into the number field (no autofocus attribute on a first visit).
            "return_focus": request.method == "POST" or bool(request.GET.get("weiter")),
        },
    )


def _sheet_or_404(number: str) -> FormSheet:
    try:
        digits = parse(number).digits
    except InvalidFormNumber as error:
        raise Http404("not a form number") from error
    sheet = selectors.sheet_for_number(digits)
    if sheet is None:
        raise Http404("no such sheet")
    return sheet


@require_http_methods(["GET", "POST"])
@staff_page(ENTER_PERMISSION)
def sheet(request, number: str):
    """The entry screen of one sheet; with possible duplicates, the decision screen first."""
    form_sheet = _sheet_or_404(number)
    if form_sheet.status != FormSheet.Status.ISSUED:
        messages.error(request, refusal(form_sheet))
        return redirect(f"{reverse('paper:paper_entry')}?weiter=1")
    batch = form_sheet.batch
    events = selectors.batch_events(batch)
    if not events:
        messages.error(request, _("The events of this form are over. Put the sheet aside."))
        return redirect(f"{reverse('paper:paper_entry')}?weiter=1")
    form = SheetForm(request.POST or None, events=events)
    context = {"sheet": form_sheet, "batch": batch, "events": events, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "paper/sheet.html", context)

    event = form.chosen_event
    candidates, decision_form, decision_page = _duplicate_step(
        request,
        form,
        event,
        {**context, "action_url": reverse("paper:paper_sheet", args=[form_sheet.number])},
        channel="paper",
    )
    if decision_page is not None:
        return decision_page
    try:
        result = actions.enter_sheet(
            number=form_sheet.number,
            entered_by=request.user,
            person=form.person,
            number_of_people=form.cleaned_data["number_of_people"],
            access_needs=form.cleaned_data["access_needs"],
            access_needs_note=form.cleaned_data["access_needs_note"],
            event=event,
            same_person_as=decision_form.same_person_as if decision_form else None,
            shown_candidates=[candidate.registration for candidate in candidates],
        )
    except actions.SheetNotEnterable as error:
        messages.error(request, refusal(error.sheet))
        return redirect(f"{reverse('paper:paper_entry')}?weiter=1")
    except (EventFull, RegistrationClosed) as error:
        form.add_error(None, _registration_error_text(error))
        return render(request, "paper/sheet.html", context)
    except (actions.PaperError, RegistrationError) as error:
        form.add_error(None, str(error))
        return render(request, "paper/sheet.html", context)

    messages.success(request, saved_message(result))
    return redirect(f"{reverse('paper:paper_entry')}?weiter=1")


def _duplicate_step(request, form, event, context, *, channel: str):
    """Possible duplicates of the typed person: ``(candidates, decision_form, page)``.

    ``page`` is the decision screen to show (first sight of the candidates, or a decision
    missing), ``None`` when the clerk may save: no candidates, or a valid decision on exactly
    the candidates shown.
    """
    candidates = selectors.find_duplicates(
        event=event,
        first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"],
        email=form.cleaned_data["email"],
        phone=form.cleaned_data["phone"],
        postal_code=form.cleaned_data["postal_code"],
    )
    if not candidates:
        return candidates, None, None
    shown_pks = sorted(candidate.registration.pk for candidate in candidates)
    posted_pks = sorted(
        int(pk)
        for pk in request.POST.getlist("shown")
        if pk.isascii() and pk.isdigit() and len(pk) < 19
    )
    # The clerk decides on exactly the candidates they saw; a new one since is shown first.
    came_from_decision = posted_pks == shown_pks
    decision_form = DuplicateForm(
        request.POST if came_from_decision else None, candidates=candidates
    )
    if came_from_decision and decision_form.is_valid():
        return candidates, decision_form, None
    actions.log_candidates_viewed(
        candidates=[candidate.registration for candidate in candidates], channel=channel
    )
    page = render(
        request,
        "paper/duplicates.html",
        {
            **context,
            "event": event,
            "candidates": candidates,
            "decision_form": decision_form,
            # The typed entry travels along unchanged, so the decision loses nothing.
            "carried": [
                (name, value)
                for name in request.POST
                if name not in {"csrfmiddlewaretoken", "decision", "shown"}
                for value in request.POST.getlist(name)
            ],
        },
    )
    return candidates, decision_form, page


def _registration_error_text(error) -> str:
    if isinstance(error, EventFull):
        return _(
            "The event is full and keeps no waiting list. The sheet was not entered: tell the "
            "organisers, then mark it void."
        )
    return _("The event is over. The sheet was not entered: put it aside.")


def saved_message(result: actions.EntryResult) -> str:
    number = result.sheet.printed_number
    registration = result.registration
    if result.linked:
        return _(
            "Form %(number)s saved and linked to the existing registration of the same person: "
            "no second place taken."
        ) % {"number": number}
    values = {"number": number, "people": registration.number_of_people}
    if registration.status == RegistrationStatus.CONFIRMED:
        return (
            ngettext(
                "Form %(number)s saved: confirmed (%(people)s place).",
                "Form %(number)s saved: confirmed (%(people)s places).",
                registration.number_of_people,
            )
            % values
        )
    return (
        ngettext(
            "Form %(number)s saved: on the waiting list (%(people)s place).",
            "Form %(number)s saved: on the waiting list (%(people)s places).",
            registration.number_of_people,
        )
        % values
    )


# --- phone and on site ----------------------------------------------------------------------------


def _call_url(event_pk=None, channel=None) -> str:
    """The phone/on-site screen, with the event and channel of the last entry chosen again."""
    query = {
        key: value
        for key, value in (("veranstaltung", event_pk), ("kanal", channel))
        if value is not None
    }
    base = reverse("paper:paper_call")
    return f"{base}?{urlencode(query)}" if query else base


def _call_initial(request) -> dict:
    initial = {}
    event = request.GET.get("veranstaltung", "")
    if event.isascii() and event.isdigit() and len(event) < 19:
        initial["event"] = int(event)
    if request.GET.get("kanal") in dict(CALL_CHANNELS):
        initial["channel"] = request.GET["kanal"]
    return initial


@require_http_methods(["GET", "POST"])
@staff_page(CALL_PERMISSION)
def call(request):
    """Register a caller or a person at the counter: no sheet number, the event and channel
    chosen on screen; "Save and next" comes back with both chosen again for the next person."""
    events = selectors.events_for_calls(request.user)
    form = CallForm(request.POST or None, events=events, initial=_call_initial(request))
    context = {"form": form, "events": events}
    if request.method != "POST" or not form.is_valid():
        return render(request, "paper/call.html", context)
    event = form.chosen_event
    channel = form.cleaned_data["channel"]
    candidates, decision_form, decision_page = _duplicate_step(
        request,
        form,
        event,
        {
            **context,
            "channel_label": dict(CALL_CHANNELS)[channel],
            "action_url": reverse("paper:paper_call"),
            "back_url": _call_url(event.pk, channel),
        },
        channel=channel,
    )
    if decision_page is not None:
        return decision_page
    try:
        registration = actions.enter_call(
            event=event,
            channel=channel,
            entered_by=request.user,
            person=form.person,
            number_of_people=form.cleaned_data["number_of_people"],
            access_needs=form.cleaned_data["access_needs"],
            access_needs_note=form.cleaned_data["access_needs_note"],
            same_person_as=decision_form.same_person_as if decision_form else None,
            shown_candidates=[candidate.registration for candidate in candidates],
        )
    except EventFull:
        form.add_error(
            "event",
            _("The event is full and keeps no waiting list. Offer the person another event."),
        )
        return render(request, "paper/call.html", context)
    except RegistrationClosed:
        form.add_error("event", _("The event is over. Choose another event."))
        return render(request, "paper/call.html", context)
    except (actions.PaperError, RegistrationError) as error:
        form.add_error(None, str(error))
        return render(request, "paper/call.html", context)
    messages.success(request, call_saved_message(registration))
    return redirect(_call_url(event.pk, channel))


def call_saved_message(registration) -> str:
    """What the clerk reads out: the status, the number of places and the check-in code."""
    values = {
        "name": registration.full_name,
        "people": registration.number_of_people,
        "code": registration.reference,
    }
    if registration.linked_to_id is not None:
        return (
            _("Saved and linked to the existing registration of %(name)s: no second place taken.")
            % values
        )
    if registration.status == RegistrationStatus.CONFIRMED:
        return (
            ngettext(
                "Saved: %(name)s is confirmed (%(people)s place), code %(code)s.",
                "Saved: %(name)s is confirmed (%(people)s places), code %(code)s.",
                registration.number_of_people,
            )
            % values
        )
    return (
        ngettext(
            "Saved: %(name)s is on the waiting list (%(people)s place), code %(code)s.",
            "Saved: %(name)s is on the waiting list (%(people)s places), code %(code)s.",
            registration.number_of_people,
        )
        % values
    )


# --- letters --------------------------------------------------------------------------------------


@require_http_methods(["GET"])
@staff_page(LETTERS_PERMISSION)
def letters(request):
    """Letters waiting to be printed (per kind), and the last batches to print again."""
    pending = letter_selectors.pending_by_kind(request.user)
    return render(
        request,
        "paper/letters.html",
        {
            "pending": sum(row["letters"] for row in pending),
            "pending_by_kind": pending,
            "batches": letter_selectors.printed_letter_batches(request.user),
            "today": timezone.localdate(),
        },
    )


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_page(LETTERS_PERMISSION)
def print_letters(request):
    """Today's batch: every letter the clerk may see not printed yet, as one PDF; each print is
    logged."""
    pending = list(letter_selectors.pending_letters(request.user))
    if not pending:
        messages.info(request, _("There are no letters to print."))
        return redirect("paper:paper_letters")
    today = timezone.localdate()
    pdf = letter_actions.print_letters(letters=pending, by=request.user, day=today)
    return _pdf_response(pdf, f"briefe-{today.isoformat()}.pdf")


@require_POST
@staff_page(LETTERS_PERMISSION)
def reprint_letters(request, day: str):
    """A past batch again (a jammed printer); logged like the first print."""
    try:
        batch_day = dt.date.fromisoformat(day)
    except ValueError as error:
        raise Http404("no such day") from error
    batch = list(letter_selectors.letters_of_batch(request.user, batch_day))
    if not batch:
        raise Http404("no letters that day")
    pdf = letter_actions.print_letters(letters=batch, by=request.user, day=batch_day)
    return _pdf_response(pdf, f"briefe-{batch_day.isoformat()}-neu.pdf")

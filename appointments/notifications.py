"""E-mails about appointments, in the language the person booked in, and the calendar file.

Written in the transaction of the change (``actions._notify``) and stored in the outbox with
:func:`munich_portal.messaging.actions.queue_email`: a change that rolls back sends nothing, and the
worker sends a committed one after commit, and again later while the relay is down (the kinds are
registered in :mod:`appointments.apps`). Each e-mail to a person with an account is a data-use event
(``send``, written by the outbox when the relay accepted it); guests have no account to attach one
to. People without e-mail but with a postal address (clerks' bookings) get letters instead —
confirmation, reminder, move, cancellation — written now in their language and queued with
:func:`munich_portal.messaging.actions.queue_letter` for the clerks' daily print batch
(:func:`queue_booking_letter`); the printable confirmation page stays for the desk.

A message greets the person by name only once the address is proven to be theirs (a verified
account, or the link in the confirmation e-mail was opened): until then anyone could type a name
such as "Visit http://evil.example" next to someone else's address, and the portal would deliver
it (:func:`booking_greeting_name`, :func:`entry_greeting_name`).
"""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from appointments import tokens
from appointments.models import Booking, WaitingListEntry
from munich_portal.core.channels import Channel
from munich_portal.messaging import actions as outbox

# The e-mails, with their labels for the staff (the outbox admin); registered as
# "appointments.<kind>" (appointments.apps).
BOOKING_KINDS = {
    "hold": gettext_lazy("appointment to confirm"),
    "confirmation": gettext_lazy("appointment confirmed"),
    "rebooked": gettext_lazy("appointment moved"),
    "cancellation": gettext_lazy("appointment cancelled"),
    "reminder": gettext_lazy("appointment reminder"),
    "offer": gettext_lazy("slot offered from the waiting list"),
}
ENTRY_KINDS = {
    "waitlist_confirm": gettext_lazy("waiting list entry to confirm"),
    "waiting": gettext_lazy("on the waiting list"),
}
MESSAGE_KINDS = {**BOOKING_KINDS, **ENTRY_KINDS}
#: The messages that become letters for people without e-mail; the others carry a link that
#: only works from an e-mail (confirm a hold, take an offered slot, the waiting list).
LETTER_KINDS = {"confirmation", "rebooked", "cancellation", "reminder"}
#: The e-mails with a link that acts for the person (confirm, manage, take the offered slot): the
#: staff area does not show their text.
CONFIDENTIAL_KINDS = {"hold", "confirmation", "rebooked", "reminder", "offer", "waitlist_confirm"}
CALENDAR_KINDS = {"confirmation", "rebooked", "cancellation", "reminder"}


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def links(booking: Booking) -> dict[str, str]:
    manage = tokens.manage_token(booking)
    return {
        "manage_url": absolute_url(reverse("appointments:manage", kwargs={"token": manage})),
        "rebook_url": absolute_url(reverse("appointments:rebook", kwargs={"token": manage})),
        "confirm_url": absolute_url(
            reverse("appointments:confirm", kwargs={"token": tokens.confirm_token(booking)})
        ),
        "offer_url": absolute_url(
            reverse("appointments:offer", kwargs={"token": tokens.offer_token(booking)})
        ),
    }


def booking_greeting_name(booking: Booking) -> str:
    """The name to greet with, or ``""`` while the address is not proven to be the person's.

    Proven: an online booking that was confirmed (a verified account books confirmed at once; a
    guest opened the link) or offered from the waiting list (whose entry was confirmed). A clerk's
    booking carries an address someone told the clerk: not proven.
    """
    if booking.channel != Channel.ONLINE:
        return ""
    if booking.confirmed_at is None and booking.waiting_list_entry_id is None:
        return ""
    return booking.name


def entry_greeting_name(entry: WaitingListEntry) -> str:
    """The name to greet with once the entry is confirmed (it is queued), else ``""``."""
    return entry.name if entry.queued_at is not None else ""


def place_text(office) -> str:
    return f"{office.name}, {office.street}, {office.postal_code} {office.city}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def what_to_bring_text(booking: Booking) -> str:
    """Plain text for e-mails, letters and the calendar file, in the active language (German
    where the English text is empty): each service of the booking once, headed by its name,
    with its required documents and fee."""
    parts = []
    for service in booking.services_to_bring_for():
        block = [service.name]
        documents = _lines(service.required_documents)
        if documents:
            block.append(_("Documents:"))
            block.extend(line if line.startswith(("-", "•")) else f"- {line}" for line in documents)
        fees = _lines(service.fees)
        if fees:
            block.append(_("Fee:") + " " + " ".join(fees))
        parts.append("\n".join(block))
    if not parts:
        return ""
    return _("What to bring") + "\n\n" + "\n\n".join(parts)


def party_text(booking: Booking, *, names: bool) -> str:
    """Who comes for what, one line per person (``names``: by name, else "Person 2"), or
    ``""`` for one person with one service (the appointment line says it)."""
    party = booking.party()
    if len(party) == 1 and len(party[0].services) <= 1:
        return ""
    lines = []
    for member in party:
        who = member.name if names else _("Person %(number)d") % {"number": member.position}
        services = ", ".join(service.name for service in member.services)
        lines.append(f"- {who}: {services}" if services else f"- {who}")
    return "\n".join(lines)


def calendar_file(booking: Booking, *, cancelled: bool = False) -> bytes:
    """An iCalendar file (RFC 5545) for the appointment, in the booking's language, with who comes
    and what to bring in its description; one UID per booking, so a rebooking or cancellation
    replaces the same calendar entry."""
    with translation.override(booking.language or settings.LANGUAGE_CODE):
        return _calendar_file(booking, cancelled=cancelled)


def _calendar_file(booking: Booking, *, cancelled: bool) -> bytes:
    slot = booking.slot
    appointment_type = slot.appointment_type
    office = appointment_type.office
    calendar = Calendar()
    calendar.add("prodid", "-//Landeshauptstadt München//Digitales München//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    entry = Event()
    host = settings.SITE_URL.split("://", 1)[-1]
    entry.add("uid", f"appointment-{booking.reference}@{host}")
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", slot.starts_at.astimezone(UTC))
    entry.add("dtend", slot.ends_at.astimezone(UTC))
    entry.add("summary", f"{appointment_type.name} – {office.name}")  # noqa: RUF001
    entry.add("location", place_text(office))
    lines = [_("Your reference code: %(reference)s") % {"reference": booking.reference}]
    if not cancelled:
        people = party_text(booking, names=bool(booking_greeting_name(booking)))
        if people:
            lines.append(people)
        bring = what_to_bring_text(booking)
        if bring:
            lines.append(bring)
        lines.append(_("Cancel or rebook: %(url)s") % {"url": links(booking)["manage_url"]})
    entry.add("description", "\n".join(lines))
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("sequence", int(timezone.now().timestamp()) // 60 % 100000)
    calendar.add_component(entry)
    return calendar.to_ical()


def _subject(kind: str, office) -> str:
    subjects = {
        "hold": _("Please confirm your appointment: %(office)s"),
        "confirmation": _("Appointment confirmed: %(office)s"),
        "rebooked": _("Appointment moved: %(office)s"),
        "cancellation": _("Appointment cancelled: %(office)s"),
        "reminder": _("Reminder: your appointment tomorrow at %(office)s"),
        "offer": _("A slot has become free for you: %(office)s"),
        "waitlist_confirm": _("Please confirm: waiting list at %(office)s"),
        "waiting": _("You are on the waiting list: %(office)s"),
    }
    return subjects[kind] % {"office": office.name}


def message_kind(kind: str) -> str:
    """The registered kind of the e-mail ``kind`` (appointments.apps)."""
    return f"appointments.{kind}"


def _queue(
    source, kind: str, *, office, language: str, context: dict, attachments=(), service=None
):
    """Render the e-mail ``kind`` (``context`` in ``language``) and store it in the outbox; about
    an office's appointment, or (``office`` None) a service's waiting list at any office."""
    with translation.override(language):
        subject = _subject(kind, office) if office else _any_office_subject(kind, service)
        body = render_to_string(f"appointments/email/{kind}.txt", context)
    return outbox.queue_email(
        kind=message_kind(kind),
        source=source,
        recipient=source.user,
        to=source.email,
        reply_to=office.email if office else "",
        subject=subject,
        body=body,
        language=language,
        attachments=attachments,
    )


def queue_booking_email(booking: Booking, kind: str):
    """Write the e-mail of ``kind`` about ``booking`` in its language (with a calendar file where
    it has a date) and store it in the outbox; called inside the transaction of the change."""
    language = booking.language or settings.LANGUAGE_CODE
    # The party is read twice (who comes, what to bring): its people and services once.
    prefetch_related_objects([booking], "people__services")
    with translation.override(language):
        slot = booking.slot
        office = slot.appointment_type.office
        context = {
            "booking": booking,
            "greeting_name": booking_greeting_name(booking),
            "appointment_type": slot.appointment_type,
            "office": office,
            "place": place_text(office),
            "starts_at": timezone.localtime(slot.starts_at),
            "hold_minutes": int(settings.APPOINTMENTS_HOLD_MINUTES),
            "hold_until": timezone.localtime(booking.hold_until) if booking.hold_until else None,
            # Names only once the address is proven (as for the greeting).
            "party_text": party_text(booking, names=bool(booking_greeting_name(booking))),
            "what_to_bring": what_to_bring_text(booking),
            **links(booking),
        }
        attachments = []
        if kind in CALENDAR_KINDS:
            attachments.append(
                outbox.Attachment(
                    "termin.ics",
                    calendar_file(booking, cancelled=kind == "cancellation"),
                    "text/calendar",
                )
            )
    return _queue(
        booking, kind, office=office, language=language, context=context, attachments=attachments
    )


def queue_entry_email(entry: WaitingListEntry, kind: str):
    """Write the e-mail of ``kind`` about the waiting-list ``entry`` in its language and store it
    in the outbox; called inside the transaction of the change. An "any office" entry names the
    service and the narrowing instead of an office."""
    language = entry.language or settings.LANGUAGE_CODE
    with translation.override(language):
        office = entry.appointment_type.office if entry.appointment_type_id else None
        context = {
            "entry": entry,
            "greeting_name": entry_greeting_name(entry),
            "appointment_type": entry.appointment_type,
            "office": office,
            "service": entry.service,
            "narrowing": narrowing_text(entry),
            "confirm_url": absolute_url(
                reverse(
                    "appointments:confirm_waitlist",
                    kwargs={"token": tokens.waitlist_token(entry)},
                )
            ),
        }
    return _queue(
        entry, kind, office=office, language=language, context=context, service=entry.service
    )


def _any_office_subject(kind: str, service) -> str:
    subjects = {
        "waitlist_confirm": _("Please confirm: waiting list for %(service)s"),
        "waiting": _("You are on the waiting list: %(service)s"),
    }
    return subjects[kind] % {"service": service.name}


def narrowing_text(entry: WaitingListEntry) -> str:
    """An "any office" entry's narrowing in words (active language), e.g. "only in the city
    district 3 Maxvorstadt; with a step-free entrance, a lift"; ``""`` without one."""
    parts = []
    if entry.stadtbezirk_id:
        district = entry.stadtbezirk
        parts.append(
            _("only in the city district %(number)d. %(name)s")
            % {"number": district.number, "name": district.name}
        )
    labels = {
        "step_free_entrance": _("a step-free entrance"),
        "lift": _("a lift"),
        "accessible_toilet": _("an accessible toilet"),
        "induction_loop": _("an induction loop"),
    }
    needs = [str(label) for name, label in labels.items() if getattr(entry, name)]
    if needs:
        parts.append(_("only offices with %(features)s") % {"features": ", ".join(needs)})
    return "; ".join(parts)


def needs_letter(booking: Booking, kind: str) -> bool:
    return not booking.email and kind in LETTER_KINDS and booking.has_postal_address


def _letter_subject(kind: str, office, starts_at) -> str:
    if kind == "reminder":
        return _("Reminder: your appointment on %(date)s at %(office)s") % {
            "date": starts_at.strftime("%d.%m.%Y"),
            "office": office.name,
        }
    return _subject(kind, office)


def queue_booking_letter(booking: Booking, kind: str):
    """Write the letter of ``kind`` about ``booking`` in its language and queue it for the daily
    batch; called inside the transaction of the change. The office signs it."""
    from appointments.actions import LETTER_REMINDER_DAYS, reminder_letter_follows

    language = booking.language or settings.LANGUAGE_CODE
    with translation.override(language):
        slot = booking.slot
        office = slot.appointment_type.office
        starts_at = timezone.localtime(slot.starts_at)
        context = {
            "kind": kind,
            "name": booking.name,
            "booking": booking,
            "appointment_type": slot.appointment_type,
            "office": office,
            "place": place_text(office),
            "starts_at": starts_at,
            "reminder_follows": kind == "confirmation" and reminder_letter_follows(booking),
            "reminder_days": LETTER_REMINDER_DAYS,
            # A letter goes to the address the clerk took down, to the person named there.
            "party_text": party_text(booking, names=True),
            "what_to_bring": what_to_bring_text(booking) if kind != "cancellation" else "",
        }
        subject = _letter_subject(kind, office, starts_at)
        body = render_to_string("appointments/letter.txt", context)
        department = office.name
    return outbox.queue_letter(
        kind=message_kind(kind),
        source=booking,
        recipient=booking.user,
        address=outbox.PostalAddress(
            name=booking.name,
            street=booking.street,
            postal_code=booking.postal_code,
            city=booking.city,
        ),
        sender=outbox.Sender(department=department, phone=office.phone, email=office.email),
        subject=subject,
        body=body,
        language=language,
        reference=booking.reference,
    )

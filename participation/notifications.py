"""Telling registrants what happened: e-mails (with a calendar file) or letters for the clerks.

Registrants with an e-mail address get an e-mail in the language they registered in, written now
and stored in the outbox with :func:`munich_portal.messaging.actions.queue_email` (the worker sends
it after commit, and again later while the relay is down); those without one, but with a postal
address, get a letter: written now, in their language, and queued with
:func:`munich_portal.messaging.actions.queue_letter` for the clerks' daily print batch (the kinds
are registered in :mod:`participation.apps`). Someone with neither (a phone registration with only
a number) is told by the organisers; the registrations list shows them.

Each e-mail sent to a registrant with an account is a data-use event (``send``, written by the
outbox when the relay accepted it); guests and paper registrants have no account to attach one to
(docs/participation.md).

A message greets the registrant by name only once the address is proven to be theirs (an
account's verified address, or a guest who opened the confirmation link): until then anyone could
type a name such as "Visit http://evil.example" next to someone else's address
(:func:`greeting_name`).
"""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from munich_portal.core.channels import Channel
from munich_portal.core.numbers import format_number
from munich_portal.core.qr import qr_png
from munich_portal.messaging import actions as letters
from participation import tokens
from participation.models import AccessNeed, Registration, RegistrationStatus

# Which messages become letters for people without e-mail (the guest confirmation needs e-mail),
# with their labels for the staff; registered as "participation.<kind>" (participation.apps).
LETTER_KINDS = {
    "confirmation": gettext_lazy("registration confirmed"),
    "waitlisted": gettext_lazy("on the waiting list"),
    "promotion": gettext_lazy("place from the waiting list"),
    "cancellation": gettext_lazy("registration cancelled"),
    "event_changed": gettext_lazy("event moved"),
    "event_cancelled": gettext_lazy("event cancelled"),
}
#: The messages about a change the organisers made to the event itself (actions.move_event,
#: actions.cancel_event): they name the old and the new time and place.
EVENT_KINDS = {"event_changed", "event_cancelled"}
# The messages that only go by e-mail, with their labels for the staff (the outbox admin).
EMAIL_ONLY_KINDS = {
    "guest_confirm": gettext_lazy("please confirm the registration"),
    "full": gettext_lazy("no place left"),
}
MESSAGE_KINDS = {**LETTER_KINDS, **EMAIL_ONLY_KINDS}
#: The e-mails with a link that acts for the person (confirm or cancel the registration): the
#: staff area does not show their text.
CONFIDENTIAL_KINDS = {"confirmation", "waitlisted", "promotion", "guest_confirm", "event_changed"}
#: The e-mails that confirm a place: they carry the check-in code as a QR image too (the door's
#: scanner reads it from the phone screen; the code is in the text as well).
CHECK_IN_KINDS = {"confirmation", "promotion"}
CALENDAR_KINDS = {"confirmation", "promotion", "cancellation", "event_changed", "event_cancelled"}
#: The calendar files that replace an earlier one (a cancellation, a move): a later SEQUENCE than
#: every file sent before, so calendar programs take them (RFC 5545, 3.8.7.4).
UPDATE_KINDS = {"cancellation", "event_changed", "event_cancelled"}


def letter_kind(kind: str) -> str:
    """The letter kind's key for the message ``kind`` (``"participation.confirmation"``)."""
    return f"participation.{kind}"


def needs_letter(registration: Registration, kind: str) -> bool:
    return not registration.email and kind in LETTER_KINDS and registration.has_postal_address


def letter_sender(process, language: str) -> letters.Sender:
    """Who signs a letter about ``process``: its department (named in ``language``) and contact.

    Also for the letters of the apps built on participation (ideas)."""
    department = process.department
    return letters.Sender(
        department=(department.name_en or department.name) if language == "en" else department.name,
        phone=process.contact_phone,
        email=process.contact_email or department.email,
    )


def _event_change_context(extra: dict | None) -> dict:
    """The old time and place (``before``: an unsaved event) and the organiser's note of a move
    or cancellation, in the active language; empty for the other messages."""
    if not extra:
        return {}
    before = extra["before"]
    return {
        "before_starts_at": timezone.localtime(before.starts_at),
        "before_ends_at": timezone.localtime(before.ends_at),
        "before_place": place_text(before),
        "note": extra.get("note", ""),
        "was": extra.get("was", ""),
    }


def queue_letter(registration: Registration, kind: str, *, extra: dict | None = None):
    """Write the letter of ``kind`` in the registration's language and queue it for printing.

    Called inside the transaction of the change: the letter says what was decided then.
    ``extra``: for a move or cancellation of the event, its state before and the note.
    """
    event = registration.event
    process = event.process
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "kind": kind,
            "name": registration.full_name,
            "event": event,
            "process": process,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "place": place_text(event),
            "registration": registration,
            "access_needs": [
                str(AccessNeed(need).label)
                for need in registration.access_needs
                if need in AccessNeed.values
            ],
            "form_number": format_number(registration.form_number)
            if registration.form_number
            else "",
            "phone": process.contact_phone,
            **_event_change_context(extra),
        }
        subject = _subject(kind, event)
        template = "letter_event.txt" if kind in EVENT_KINDS else "letter.txt"
        body = render_to_string(f"participation/{template}", context)
    return letters.queue_letter(
        kind=letter_kind(kind),
        source=registration,
        recipient=registration.user,
        address=letters.PostalAddress(
            name=registration.full_name,
            street=registration.street,
            postal_code=registration.postal_code,
            city=registration.city,
        ),
        sender=letter_sender(process, language),
        subject=subject,
        body=body,
        language=language,
        reference=registration.reference,
    )


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def links(registration: Registration) -> dict[str, str]:
    """The absolute links a message about ``registration`` offers, in the active language."""
    event = registration.event
    return {
        "event_url": absolute_url(event.get_absolute_url()),
        "cancel_url": absolute_url(
            reverse("participation:cancel", kwargs={"token": tokens.cancel_token(registration)})
        ),
        "confirm_url": absolute_url(
            reverse(
                "participation:confirm_guest", kwargs={"token": tokens.guest_token(registration)}
            )
        ),
    }


def greeting_name(registration: Registration, *, address_confirmed: bool | None = None) -> str:
    """The name to greet with, or ``""`` while the e-mail address is not proven to be theirs.

    Proven: an online registration with an account (addresses are verified before login) or a
    guest's after the confirmation link (no longer pending). Paper, phone and on-site
    registrations carry an address someone wrote or told a clerk: not proven. The caller passes
    ``address_confirmed=False`` when the state at sending time no longer tells (a pending guest
    registration that was cancelled).
    """
    if address_confirmed is None:
        address_confirmed = registration.channel == Channel.ONLINE and (
            registration.user_id is not None or registration.status != RegistrationStatus.PENDING
        )
    if not address_confirmed:
        return ""
    return f"{registration.first_name} {registration.last_name}".strip()


def place_text(event) -> str:
    """The place as one line: office, named place, or the online link."""
    if event.office_id:
        office = event.office
        return f"{office.name}, {office.street}, {office.postal_code} {office.city}"
    parts = [part for part in (event.place_name, event.place_address) if part]
    if parts:
        return ", ".join(parts)
    return event.online_url


def _sequence() -> int:
    """A SEQUENCE that grows with time (minutes since 2026): a later update wins."""
    return int(timezone.now().timestamp() - 1767225600) // 60


def calendar_file(
    registration: Registration,
    *,
    cancelled: bool = False,
    cancel_url: str | None = None,
    update: bool = False,
) -> bytes:
    """An iCalendar file for the registration's event (RFC 5545), times in UTC; ``update``: it
    replaces a file sent before (a later sequence number)."""
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", "-//Landeshauptstadt München//Digitales München//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    entry = CalendarEvent()
    host = settings.SITE_URL.split("://", 1)[-1]
    # One UID per registration: a later cancellation replaces the same calendar entry.
    entry.add("uid", f"registration-{registration.reference}@{host}")
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    entry.add("location", place_text(event))
    entry.add("url", absolute_url(event.get_absolute_url()))
    lines = [
        event.process.title,
        _("Your reference code: %(reference)s") % {"reference": registration.reference},
    ]
    if event.online_url:
        lines.append(_("Online: %(url)s") % {"url": event.online_url})
    if not cancelled:
        lines.append(
            _("Cancel your registration: %(url)s")
            % {"url": cancel_url or links(registration)["cancel_url"]}
        )
    entry.add("description", "\n".join(lines))
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("sequence", _sequence() if update or cancelled else 0)
    calendar.add_component(entry)
    return calendar.to_ical()


def _subject(kind: str, event) -> str:
    subjects = {
        "guest_confirm": _("Please confirm your registration: %(event)s"),
        "confirmation": _("Registration confirmed: %(event)s"),
        "waitlisted": _("You are on the waiting list: %(event)s"),
        "promotion": _("A place has become free for you: %(event)s"),
        "cancellation": _("Registration cancelled: %(event)s"),
        "full": _("No place left: %(event)s"),
        "event_changed": _("Event moved: %(event)s"),
        "event_cancelled": _("Event cancelled: %(event)s"),
    }
    return subjects[kind] % {"event": event.title}


def queue_email(
    registration: Registration,
    kind: str,
    *,
    address_confirmed: bool | None = None,
    extra: dict | None = None,
):
    """Write the e-mail of ``kind`` in the registration's language (with a calendar file if
    dated) and store it in the outbox; called inside the transaction of the change. ``extra``:
    for a move or cancellation of the event, its state before and the note."""
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        event = registration.event
        context = {
            "registration": registration,
            "greeting_name": greeting_name(registration, address_confirmed=address_confirmed),
            "event": event,
            "process": event.process,
            "place": place_text(event),
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "confirmation_hours": int(settings.PARTICIPATION_GUEST_CONFIRMATION_HOURS),
            **links(registration),
            **_event_change_context(extra),
        }
        subject = _subject(kind, event)
        body = render_to_string(f"participation/email/{kind}.txt", context)
        attachments = []
        if kind in CHECK_IN_KINDS:
            attachments.append(
                letters.Attachment(
                    f"check-in-{registration.reference}.png",
                    qr_png(registration.reference),
                    "image/png",
                )
            )
        if kind in CALENDAR_KINDS:
            attachments.append(
                letters.Attachment(
                    "veranstaltung.ics",
                    calendar_file(
                        registration,
                        cancelled=kind in ("cancellation", "event_cancelled"),
                        cancel_url=context["cancel_url"],
                        update=kind in UPDATE_KINDS,
                    ),
                    "text/calendar",
                )
            )
    return letters.queue_email(
        kind=letter_kind(kind),
        source=registration,
        recipient=registration.user,
        to=registration.email,
        reply_to=event.process.contact_email or "",
        subject=subject,
        body=body,
        language=language,
        attachments=attachments,
    )


def event_calendar_file(event) -> bytes:
    """The event on its own (from its page): no registration, no personal data."""
    calendar = Calendar()
    calendar.add("prodid", "-//Landeshauptstadt München//Digitales München//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    host = settings.SITE_URL.split("://", 1)[-1]
    entry.add("uid", f"event-{event.slug}@{host}")
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    entry.add("location", place_text(event))
    entry.add("url", absolute_url(event.get_absolute_url()))
    entry.add("description", event.process.title)
    calendar.add_component(entry)
    return calendar.to_ical()

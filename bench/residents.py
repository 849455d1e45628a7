"""The bench resident: a logged-in resident for ``make bench``'s ``logged_in`` mode.

``bench-resident@example.org`` (verified address) with what a resident of the demo city has: two
booked appointments at a demo office, registrations for two demo events, two online requests
(drafts of demo forms), and for Meine Daten 200 records and 2,000 data uses when
``bench.domains.audit.ensure_resident_records`` exists (the audit helper writes it; without it
the page shows what the bookings, registrations and requests above made).

:func:`session_cookie` logs the resident in the way Django's ``login()`` does — a session in the
session store with the user's id, backend and session hash — without the login form; wrk sends it
as a Cookie header (with a CSRF cookie, as a browser that has seen a form has one). Call both with
Django set up on the benchmark database and the server's DJANGO_SECRET_KEY (the session hash is
signed with it).
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

EMAIL = "bench-resident@example.org"
NAME = "Bea Bench"
BOOKINGS = 2
REGISTRATIONS = 2
REQUESTS = 2
RECORDS = 200
USES = 2000
# Any 32 letters or digits are a valid CSRF secret: the resident's browser has seen a form.
CSRF_COOKIE = "benchResidentCsrfSecret000000000"


def ensure_resident(*, email: str = EMAIL) -> Any:
    """The bench resident with their bookings, registrations and requests (idempotent)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, None)
        user.set_unusable_password()
    user.full_name = NAME
    user.is_active = True
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    _bookings(user)
    _registrations(user)
    _requests(user)
    return user


def ensure_records(*, email: str = EMAIL) -> dict[str, Any]:
    """Meine Daten's 200 records and 2,000 uses through the audit helper's function, if any."""
    try:
        audit = importlib.import_module("bench.domains.audit")
    except ImportError:
        audit = None
    function = getattr(audit, "ensure_resident_records", None)
    if function is None:
        return {"records": None, "note": "bench.domains.audit.ensure_resident_records missing"}
    result = function(email, records=RECORDS, uses=USES)
    return {"records": RECORDS, "uses": USES, "result": result}


def _bookings(user) -> None:
    """Confirmed appointments at the first demo offices with free slots (a verified account)."""
    from django.db.models import F
    from django.utils import timezone

    from appointments import actions
    from appointments.models import AppointmentType, Booking, Slot

    have = Booking.objects.filter(user=user, occupies_place=True).count()
    types = AppointmentType.objects.filter(active=True, office__status="published").order_by(
        "office__slug", "position", "pk"
    )
    for appointment_type in types.exclude(office__slug__startswith="bench"):
        if have >= BOOKINGS:
            return
        slot = (
            Slot.objects.filter(
                appointment_type=appointment_type,
                starts_at__gt=timezone.now() + dt.timedelta(days=1),
                taken__lt=F("capacity"),
            )
            .order_by("starts_at")
            .first()
        )
        if slot is None:
            continue
        actions.book(
            slot=slot,
            name=NAME,
            email=user.email,
            user=user,
            verified=True,
            service=appointment_type.services.first(),
            language="de",
        )
        have += 1


def _registrations(user) -> None:
    """Online registrations for the next demo events that take them."""
    from django.utils import timezone

    from munich_portal.core.channels import Channel
    from participation import actions
    from participation.consent import current_consent
    from participation.models import Event, Registration

    have = Registration.objects.filter(user=user).count()
    for event in Event.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at", "pk"):
        if have >= REGISTRATIONS:
            return
        if (
            not event.registration_open()
            or Registration.objects.filter(user=user, event=event).exists()
        ):
            continue
        try:
            actions.register(
                event=event,
                channel=Channel.ONLINE,
                person={"first_name": "Bea", "last_name": "Bench", "email": user.email},
                number_of_people=1,
                access_needs=[],
                consent_version=current_consent().version,
                user=user,
                language="de",
            )
        except (actions.EventFull, actions.RegistrationClosed, actions.AlreadyRegistered):
            continue
        have += 1


def _requests(user) -> None:
    """Drafts of the demo's online request forms (what the Anträge page lists first)."""
    from online_requests import actions, selectors
    from online_requests.models import OnlineRequest, RequestForm

    have = OnlineRequest.objects.filter(user=user).count()
    forms = RequestForm.objects.select_related("service").order_by("service__slug")
    for request_form in forms.exclude(service__slug__startswith="bench"):
        if have >= REQUESTS:
            return
        version = selectors.current_version(request_form.service)
        if version is None or request_form.service.status != "published":
            continue
        if OnlineRequest.objects.filter(user=user, service=request_form.service).exists():
            continue
        actions.start_request(user=user, service=request_form.service, version=version)
        have += 1


def session_cookie(user) -> str:
    """A Cookie header value that makes the server see ``user`` logged in (as ``login()``
    leaves the session), with a CSRF cookie."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    engine = importlib.import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={CSRF_COOKIE}"
    )

"""Demo participation data for ``make run``: four real Munich processes with phases, events at
real places, documents, and registrations from the online and the paper channel; idempotent.

Dates are laid around the day of loading so that every status shows: Innenstadtkonzept and Freiham
are running, Freiraumnutzung is upcoming, the Hochhausstudie is finished. Online registrations are
written as rows (no e-mails go out while loading); paper registrations go through the paper
channel's own actions (a batch of printed forms, sheets typed in), and so do the phone and
on-site ones (``paper.actions.enter_call``, the clerks' screen's action), so batches, letters and
the shared capacity look as they do in real use.

The content comes from ``demo/participation/``: the consent text, the processes, their events and
the made-up people who register.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum

from munich_portal.core.models import Department, Stadtbezirk
from munich_portal.core.timezone import MUNICH, today_in_munich
from munich_portal.portal.demo.data import de, en, load_yaml, time_of_day
from participation.models import (
    Channel,
    ConsentText,
    Event,
    Phase,
    Process,
    ProcessDocument,
    ProcessStatus,
    Registration,
    RegistrationStatus,
)


def _svg(colours: tuple[str, str, str], label: str) -> bytes:
    """A small abstract illustration (a few kilobytes: light pages)."""
    background, main, accent = colours
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 400" width="960" height="400" '
        f'role="img"><title>{label}</title>'
        f'<rect width="960" height="400" fill="{background}"/>'
        f'<path d="M0 330 L160 250 L300 290 L470 200 L640 260 L800 180 L960 240 V400 H0 Z" '
        f'fill="{main}" opacity="0.85"/>'
        f'<rect x="420" y="90" width="44" height="170" fill="{main}"/>'
        f'<rect x="480" y="60" width="36" height="200" fill="{main}"/>'
        f'<circle cx="220" cy="230" r="46" fill="{accent}"/>'
        f'<circle cx="720" cy="200" r="38" fill="{accent}"/>'
        f'<rect x="0" y="360" width="960" height="40" fill="{accent}" opacity="0.6"/>'
        "</svg>"
    ).encode()


def _pdf(title: str) -> bytes:
    """A one-page PDF with the document's title (a stand-in for the real report)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 20 Tf 60 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return output


def _local(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=MUNICH)


def load_consent() -> ConsentText:
    data = load_yaml("participation/consent.yaml")
    consent, _created = ConsentText.objects.update_or_create(
        version=data["version"],
        defaults={
            "valid_from": data["valid_from"],
            "text_de": de(data["text"]),
            "text_en": en(data["text"]),
            "privacy_notice_de": de(data["privacy_notice"]),
            "privacy_notice_en": en(data["privacy_notice"]),
        },
    )
    return consent


def _load_process(spec: dict, today: dt.date) -> Process:
    department = Department.objects.filter(code=spec["department"]).first()
    if department is None:
        department, _created = Department.objects.get_or_create(
            code=spec["department"], defaults={"name": spec["department"]}
        )
    process, _created = Process.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "title_de": de(spec["title"]),
            "title_en": en(spec["title"]),
            "summary_de": de(spec["summary"]),
            "summary_en": en(spec["summary"]),
            "description_de": de(spec["description"]),
            "description_en": en(spec["description"]),
            "easy_language_summary": spec.get("easy_language", ""),
            "topic": spec["topic"],
            "department": department,
            "image_alt_de": de(spec["image_alt"]),
            "image_alt_en": en(spec["image_alt"]),
            "contact_email": spec.get("contact_email", ""),
            "contact_phone": spec.get("contact_phone", ""),
            "status": ProcessStatus.PUBLISHED,
        },
    )
    if not process.image:
        process.image.save(
            f"{spec['slug']}.svg",
            ContentFile(_svg(tuple(spec["image_colours"]), de(spec["image_alt"]))),
        )
    process.stadtbezirke.set(Stadtbezirk.objects.filter(number__in=spec["districts"]))
    # Phases move with the day of loading: replace them.
    process.phases.all().delete()
    Phase.objects.bulk_create(
        Phase(
            process=process,
            kind=phase["kind"],
            starts_on=today + dt.timedelta(days=phase["first_day"]),
            ends_on=today + dt.timedelta(days=phase["last_day"]),
        )
        for phase in spec["phases"]
    )
    for position, document_spec in enumerate(spec.get("documents", [])):
        title, language = document_spec["title"], document_spec["language"]
        document = ProcessDocument.objects.filter(process=process, title=title).first()
        if document is None:
            document = ProcessDocument(
                process=process, title=title, language=language, position=position
            )
            document.file.save(
                f"{spec['slug']}-{position + 1}.pdf", ContentFile(_pdf(title)), save=False
            )
            document.save()
    return process


def _load_event(spec: dict, process: Process, today: dt.date) -> Event:
    from services.models import Office

    day = today + dt.timedelta(days=spec["day"])
    start = time_of_day(spec["start"])
    starts_at = _local(day, start.hour, start.minute)
    ends_at = starts_at + dt.timedelta(hours=spec["hours"])
    defaults = {
        "process": process,
        "title_de": de(spec["title"]),
        "title_en": en(spec["title"]),
        "description_de": de(spec.get("description")),
        "description_en": en(spec.get("description")),
        "kind": spec["kind"],
        "starts_at": starts_at,
        "ends_at": ends_at,
        "online_url": spec.get("online_url", ""),
        "waiting_list_enabled": spec.get("waiting_list", True),
        "registration_opens_at": (
            _local(today + dt.timedelta(days=spec["opens_in_days"]), 8, 0)
            if spec.get("opens_in_days")
            else None
        ),
        "registration_closes_at": starts_at - dt.timedelta(hours=2),
        "office": None,
        "place_name": "",
        "place_address": "",
        "place_accessibility_de": "",
        "place_accessibility_en": "",
        **{name: name in spec.get("support", []) for name in (
            "sign_language", "induction_loop", "step_free", "childcare", "easy_language",
        )},
    }  # fmt: skip
    place = spec["place"]
    if isinstance(place, str):
        defaults["office"] = Office.objects.filter(slug=place).first()
        if defaults["office"] is None:
            defaults["place_name"] = place.replace("-", " ").title()
    elif place is not None:
        defaults.update(
            place_name=place["name"],
            place_address=place.get("address", ""),
            place_accessibility_de=de(place.get("accessibility")),
            place_accessibility_en=en(place.get("accessibility")),
        )
    event = Event.objects.filter(slug=spec["slug"]).first()
    if event is None:
        event = Event(slug=spec["slug"], capacity=spec["capacity"], **defaults)
        event.save()
    else:
        for name, value in defaults.items():
            setattr(event, name, value)
        event.save()
    return event


def _person(names: dict, event_index: int, n: int, *, with_email: bool) -> dict:
    """A made-up person from ``people.yaml``, the same one for the same event and number."""
    seed = event_index * 7 + n
    first_names, last_names = names["first_names"], names["last_names"]
    first = first_names[seed % len(first_names)]
    last = last_names[(seed * 3 + event_index) % len(last_names)]
    address = names["streets"][seed % len(names["streets"])]
    street, postal_code = address["street"], str(address["postal_code"])
    local = f"{first}.{last}".lower().replace("č", "c").replace("ü", "ue")
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{local}.{event_index}{n}@example.org" if with_email else "",
        "phone": "" if with_email else f"089 {5500000 + seed * 37}",
        "street": "" if with_email else street,
        "postal_code": "" if with_email else postal_code,
        "city": "" if with_email else "München",
    }


def _load_online_registrations(
    spec: dict, event: Event, index: int, consent: ConsentText, names: dict
):
    """Online registrations as rows (idempotent by reference); the counter is recomputed."""
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.filter(email="resident@example.org").first()
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    free = event.capacity - (confirmed.aggregate(n=Sum("number_of_people"))["n"] or 0)
    received = event.starts_at - dt.timedelta(days=20)
    for n in range(spec.get("registrations", 0)):
        reference = f"D{index:02d}-{n:04d}"
        people = 2 if n % 5 == 0 else 1
        user = resident if (n == 0 and index in (1, 6)) else None
        values = _person(names, index, n, with_email=True)
        if user is not None:
            values.update(first_name="Anna", last_name="Bürger", email=user.email)
        if Registration.objects.filter(reference=reference).exists():
            continue
        if people <= free:
            status = RegistrationStatus.CONFIRMED
            free -= people
        elif event.waiting_list_enabled:
            status = RegistrationStatus.WAITLISTED
        else:
            continue
        Registration.objects.create(
            event=event,
            channel=Channel.ONLINE,
            status=status,
            user=user,
            number_of_people=people,
            access_needs=_needs(names, n),
            consent_version=consent.version,
            consented_at=received + dt.timedelta(hours=n * 3),
            received_at=received + dt.timedelta(hours=n * 3),
            confirmed_at=(
                received + dt.timedelta(hours=n * 3)
                if status == RegistrationStatus.CONFIRMED
                else None
            ),
            checked_in_at=(
                event.starts_at - dt.timedelta(minutes=10)
                if status == RegistrationStatus.CONFIRMED and event.ends_at < _now() and n % 4
                else None
            ),
            reference=reference,
            **values,
        )


def _now():
    from django.utils import timezone

    return timezone.now()


def _recount(event: Event) -> None:
    """The counter is what the confirmed registrations hold (rows were written directly)."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    people = (
        Registration.objects.filter(event=locked, status=RegistrationStatus.CONFIRMED).aggregate(
            n=Sum("number_of_people")
        )["n"]
        or 0
    )
    Event.objects.filter(pk=locked.pk).update(
        confirmed_places=people, capacity=max(locked.capacity, people)
    )


def _needs(names: dict, n: int) -> list[str]:
    return list(names["access_needs"][n % len(names["access_needs"])])


#: Per event with paper forms: callers, and people who registered at a Bürgerbüro counter.
CALLS = ((Channel.PHONE, 3), (Channel.ON_SITE, 2))


def _load_call_registrations(spec: dict, event: Event, index: int, names: dict) -> int:
    """Callers and people at the counter, typed in by the demo clerk on the phone/on-site screen's
    action (``paper.actions.enter_call``); once per event (none of these channels there yet)."""
    if not spec.get("paper") or event.ends_at < _now():
        return 0
    if Registration.objects.filter(
        event=event, channel__in=[channel for channel, _count in CALLS]
    ).exists():
        return 0
    from django.contrib.auth import get_user_model

    from paper import actions as paper_actions

    clerk = get_user_model().objects.filter(email="erfassung@example.org").first()
    if clerk is None:
        return 0
    entered = 0
    for channel, count in CALLS:
        for n in range(count):
            seed = 200 + entered
            paper_actions.enter_call(
                event=event,
                channel=channel,
                entered_by=clerk,
                # Without e-mail: the confirmations wait as letters in the clerks' batch.
                person=_person(names, index, seed, with_email=False),
                number_of_people=1 + (n == 0),
                access_needs=_needs(names, seed),
            )
            entered += 1
    return entered


def _load_paper_registrations(spec: dict, event: Event, index: int, names: dict) -> int:
    """A batch of printed forms at the venue's Bürgerbüro, some typed in by the demo clerk."""
    count = spec.get("paper", 0)
    if not count or event.ends_at < _now():
        return 0
    try:
        from paper import actions as paper_actions
        from paper.models import FormBatch
    except ImportError:
        return 0
    if FormBatch.objects.filter(event=event).exists():
        return 0
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.filter(email="erfassung@example.org").first()
    if clerk is None:
        return 0  # the demo clerk (core.demo.load_accounts) enters the sheets
    place = event.office.name_de if event.office else "Bürgerbüro Pasing"
    batch = paper_actions.issue_batch(
        process=event.process, event=event, place=place, sheets=50, issued_by=clerk
    )
    sheets = list(batch.form_sheets.order_by("number")[:count])
    for n, sheet in enumerate(sheets):
        paper_actions.enter_sheet(
            number=sheet.number,
            entered_by=clerk,
            person=_person(names, index, 100 + n, with_email=False),
            number_of_people=1 + (n % 3 == 0),
            access_needs=_needs(names, n + 3),
            event=event,
        )
    return len(sheets)


@transaction.atomic
def load_participation() -> str:
    """Load the demo processes, events and registrations (idempotent)."""
    today = today_in_munich()
    consent = load_consent()
    processes = {
        spec["slug"]: _load_process(spec, today)
        for spec in load_yaml("participation/processes.yaml")
    }
    events = load_yaml("participation/events.yaml")
    names = load_yaml("participation/people.yaml")
    paper = 0
    calls = 0
    registrations = 0
    for index, spec in enumerate(events):
        event = _load_event(spec, processes[spec["process"]], today)
        _load_online_registrations(spec, event, index, consent, names)
        _recount(event)
        event.refresh_from_db()
        paper += _load_paper_registrations(spec, event, index, names)
        calls += _load_call_registrations(spec, event, index, names)
        registrations += Registration.objects.filter(event=event).count()
    return (
        f"{len(processes)} participation processes, {len(events)} events, "
        f"{registrations} registrations ({paper} new from paper forms, {calls} new by phone or "
        "on site)"
    )

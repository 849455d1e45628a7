"""Demo data for the results page: a process in its results phase with its results (idempotent).

"Radverkehr im Westend" ended its participation two months before the day of loading; its
results phase began ten days before. The loader writes the city's summary, events with
registrations from every channel (some checked in), and — when the process has no ideas yet —
ideas from every channel and several districts, decided ones with the city's answers, comments
and supports. Rows are written one by one (with history), never twice: a second run only moves
the phases to the day of loading. The content comes from ``demo/results/radverkehr-westend.yaml``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ideas.models import Comment, Idea, IdeaStatus, Support
from munich_portal.core.models import Department, Stadtbezirk
from munich_portal.core.timezone import MUNICH, today_in_munich
from munich_portal.portal.demo.data import de, en, load_yaml
from participation.models import (
    Channel,
    Event,
    Phase,
    Process,
    ProcessStatus,
    Registration,
    RegistrationStatus,
)
from results.models import ProcessResult

SLUG = "radverkehr-westend"


def _process(data: dict, today: dt.date) -> Process:
    spec = data["process"]
    code = spec["department"]
    department = (
        Department.objects.filter(code=code).first()
        or Department.objects.get_or_create(code=code, defaults={"name": code})[0]
    )
    process, _created = Process.objects.update_or_create(
        slug=SLUG,
        defaults={
            "title_de": de(spec["title"]),
            "title_en": en(spec["title"]),
            "summary_de": de(spec["summary"]),
            "summary_en": en(spec["summary"]),
            "description_de": de(spec["description"]),
            "description_en": en(spec["description"]),
            "topic": spec["topic"],
            "department": department,
            "contact_email": spec.get("contact_email", ""),
            "status": ProcessStatus.PUBLISHED,
        },
    )
    process.stadtbezirke.set(Stadtbezirk.objects.filter(number__in=spec["districts"]))
    process.phases.all().delete()
    for phase in spec["phases"]:
        Phase.objects.create(
            process=process,
            kind=phase["kind"],
            starts_on=today + dt.timedelta(days=phase["first_day"]),
            ends_on=today + dt.timedelta(days=phase["last_day"]),
        )
    ProcessResult.objects.update_or_create(
        process=process,
        defaults={"summary_de": de(data["result"]), "summary_en": en(data["result"])},
    )
    return process


def _events(data: dict, process: Process, today: dt.date) -> int:
    from services.models import Office

    created = 0
    for index, spec in enumerate(data["events"]):
        slug, office_slug = spec["slug"], spec.get("office")
        place = spec.get("place") or {}
        day = today - dt.timedelta(days=spec["days_before"])
        starts_at = dt.datetime.combine(day, dt.time(18, 0), tzinfo=MUNICH)
        office = Office.objects.filter(slug=office_slug).first() if office_slug else None
        event, _created = Event.objects.update_or_create(
            slug=slug,
            defaults={
                "process": process,
                "title_de": de(spec["title"]),
                "title_en": en(spec["title"]),
                "kind": Event.Kind.WORKSHOP if office_slug else Event.Kind.WALK,
                "office": office,
                "place_name": "" if office else place.get("name", ""),
                "place_address": "" if office else place.get("address", ""),
                "starts_at": starts_at,
                "ends_at": starts_at + dt.timedelta(hours=2),
                "capacity": 60,
            },
        )
        if event.registrations.exists():
            continue
        confirmed = 0
        for registrations in data["registrations"]:
            channel, checked_in = registrations["channel"], registrations["checked_in"]
            for n in range(registrations["count"] - index * 2):
                Registration.objects.create(
                    event=event,
                    channel=channel,
                    status=RegistrationStatus.CONFIRMED,
                    first_name="Demo",
                    last_name=f"Teilnehmer {channel} {n + 1}",
                    email=f"radverkehr-{index}-{channel}-{n}@example.org"
                    if channel == Channel.ONLINE
                    else "",
                    consent_version="2026-1",
                    received_at=starts_at - dt.timedelta(days=10, minutes=n),
                    confirmed_at=starts_at - dt.timedelta(days=10, minutes=n),
                    checked_in_at=starts_at if n < checked_in - index else None,
                )
                confirmed += 1
                created += 1
        event.confirmed_places = confirmed
        event.save(update_fields=["confirmed_places"])
    return created


def _ideas(data: dict, process: Process, today: dt.date) -> int:
    if process.ideas.exists():
        return 0
    districts = {d.number: d for d in Stadtbezirk.objects.filter(number__in=[2, 8, 21, 25])}
    start = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=130), dt.time(10, 0)), MUNICH
    )
    specs = [
        (
            idea["title"],
            idea["channel"],
            idea.get("district"),
            idea["status"],
            idea.get("answer", ""),
        )
        for idea in data["ideas"]
    ]
    filler = data["filler"]
    channel_cycle, district_cycle = data["channels_in_turn"], filler["districts"]
    for n in range(filler["count"]):
        specs.append(
            (
                filler["title"].format(number=n + 1),
                channel_cycle[n % len(channel_cycle)],
                district_cycle[n % len(district_cycle)],
                IdeaStatus.NEW,
                "",
            )
        )
    count = 0
    for index, (title, channel, district, status, answer) in enumerate(specs):
        created_at = start + dt.timedelta(hours=7 * index)
        supports = (len(specs) - index) % 13 + (20 if status == IdeaStatus.ACCEPTED else 0)
        idea = Idea.objects.create(
            process=process,
            title=title,
            text=data["idea_text"].format(title=title),
            channel=channel,
            district=districts.get(district),
            status=status,
            status_reason=(data["status_reason"] if answer else ""),
            status_changed_at=created_at + dt.timedelta(days=90) if answer else None,
            answer=answer,
            answered_at=created_at + dt.timedelta(days=90) if answer else None,
            created_at=created_at,
            consent_version="2026-1" if channel != Channel.ONLINE else "",
        )
        comments = index % 4
        for n in range(supports):
            Support.objects.create(
                idea=idea,
                channel=channel_cycle[(index + n) % len(channel_cycle)],
                created_at=created_at + dt.timedelta(hours=n + 1),
            )
        for n in range(comments):
            Comment.objects.create(
                process=process,
                idea=idea,
                channel=channel_cycle[(index + n + 1) % len(channel_cycle)],
                text=data["idea_comment"],
                created_at=created_at + dt.timedelta(days=1, hours=n),
            )
        idea.supports_count = supports
        idea.comments_count = comments
        idea.save(update_fields=["supports_count", "comments_count"])
        count += 1
    for n in range(6):
        Comment.objects.create(
            process=process,
            channel=channel_cycle[n % len(channel_cycle)],
            text=data["process_comment"],
            created_at=start + dt.timedelta(days=3 + n),
        )
    return count


@transaction.atomic
def load_results() -> str:
    """The demo process in its results phase; idempotent."""
    data = load_yaml("results/radverkehr-westend.yaml")
    today = today_in_munich()
    process = _process(data, today)
    registrations = _events(data, process, today)
    ideas = _ideas(data, process, today)
    return f"results: {process.title_de} ({ideas} ideas and {registrations} registrations added)"

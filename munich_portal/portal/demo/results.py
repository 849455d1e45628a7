"""Demo data for the results page: a process in its results phase with its results (idempotent).

"Radverkehr im Westend" ended its participation two months before the day of loading; its
results phase began ten days before. The loader writes the city's summary, events with
registrations from every channel (some checked in), and — when the process has no ideas yet —
ideas from every channel and several districts, decided ones with the city's answers, comments
and supports. Rows are written one by one (with history), never twice: a second run only moves
the phases to the day of loading.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ideas.models import Comment, Idea, IdeaStatus, Support
from munich_portal.core.models import Department, Stadtbezirk
from munich_portal.core.timezone import MUNICH, today_in_munich
from participation.models import (
    Channel,
    Event,
    Phase,
    Process,
    ProcessStatus,
    Registration,
    RegistrationStatus,
    Topic,
)
from results.models import ProcessResult

SLUG = "radverkehr-westend"

PROCESS = {
    "title_de": "Radverkehr im Westend",
    "title_en": "Cycling in the Westend",
    "summary_de": (
        "Wie kommen Radfahrerinnen und Radfahrer sicher durch das Westend und nach Laim? Die "
        "Stadt hat Ideen gesammelt: online, auf Papier, am Telefon und bei Ortsbegehungen."
    ),
    "summary_en": (
        "How can people cycle safely through the Westend and on to Laim? The city collected "
        "ideas online, on paper, by phone and on walks through the neighbourhood."
    ),
    "description_de": (
        "Das Mobilitätsreferat plant ein zusammenhängendes Radnetz für die Schwanthalerhöhe und "
        "Laim. Die Beteiligung ist abgeschlossen; die Ergebnisse und die Antworten der Stadt auf "
        "die Ideen sind veröffentlicht."
    ),
    "description_en": (
        "The Department of Mobility is planning a connected cycling network for Schwanthalerhöhe "
        "and Laim. Participation has ended; the results and the city's answers to the ideas are "
        "published."
    ),
}

SUMMARY_DE = (
    "Vielen Dank für Ihre Beteiligung! Über alle Wege sind Ideen, Kommentare und "
    "Unterstützungen eingegangen, ein guter Teil davon auf Papier und bei den Ortsbegehungen.\n\n"
    "Die Stadt setzt drei Vorschläge direkt um: eine geschützte Radspur auf der Landsberger "
    "Straße, Fahrradbügel an allen U-Bahn-Abgängen und eine Fahrradstraße in der "
    "Westendstraße. Weitere Ideen fließen in das Radnetz ein, das der Stadtrat im Frühjahr "
    "berät. Einige Vorschläge sind nicht möglich; die Gründe stehen bei den Ideen."
)
SUMMARY_EN = (
    "Thank you for taking part! Ideas, comments and supports came through every channel — a "
    "good share on paper and during the walks.\n\n"
    "The city will implement three proposals directly: a protected cycle lane on Landsberger "
    "Straße, bike racks at every underground entrance and a cycle street in Westendstraße. "
    "Further ideas go into the cycling network the city council discusses in spring. Some "
    "proposals are not possible; the reasons are given with the ideas."
)

# title, channel, district number or None, status, answer (German)
IDEAS = [
    (
        "Geschützte Radspur auf der Landsberger Straße",
        Channel.ONLINE,
        8,
        IdeaStatus.ACCEPTED,
        "Die Radspur wird 2027 mit Pollern vom Autoverkehr getrennt.",
    ),
    (
        "Fahrradbügel an allen U-Bahn-Abgängen",
        Channel.PAPER,
        8,
        IdeaStatus.ACCEPTED,
        "An allen sechs Abgängen kommen im nächsten Sommer 120 Bügel dazu.",
    ),
    (
        "Fahrradstraße in der Westendstraße",
        Channel.ON_SITE,
        25,
        IdeaStatus.ACCEPTED,
        "Die Westendstraße wird zwischen Trappentreu- und Fürstenrieder Straße Fahrradstraße.",
    ),
    (
        "Grüne Welle für Räder an der Fürstenrieder Straße",
        Channel.ONLINE,
        25,
        IdeaStatus.PARTLY_ACCEPTED,
        "An drei von fünf Ampeln möglich; an den übrigen hat die Tram Vorrang.",
    ),
    (
        "Abstellanlage am Bahnhof Laim",
        Channel.PHONE,
        25,
        IdeaStatus.PARTLY_ACCEPTED,
        "Eine Anlage mit 200 Plätzen kommt; ein Parkhaus ist auf der Fläche nicht möglich.",
    ),
    (
        "Radweg durch den Westpark",
        Channel.PAPER,
        None,
        IdeaStatus.NOT_POSSIBLE,
        "Der Westpark bleibt Fußgängerinnen und Fußgängern vorbehalten; die Route führt außen "
        "herum.",
    ),
    (
        "Seilbahn über die Theresienwiese",
        Channel.ONLINE,
        2,
        IdeaStatus.NOT_POSSIBLE,
        "Eine Seilbahn ist kein Teil dieses Radverkehrskonzepts.",
    ),
    ("Mehr Licht in der Unterführung Trappentreustraße", Channel.ON_SITE, 8, "under_review", ""),
    ("Lastenrad-Verleih am Gollierplatz", Channel.ONLINE, 8, "under_review", ""),
    ("Tempo 30 in der Ganghoferstraße", Channel.PAPER, 8, "new", ""),
    ("Radreparaturstation am Willibaldplatz", Channel.PHONE, 25, "new", ""),
    ("Sichere Schulwege an der Agnes-Bernauer-Straße", Channel.ONLINE, 25, "new", ""),
]
# Further ideas without a decision, so that every channel has enough to publish.
FILLER_IDEAS = 36
CHANNEL_CYCLE = [
    Channel.ONLINE,
    Channel.ONLINE,
    Channel.PAPER,
    Channel.ON_SITE,
    Channel.ONLINE,
    Channel.PHONE,
]
DISTRICT_CYCLE = [8, 25, 8, None, 25, 21]

EVENTS = [
    # slug, title (German), title (English), office slug or None, days before today
    (
        "radverkehr-werkstatt-westend",
        "Werkstatt Radverkehr Westend",
        "Cycling workshop Westend",
        "buergerbuero-ruppertstrasse",
        95,
    ),
    (
        "radverkehr-ortsbegehung-laim",
        "Ortsbegehung Laim mit dem Rad",
        "Walk through Laim by bike",
        None,
        80,
    ),
]
# channel, number of registrations, checked in
REGISTRATIONS = [
    (Channel.ONLINE, 24, 19),
    (Channel.PAPER, 9, 7),
    (Channel.PHONE, 6, 5),
    (Channel.ON_SITE, 5, 5),
]


def _process(today: dt.date) -> Process:
    department = (
        Department.objects.filter(code="MOR").first()
        or Department.objects.get_or_create(code="MOR", defaults={"name": "Mobilitätsreferat"})[0]
    )
    process, _created = Process.objects.update_or_create(
        slug=SLUG,
        defaults={
            **PROCESS,
            "topic": Topic.MOBILITY,
            "department": department,
            "contact_email": "radverkehr.mor@muenchen.de",
            "status": ProcessStatus.PUBLISHED,
        },
    )
    process.stadtbezirke.set(Stadtbezirk.objects.filter(number__in=[8, 25]))
    process.phases.all().delete()
    for kind, first, last in (
        (Phase.Kind.INFORMATION, -200, -141),
        (Phase.Kind.PARTICIPATION, -140, -61),
        (Phase.Kind.EVALUATION, -60, -11),
        (Phase.Kind.RESULTS, -10, 170),
    ):
        Phase.objects.create(
            process=process,
            kind=kind,
            starts_on=today + dt.timedelta(days=first),
            ends_on=today + dt.timedelta(days=last),
        )
    ProcessResult.objects.update_or_create(
        process=process, defaults={"summary_de": SUMMARY_DE, "summary_en": SUMMARY_EN}
    )
    return process


def _events(process: Process, today: dt.date) -> int:
    from services.models import Office

    created = 0
    for index, (slug, title_de, title_en, office_slug, days_before) in enumerate(EVENTS):
        day = today - dt.timedelta(days=days_before)
        starts_at = dt.datetime.combine(day, dt.time(18, 0), tzinfo=MUNICH)
        office = Office.objects.filter(slug=office_slug).first() if office_slug else None
        event, _created = Event.objects.update_or_create(
            slug=slug,
            defaults={
                "process": process,
                "title_de": title_de,
                "title_en": title_en,
                "kind": Event.Kind.WORKSHOP if office_slug else Event.Kind.WALK,
                "office": office,
                "place_name": "" if office else "Treffpunkt Laimer Platz",
                "place_address": "" if office else "Laimer Platz, 80689 München",
                "starts_at": starts_at,
                "ends_at": starts_at + dt.timedelta(hours=2),
                "capacity": 60,
            },
        )
        if event.registrations.exists():
            continue
        confirmed = 0
        for channel, count, checked_in in REGISTRATIONS:
            for n in range(count - index * 2):
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


def _ideas(process: Process, today: dt.date) -> int:
    if process.ideas.exists():
        return 0
    districts = {d.number: d for d in Stadtbezirk.objects.filter(number__in=[2, 8, 21, 25])}
    start = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=130), dt.time(10, 0)), MUNICH
    )
    specs = list(IDEAS)
    for n in range(FILLER_IDEAS):
        specs.append(
            (
                f"Vorschlag {n + 1}: sicherer Radweg",
                CHANNEL_CYCLE[n % len(CHANNEL_CYCLE)],
                DISTRICT_CYCLE[n % len(DISTRICT_CYCLE)],
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
            text=f"{title}: so wird das Radfahren im Viertel sicherer und angenehmer.",
            channel=channel,
            district=districts.get(district),
            status=status,
            status_reason=("Die Verwaltung hat den Vorschlag geprüft." if answer else ""),
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
                channel=CHANNEL_CYCLE[(index + n) % len(CHANNEL_CYCLE)],
                created_at=created_at + dt.timedelta(hours=n + 1),
            )
        for n in range(comments):
            Comment.objects.create(
                process=process,
                idea=idea,
                channel=CHANNEL_CYCLE[(index + n + 1) % len(CHANNEL_CYCLE)],
                text="Das würde meinen Weg zur Arbeit deutlich sicherer machen.",
                created_at=created_at + dt.timedelta(days=1, hours=n),
            )
        idea.supports_count = supports
        idea.comments_count = comments
        idea.save(update_fields=["supports_count", "comments_count"])
        count += 1
    for n in range(6):
        Comment.objects.create(
            process=process,
            channel=CHANNEL_CYCLE[n % len(CHANNEL_CYCLE)],
            text="Danke, dass die Stadt auch auf Papier und am Telefon fragt.",
            created_at=start + dt.timedelta(days=3 + n),
        )
    return count


@transaction.atomic
def load_results() -> str:
    """The demo process in its results phase; idempotent."""
    today = today_in_munich()
    process = _process(today)
    registrations = _events(process, today)
    ideas = _ideas(process, today)
    return f"results: {process.title_de} ({ideas} ideas and {registrations} registrations added)"

"""Demo ideas, supports and comments (``manage.py loaddemo``; idempotent).

Innenstadtkonzept (in its participation phase) gets categories and ideas from every channel, with
supports, a thread with a reply, an answered idea and a comment hidden by moderation; the
Hochhausstudie (results phase) gets decided ideas with answers for its results page. Rows are
found again by process and title, so running the loader twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from ideas.actions import ONLINE_CONSENT_VERSION, refresh_counters
from ideas.models import (
    Comment,
    Idea,
    IdeaCategory,
    IdeaStatus,
    Moderation,
    ModerationDecision,
    Support,
)
from munich_portal.core.models import Stadtbezirk
from participation.models import Process

CATEGORIES = {
    "innenstadtkonzept": [
        ("Grün und Wasser", "Green and water"),
        ("Verkehr", "Traffic"),
        ("Erdgeschosse und Handel", "Ground floors and shops"),
        ("Wohnen", "Housing"),
    ],
    "hochhausstudie": [("Stadtbild", "Townscape"), ("Standorte", "Locations")],
}

# (process, title, text, category, district number, address, channel, author e-mail or None,
#  public name, days ago, status, status reason, answer)
IDEAS = [
    (
        "innenstadtkonzept",
        "Mehr Schatten am Marienplatz",
        "Im Sommer ist der Marienplatz eine Hitzeinsel. Große Sonnensegel oder Bäume in "
        "Kübeln würden helfen. Ein Beispiel: https://www.muenchen.de/rathaus",
        "Grün und Wasser",
        1,
        "Marienplatz",
        "online",
        "resident@example.org",
        "Anna B.",
        12,
        IdeaStatus.UNDER_REVIEW,
        "",
        "",
    ),
    (
        "innenstadtkonzept",
        "Trinkbrunnen in der Fußgängerzone",
        "Zwischen Stachus und Marienplatz gibt es kaum Trinkwasser. Zwei oder drei Trinkbrunnen "
        "wären für alle gut, besonders für Kinder und ältere Menschen.",
        "Grün und Wasser",
        1,
        "Kaufingerstraße",
        "paper",
        None,
        "",
        20,
        IdeaStatus.ACCEPTED,
        "Zwei Trinkbrunnen werden 2027 gebaut.",
        "Vielen Dank für Ihren Vorschlag. Die Stadtwerke München bauen im Frühjahr 2027 zwei "
        "Trinkbrunnen in der Fußgängerzone: am Richard-Strauss-Brunnen und am Marienplatz.",
    ),
    (
        "innenstadtkonzept",
        "Sichere Radwege um den Altstadtring",
        "Der Altstadtring ist für Radfahrende gefährlich. Ich wünsche mir durchgehende, "
        "geschützte Radwege.",
        "Verkehr",
        2,
        "Sonnenstraße",
        "online",
        "resident2@example.org",
        "Mehmet Y.",
        8,
        IdeaStatus.NEW,
        "",
        "",
    ),
    (
        "innenstadtkonzept",
        "Leerstehende Läden für Kultur öffnen",
        "Leere Ladenflächen könnten vorübergehend Ateliers, Repair-Cafés oder Treffpunkte "
        "für Jugendliche werden.",
        "Erdgeschosse und Handel",
        1,
        "",
        "phone",
        None,
        "Frau K.",
        15,
        IdeaStatus.PARTLY_ACCEPTED,
        "Zwischennutzung wird geprüft; Jugendtreffs nicht in allen Lagen möglich.",
        "Das Kommunalreferat startet ein Programm für Zwischennutzungen. Ob sich ein "
        "Jugendtreff eignet, hängt vom Gebäude ab.",
    ),
    (
        "innenstadtkonzept",
        "Mehr Bänke ohne Konsumzwang",
        "Am Viktualienmarkt und in der Sendlinger Straße fehlen Sitzgelegenheiten, für die man "
        "nichts kaufen muss.",
        "Grün und Wasser",
        1,
        "Viktualienmarkt",
        "on_site",
        None,
        "",
        5,
        IdeaStatus.NEW,
        "",
        "",
    ),
    (
        "innenstadtkonzept",
        "Wohnungen über den Geschäften",
        "Die oberen Etagen vieler Geschäftshäuser stehen leer. Daraus könnten Wohnungen werden.",
        "Wohnen",
        3,
        "",
        "online",
        "resident@example.org",
        "",
        3,
        IdeaStatus.NEW,
        "",
        "",
    ),
    (
        "hochhausstudie",
        "Keine Hochhäuser in Sichtachsen der Frauenkirche",
        "Die Türme der Frauenkirche prägen die Stadt. Neue Hochhäuser sollten sie nicht verdecken.",
        "Stadtbild",
        1,
        "",
        "paper",
        None,
        "",
        300,
        IdeaStatus.ACCEPTED,
        "In die Leitlinien aufgenommen.",
        "Die Hochhausstudie schützt die wichtigen Sichtachsen auf die Frauenkirche.",
    ),
    (
        "hochhausstudie",
        "Hochhäuser nur mit öffentlicher Dachterrasse",
        "Wenn hoch gebaut wird, sollte oben ein Platz für alle sein.",
        "Standorte",
        9,
        "",
        "online",
        "resident2@example.org",
        "Mehmet Y.",
        280,
        IdeaStatus.NOT_POSSIBLE,
        "Nicht für jedes Gebäude rechtlich vorschreibbar.",
        "Eine öffentliche Dachterrasse kann die Stadt nicht allgemein vorschreiben; bei "
        "städtischen Grundstücken wird sie angestrebt.",
    ),
]

# (process, idea title or None for the process, e-mail, text, reply to text or None, hidden reason)
COMMENTS = [
    (
        "innenstadtkonzept",
        "Mehr Schatten am Marienplatz",
        "resident2@example.org",
        "Gute Idee! Sonnensegel gibt es auch in Sevilla, das funktioniert dort sehr gut.",
        None,
        "",
    ),
    (
        "innenstadtkonzept",
        "Mehr Schatten am Marienplatz",
        "resident@example.org",
        "Danke! Bäume wären mir noch lieber als Segel.",
        "Gute Idee! Sonnensegel gibt es auch in Sevilla, das funktioniert dort sehr gut.",
        "",
    ),
    (
        "innenstadtkonzept",
        "Sichere Radwege um den Altstadtring",
        "resident@example.org",
        "Kauft alle bei www.beispiel-werbung.example ein!!!",
        None,
        "Werbung.",
    ),
    (
        "innenstadtkonzept",
        None,
        "resident2@example.org",
        "Wird es auch eine Werkstatt am Wochenende geben? Unter der Woche kann ich nicht.",
        None,
        "",
    ),
]

SUPPORTS = [
    ("innenstadtkonzept", "Mehr Schatten am Marienplatz", "resident2@example.org"),
    ("innenstadtkonzept", "Trinkbrunnen in der Fußgängerzone", "resident@example.org"),
    ("innenstadtkonzept", "Trinkbrunnen in der Fußgängerzone", "resident2@example.org"),
    ("innenstadtkonzept", "Sichere Radwege um den Altstadtring", "resident@example.org"),
    ("hochhausstudie", "Keine Hochhäuser in Sichtachsen der Frauenkirche", "resident@example.org"),
]


def load_ideas() -> str:
    User = get_user_model()
    users = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    staff = users.get("veranstaltung@example.org")
    clerk = users.get("erfassung@example.org")
    processes = {p.slug: p for p in Process.objects.filter(slug__in=CATEGORIES)}
    if not processes:
        return "no processes: skipped ideas"
    districts = {d.number: d for d in Stadtbezirk.objects.all()}
    now = timezone.now()
    categories = {}
    for slug, names in CATEGORIES.items():
        process = processes.get(slug)
        if process is None:
            continue
        for position, (name_de, name_en) in enumerate(names):
            category, _created = IdeaCategory.objects.update_or_create(
                process=process,
                name_de=name_de,
                defaults={"name_en": name_en, "position": position},
            )
            categories[(slug, name_de)] = category
    ideas = {}
    for (
        slug,
        title,
        text,
        category,
        district,
        address,
        channel,
        email,
        name,
        days_ago,
        status,
        reason,
        answer,
    ) in IDEAS:
        process = processes.get(slug)
        if process is None:
            continue
        idea = Idea.objects.filter(process=process, title=title).first()
        if idea is None:
            created = now - dt.timedelta(days=days_ago)
            idea = Idea.objects.create(
                process=process,
                title=title,
                text=text,
                category=categories.get((slug, category)),
                district=districts.get(district),
                address=address,
                channel=channel,
                author=users.get(email) if email else None,
                author_name=name,
                contact_street="Musterstraße 1" if channel == "paper" else "",
                contact_postal_code="80331" if channel == "paper" else "",
                contact_city="München" if channel == "paper" else "",
                consent_version=ONLINE_CONSENT_VERSION,
                consented_at=created,
                entered_by=None if channel == "online" else clerk,
                status=status,
                status_reason=reason,
                status_changed_at=created + dt.timedelta(days=2) if status != "new" else None,
                answer=answer,
                answered_at=created + dt.timedelta(days=3) if answer else None,
                answered_by=staff if answer else None,
                moderation=Moderation.PUBLISHED,
                created_at=created,
            )
        ideas[(slug, title)] = idea
    for slug, title, email in SUPPORTS:
        idea = ideas.get((slug, title))
        user = users.get(email)
        if idea and user:
            Support.objects.get_or_create(idea=idea, user=user, defaults={"channel": "online"})
    comments = {}
    for slug, title, email, text, reply_to, hidden in COMMENTS:
        process = processes.get(slug)
        if process is None:
            continue
        idea = ideas.get((slug, title)) if title else None
        parent = comments.get(reply_to) if reply_to else None
        comment = Comment.objects.filter(process=process, idea=idea, text=text).first()
        if comment is None:
            comment = Comment.objects.create(
                process=process,
                idea=idea,
                parent=parent,
                author=users.get(email),
                author_name=(users[email].full_name if email in users else ""),
                channel="online",
                text=text,
                moderation=Moderation.HIDDEN if hidden else Moderation.PUBLISHED,
                moderation_reason=hidden,
                created_at=now - dt.timedelta(days=2),
            )
            if hidden and staff:
                ModerationDecision.objects.create(
                    process=process,
                    comment=comment,
                    affected_user=comment.author,
                    action=ModerationDecision.Action.HIDE,
                    reason=hidden,
                    decided_by_id=staff.pk,
                )
        comments[text] = comment
    for idea in ideas.values():
        refresh_counters(idea.pk)
    return f"{len(ideas)} ideas, {len(comments)} comments"

"""Demo catalogue for ``make run``: loads ``services/demo_content.py`` (real Munich services,
Bürgerbüros and KVR offices, all life situations) into the database; idempotent.

The content module holds plain lists of dicts (LIFE_SITUATIONS, TOPICS, OFFICES, SERVICES); this
module maps them onto the models through :mod:`services.actions`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from decimal import Decimal

from munich_portal.core.models import Department, Stadtbezirk
from services import actions
from services.models import LifeSituation, Office, PublicationStatus, Service, Topic

TEXT_FIELDS = [
    "name",
    "short_text",
    "full_text",
    "prerequisites",
    "required_documents",
    "fees",
    "processing_time",
    "procedure",
    "deadlines",
    "legal_basis",
    "forms",
    "notes",
    "further_information",
    "contact",
]
# Shown as "popular services", in this order (the most asked-for services of the Bürgerbüros).
POPULAR_SLUGS = [
    "wohnsitz-anmelden",
    "personalausweis-beantragen",
    "reisepass-beantragen",
    "bewohnerparkausweis-beantragen",
    "fahrzeug-zulassen",
    "meldebescheinigung-beantragen",
    "auslaendischen-fuehrerschein-umschreiben",
    "hund-anmelden",
]


def _content():
    try:
        return importlib.import_module("services.demo_content")
    except ModuleNotFoundError as error:
        if error.name != "services.demo_content":
            raise
        return None


def _time(value) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value
    hours, minutes = str(value).split(":")[:2]
    return dt.time(int(hours), int(minutes))


def _coordinate(value) -> Decimal | None:
    # Floats such as 48.12447 would carry binary noise into a 6-decimal field.
    if value in (None, ""):
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _review_date(slug: str, today: dt.date) -> dt.date:
    # Spread the demo review dates over the last 20 months, so the "review overdue" list has
    # entries; derived from the slug so that loading again gives the same dates.
    days = int(hashlib.sha256(slug.encode()).hexdigest()[:6], 16) % 600
    return today - dt.timedelta(days=days)


def load_life_situations(items) -> dict[str, LifeSituation]:
    result = {}
    for position, item in enumerate(items, start=1):
        situation, _created = LifeSituation.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name_de": item["name_de"],
                "name_en": item.get("name_en", ""),
                "description_de": item.get("description_de", ""),
                "description_en": item.get("description_en", ""),
                "position": position,
            },
        )
        result[situation.slug] = situation
    return result


def load_topics(items) -> dict[str, Topic]:
    result = {}
    for position, item in enumerate(items, start=1):
        topic, _created = Topic.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name_de": item["name_de"],
                "name_en": item.get("name_en", ""),
                "position": position,
            },
        )
        result[topic.slug] = topic
    return result


def load_offices(items, departments, districts) -> dict[str, Office]:
    result = {}
    for item in items:
        office = Office.objects.filter(slug=item["slug"]).first() or Office(slug=item["slug"])
        accessibility = item.get("accessibility") or {}
        office.name_de = item["name_de"]
        office.name_en = item.get("name_en", "")
        kind = str(item.get("kind", "")).lower()
        office.kind = kind if kind in Office.Kind.values else Office.Kind.OTHER
        office.department = departments.get(item.get("department_code"))
        office.status = PublicationStatus.PUBLISHED
        office.street = item.get("street", "")
        office.postal_code = item.get("postal_code", "")
        office.city = item.get("city") or "München"
        office.stadtbezirk = districts.get(item.get("stadtbezirk_number"))
        office.latitude = _coordinate(item.get("latitude"))
        office.longitude = _coordinate(item.get("longitude"))
        office.phone = item.get("phone", "")
        office.email = item.get("email", "")
        office.transport_de = item.get("transport_de", "")
        office.transport_en = item.get("transport_en", "")
        for feature in (
            "step_free_entrance",
            "lift",
            "accessible_toilet",
            "induction_loop",
            "disabled_parking",
        ):
            setattr(office, feature, accessibility.get(feature))
        office.accessibility_notes_de = accessibility.get("notes_de", "")
        office.accessibility_notes_en = accessibility.get("notes_en", "")
        hours = [
            (int(weekday), _time(opens), _time(closes))
            for weekday, opens, closes in item.get("opening_hours", [])
        ]
        exceptions = [
            {
                "date": _date(exception["date"]),
                "closed": bool(exception.get("closed", False)),
                "opens": _time(exception.get("opens")),
                "closes": _time(exception.get("closes")),
                "note_de": exception.get("note_de", ""),
                "note_en": exception.get("note_en", ""),
            }
            for exception in item.get("exceptions", [])
        ]
        actions.save_office(office=office, hours=hours, exceptions=exceptions)
        result[office.slug] = office
    return result


def load_services(items, *, departments, situations, topics, offices) -> int:
    from django.utils import timezone

    today = timezone.localdate()
    for item in items:
        service = Service.objects.filter(slug=item["slug"]).first() or Service(slug=item["slug"])
        for name in TEXT_FIELDS:
            for language in ("de", "en"):
                setattr(service, f"{name}_{language}", item.get(f"{name}_{language}", "") or "")
        service.leika_key = item.get("leika_key", "") or ""
        service.keywords_de = _joined(item.get("keywords_de"))
        service.keywords_en = _joined(item.get("keywords_en"))
        service.synonyms = _joined(item.get("synonyms"))
        service.easy_language_de = item.get("easy_language_de", "") or ""
        service.online_url = _available_online_url(item.get("online_url", "") or "", service.slug)
        service.ozg_maturity = int(item.get("ozg_maturity", 0) or 0)
        service.department = departments.get(item.get("department_code"))
        service.reviewed_by = service.department
        service.reviewed_at = _review_date(service.slug, today)
        service.status = PublicationStatus.PUBLISHED
        service.popular_rank = _popular_rank(service.slug)
        actions.save_service(
            service=service,
            life_situations=[
                situations[s] for s in item.get("life_situations", []) if s in situations
            ],
            topics=[topics[s] for s in item.get("topics", []) if s in topics],
            offices=[offices[s] for s in item.get("offices", []) if s in offices],
        )
    return len(items)


def _joined(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        return value
    return ", ".join(str(part) for part in value)


def _popular_rank(slug: str) -> int | None:
    return POPULAR_SLUGS.index(slug) + 1 if slug in POPULAR_SLUGS else None


def load_catalogue() -> str:
    """Load the demo catalogue; a no-op with a note while demo_content.py does not exist."""
    content = _content()
    if content is None:
        return "service catalogue: services/demo_content.py missing, nothing loaded"
    departments = {department.code: department for department in Department.objects.all()}
    districts = {district.number: district for district in Stadtbezirk.objects.all()}
    situations = load_life_situations(getattr(content, "LIFE_SITUATIONS", []))
    topics = load_topics(getattr(content, "TOPICS", []))
    offices = load_offices(getattr(content, "OFFICES", []), departments, districts)
    count = load_services(
        getattr(content, "SERVICES", []),
        departments=departments,
        situations=situations,
        topics=topics,
        offices=offices,
    )
    actions.refresh_search_words()
    return (
        f"{count} services, {len(offices)} offices, {len(situations)} life situations, "
        f"{len(topics)} topics"
    )


def _available_online_url(url: str, slug: str) -> str:
    """The portal's own request forms (``/dienstleistungen/<slug>/antrag/``) are linked only for
    services with a published request form (online_requests; its demo loader publishes
    the demo forms and sets their links after this loader), so no link leads nowhere."""
    if not url.startswith("/"):
        return url
    from online_requests.selectors import service_slugs_with_forms

    return url if slug in service_slugs_with_forms() else ""

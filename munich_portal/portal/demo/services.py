"""Demo catalogue for ``make run``: loads the YAML files under ``demo/services/`` (real Munich
services, Bürgerbüros and KVR offices, all life situations) into the database; idempotent.

The files hold the content (life situations, topics, offices with their opening hours, one
catalogue file per group of services); this module maps them onto the models through
:mod:`services.actions`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from munich_portal.core.models import Department, Stadtbezirk
from munich_portal.portal.demo.data import de, en, load_yaml, time_of_day
from services import actions
from services.models import (
    FIM_TEXT_MODULES,
    LifeSituation,
    Office,
    PublicationStatus,
    Service,
    Topic,
)

# The FIM text modules every service carries in German and English, its name first.
TEXT_FIELDS = ["name", *FIM_TEXT_MODULES]
# The catalogue files, in loading order.
CATALOGUE_FILES = [
    "services/catalogue-buerger.yaml",
    "services/catalogue-verkehr.yaml",
    "services/catalogue-familie.yaml",
    "services/catalogue-soziales.yaml",
    "services/catalogue-wirtschaft.yaml",
]


def _time(value) -> dt.time | None:
    if value in (None, ""):
        return None
    return time_of_day(value)


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
                "name_de": de(item["name"]),
                "name_en": en(item["name"]),
                "description_de": de(item.get("description")),
                "description_en": en(item.get("description")),
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
                "name_de": de(item["name"]),
                "name_en": en(item["name"]),
                "position": position,
            },
        )
        result[topic.slug] = topic
    return result


def _opening_hours(value, weeks) -> list:
    """A week named in ``opening-hours.yaml`` or a list of ``[weekday, opens, closes]``."""
    rows = weeks[value] if isinstance(value, str) else value or []
    return [(int(weekday), _time(opens), _time(closes)) for weekday, opens, closes in rows]


def _exceptions(values, days) -> list[dict]:
    """Day lists named in ``opening-hours.yaml`` and single days, in their order."""
    items = []
    for value in values or []:
        items.extend(days[value] if isinstance(value, str) else [value])
    return [
        {
            "date": _date(item["date"]),
            "closed": bool(item.get("closed", False)),
            "opens": _time(item.get("opens")),
            "closes": _time(item.get("closes")),
            "note_de": de(item.get("note")),
            "note_en": en(item.get("note")),
        }
        for item in items
    ]


def load_offices(items, departments, districts, schedules) -> dict[str, Office]:
    result = {}
    for item in items:
        office = Office.objects.filter(slug=item["slug"]).first() or Office(slug=item["slug"])
        accessibility = item.get("accessibility") or {}
        office.name_de = de(item["name"])
        office.name_en = en(item["name"])
        kind = str(item.get("kind", "")).lower()
        office.kind = kind if kind in Office.Kind.values else Office.Kind.OTHER
        office.department = departments.get(item.get("department"))
        office.status = PublicationStatus.PUBLISHED
        office.street = item.get("street", "")
        office.postal_code = str(item.get("postal_code", ""))
        office.city = item.get("city") or "München"
        office.stadtbezirk = districts.get(item.get("stadtbezirk"))
        office.latitude = _coordinate(item.get("latitude"))
        office.longitude = _coordinate(item.get("longitude"))
        office.phone = item.get("phone", "")
        office.email = item.get("email", "")
        office.transport_de = de(item.get("transport"))
        office.transport_en = en(item.get("transport"))
        for feature in (
            "step_free_entrance",
            "lift",
            "accessible_toilet",
            "induction_loop",
            "disabled_parking",
        ):
            setattr(office, feature, accessibility.get(feature))
        office.accessibility_notes_de = de(accessibility.get("notes"))
        office.accessibility_notes_en = en(accessibility.get("notes"))
        hours = _opening_hours(item.get("opening_hours"), schedules["weeks"])
        exceptions = _exceptions(item.get("exceptions"), schedules["days"])
        actions.save_office(office=office, hours=hours, exceptions=exceptions)
        result[office.slug] = office
    return result


def load_services(items, *, departments, situations, topics, offices, popular) -> int:
    from django.utils import timezone

    today = timezone.localdate()
    for item in items:
        service = Service.objects.filter(slug=item["slug"]).first() or Service(slug=item["slug"])
        for name in TEXT_FIELDS:
            setattr(service, f"{name}_de", de(item.get(name)))
            setattr(service, f"{name}_en", en(item.get(name)))
        service.leika_key = str(item.get("leika_key", "") or "")
        service.keywords_de = _joined(de(item.get("keywords")))
        service.keywords_en = _joined(en(item.get("keywords")))
        service.synonyms = _joined(item.get("synonyms"))
        service.easy_language_de = item.get("easy_language", "") or ""
        service.online_url = _available_online_url(item.get("online_url", "") or "", service.slug)
        service.ozg_maturity = int(item.get("ozg_maturity", 0) or 0)
        service.department = departments.get(item.get("department"))
        service.reviewed_by = service.department
        service.reviewed_at = _review_date(service.slug, today)
        service.status = PublicationStatus.PUBLISHED
        service.popular_rank = popular.index(service.slug) + 1 if service.slug in popular else None
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


def load_catalogue() -> str:
    """Load the demo catalogue from ``demo/services/``."""
    departments = {department.code: department for department in Department.objects.all()}
    districts = {district.number: district for district in Stadtbezirk.objects.all()}
    situations = load_life_situations(load_yaml("services/life-situations.yaml"))
    topics = load_topics(load_yaml("services/topics.yaml"))
    offices = load_offices(
        load_yaml("services/offices.yaml"),
        departments,
        districts,
        load_yaml("services/opening-hours.yaml"),
    )
    popular = load_yaml("services/popular.yaml")
    services = [item for name in CATALOGUE_FILES for item in load_yaml(name)]
    count = load_services(
        services,
        departments=departments,
        situations=situations,
        topics=topics,
        offices=offices,
        popular=popular,
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

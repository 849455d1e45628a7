"""The catalogue as open data: the columns of each dataset, their meaning, and CSV/JSON writers.

Licence: Datenlizenz Deutschland, Namensnennung, Version 2.0 (dl-de/by-2-0). Both datasets
hold published records only and are written row by row (streamed), so their size does not
weigh on the server's memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from munich_portal.core.opendata import LICENCE
from services import selectors
from services.structured_data import absolute

# (column, description) — the order of the CSV columns and the JSON keys.
_TEXT_MODULES = [
    ("short_text", _("short description")),
    ("full_text", _("full description")),
    ("prerequisites", _("prerequisites (Voraussetzungen)")),
    ("required_documents", _("required documents (Erforderliche Unterlagen)")),
    ("fees", _("fees (Kosten)")),
    ("processing_time", _("processing time (Bearbeitungsdauer)")),
    ("procedure", _("procedure (Verfahrensablauf)")),
    ("deadlines", _("deadlines (Fristen)")),
    ("legal_basis", _("legal basis (Rechtsgrundlagen)")),
    ("forms", _("forms (Formulare)")),
    ("notes", _("notes (Hinweise)")),
    ("further_information", _("further information")),
    ("contact", _("contact")),
]

SERVICE_COLUMNS: list[tuple[str, object]] = [
    ("slug", _("identifier in the portal's addresses")),
    ("url", _("address of the service page")),
    ("leika_key", _("key in the federal service catalogue (LeiKa)")),
    ("name_de", _("name, German")),
    ("name_en", _("name, English")),
    *[
        (f"{name}_{language}", format_lazy("{}, {}", label, language_label))
        for name, label in _TEXT_MODULES
        for language, language_label in (("de", _("German")), ("en", _("English")))
    ],
    ("keywords_de", _("keywords, German, comma-separated")),
    ("keywords_en", _("keywords, English, comma-separated")),
    ("synonyms", _("other names, comma-separated")),
    ("easy_language_de", _("text in Leichte Sprache (easy-to-read German), if any")),
    ("online_url", _("address of the online service, if any")),
    ("ozg_maturity", _("OZG maturity level 0 to 4 (3: online request, 4: fully digital)")),
    ("life_situations", _("life situations (slugs; in CSV separated by |)")),
    ("topics", _("topics (slugs; in CSV separated by |)")),
    ("offices", _("responsible offices (slugs; in CSV separated by |)")),
    ("department", _("responsible department (short name)")),
    ("reviewed_at", _("date of the last editorial review")),
    ("reviewed_by", _("editorial unit that reviewed it (short name)")),
    ("updated_at", _("last change")),
]

OFFICE_COLUMNS: list[tuple[str, object]] = [
    ("slug", _("identifier in the portal's addresses")),
    ("url", _("address of the office page")),
    ("name_de", _("name, German")),
    ("name_en", _("name, English")),
    (
        "kind",
        _("kind: buergerbuero, kfz, auslaenderbehoerde, standesamt, sozialbuergerhaus or other"),
    ),
    ("department", _("department (short name)")),
    ("street", _("street and number")),
    ("postal_code", _("postal code")),
    ("city", _("city")),
    ("stadtbezirk_number", _("number of the city district (1 to 25)")),
    ("stadtbezirk", _("name of the city district")),
    ("latitude", _("latitude (WGS 84)")),
    ("longitude", _("longitude (WGS 84)")),
    ("phone", _("phone")),
    ("email", _("e-mail")),
    ("transport_de", _("public transport, German")),
    ("transport_en", _("public transport, English")),
    ("step_free_entrance", _("step-free entrance: true, false or empty (not known)")),
    ("lift", _("lift: true, false or empty (not known)")),
    ("accessible_toilet", _("accessible toilet: true, false or empty (not known)")),
    ("induction_loop", _("induction loop: true, false or empty (not known)")),
    ("disabled_parking", _("parking for disabled people: true, false or empty (not known)")),
    ("accessibility_notes_de", _("notes on accessibility, German")),
    ("accessibility_notes_en", _("notes on accessibility, English")),
    ("opening_hours", _("regular opening hours in OpenStreetMap's opening_hours syntax")),
    (
        "exceptions",
        _("JSON only: coming days with other hours or closed (date, closed, opens, closes, note)"),
    ),
    ("updated_at", _("last change")),
]

_SERVICE_VALUE_FIELDS = [
    "slug",
    "leika_key",
    "name_de",
    "name_en",
    *[f"{name}_{language}" for name, _label in _TEXT_MODULES for language in ("de", "en")],
    "keywords_de",
    "keywords_en",
    "synonyms",
    "easy_language_de",
    "online_url",
    "ozg_maturity",
    "life_situation_slugs",
    "topic_slugs",
    "office_slugs",
    "department_code",
    "reviewed_by_code",
    "reviewed_at",
    "updated_at",
]


def service_records() -> Iterator[dict]:
    """One dict per published service, streamed from one query."""
    rows = selectors.services_for_open_data().values(*_SERVICE_VALUE_FIELDS)
    for row in rows.iterator(chunk_size=500):
        record = {
            "slug": row["slug"],
            "url": absolute(f"/dienstleistungen/{row['slug']}/"),
        }
        for column, _description in SERVICE_COLUMNS[2:]:
            if column in row:
                record[column] = row[column]
        if record.get("online_url", "").startswith("/"):
            record["online_url"] = absolute(record["online_url"])
        record["life_situations"] = row["life_situation_slugs"]
        record["topics"] = row["topic_slugs"]
        record["offices"] = row["office_slugs"]
        record["department"] = row["department_code"] or ""
        record["reviewed_by"] = row["reviewed_by_code"] or ""
        record["reviewed_at"] = row["reviewed_at"]
        record["updated_at"] = row["updated_at"]
        yield {column: record.get(column, "") for column, _description in SERVICE_COLUMNS}


def office_records() -> Iterator[dict]:
    for office in selectors.offices_for_open_data():
        schedule = office.schedule
        yield {
            "slug": office.slug,
            "url": absolute(f"/dienststellen/{office.slug}/"),
            "name_de": office.name_de,
            "name_en": office.name_en,
            "kind": office.kind,
            "department": office.department.code if office.department else "",
            "street": office.street,
            "postal_code": office.postal_code,
            "city": office.city,
            "stadtbezirk_number": office.stadtbezirk.number if office.stadtbezirk else None,
            "stadtbezirk": office.stadtbezirk.name if office.stadtbezirk else "",
            "latitude": office.latitude,
            "longitude": office.longitude,
            "phone": office.phone,
            "email": office.email,
            "transport_de": office.transport_de,
            "transport_en": office.transport_en,
            "step_free_entrance": office.step_free_entrance,
            "lift": office.lift,
            "accessible_toilet": office.accessible_toilet,
            "induction_loop": office.induction_loop,
            "disabled_parking": office.disabled_parking,
            "accessibility_notes_de": office.accessibility_notes_de,
            "accessibility_notes_en": office.accessibility_notes_en,
            "opening_hours": schedule.osm_opening_hours(),
            "exceptions": [
                {
                    "date": row.date,
                    "closed": row.closed,
                    "opens": row.opens,
                    "closes": row.closes,
                    "note_de": row.note_de,
                    "note_en": row.note_en,
                }
                for row in office.opening_exceptions.all()
            ],
            "updated_at": office.updated_at,
        }


class _Echo:
    def write(self, value):
        return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(str(item) for item in value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return str(value)


def csv_lines(records: Iterator[dict], columns: list[tuple[str, object]]) -> Iterator[str]:
    """RFC 4180 CSV (UTF-8, comma, header row); lists joined with "|"; no JSON-only columns."""
    names = [name for name, _description in columns if name != "exceptions"]
    writer = csv.writer(_Echo())
    yield writer.writerow(names)
    for record in records:
        yield writer.writerow([_csv_value(record[name]) for name in names])


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        if isinstance(o, dt.time):
            return o.strftime("%H:%M")
        return super().default(o)


def json_chunks(records: Iterator[dict], key: str) -> Iterator[str]:
    """``{"licence": {...}, "<key>": [ ... ]}``, written record by record."""
    head = json.dumps({"licence": LICENCE, "source": absolute("/open-data/")}, ensure_ascii=False)
    yield head[:-1] + f', "{key}": ['
    for index, record in enumerate(records):
        yield ("," if index else "") + json.dumps(record, cls=_Encoder, ensure_ascii=False)
    yield "]}\n"

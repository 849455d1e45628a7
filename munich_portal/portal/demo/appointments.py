"""Demo appointments for ``make run``: three Bürgerbüros with appointment types and slot rules,
so that the booking pages show bookable days. Idempotent (keyed by office and German name)."""

from __future__ import annotations

import datetime as dt

from appointments.models import AppointmentType, SlotRule
from appointments.slots import sync_slots, today
from services.models import Office, Service

# (name de, name en, minutes, service slugs, [(weekdays, from, to, places)]), within the
# Bürgerbüros' opening hours (services/demo_content.py).
TYPES = [
    (
        "Ausweis und Reisepass",
        "ID card and passport",
        20,
        ["personalausweis-beantragen", "reisepass-beantragen", "kinderreisepass"],
        [
            ((0, 2), "08:00", "12:00", 2),
            ((1,), "09:00", "12:00", 2),
            ((1,), "14:00", "18:00", 2),
            ((3,), "09:00", "15:00", 2),
            ((4,), "08:00", "12:00", 1),
        ],
    ),
    (
        "An-, Um- und Abmeldung",
        "Registering, changing or deregistering an address",
        15,
        ["wohnsitz-anmelden", "wohnsitz-ummelden", "wohnsitz-abmelden"],
        [
            ((0, 2, 4), "08:00", "12:00", 2),
            ((1, 3), "09:00", "12:00", 2),
            ((1,), "14:00", "17:00", 1),
        ],
    ),
]
OFFICES = ["buergerbuero-ruppertstrasse", "buergerbuero-pasing", "buergerbuero-orleansplatz"]


def load_appointments() -> str:
    offices = list(Office.objects.filter(slug__in=OFFICES))
    types = 0
    for office in offices:
        for position, (name_de, name_en, minutes, slugs, rules) in enumerate(TYPES):
            appointment_type, _created = AppointmentType.objects.update_or_create(
                office=office,
                name_de=name_de,
                defaults={
                    "name_en": name_en,
                    "duration_minutes": minutes,
                    "position": position,
                    "active": True,
                },
            )
            appointment_type.services.set(Service.objects.filter(slug__in=slugs))
            wanted = set()
            for weekdays, starts, ends, places in rules:
                for weekday in weekdays:
                    rule, _created = SlotRule.objects.update_or_create(
                        appointment_type=appointment_type,
                        weekday=weekday,
                        starts=dt.time.fromisoformat(starts),
                        defaults={
                            "ends": dt.time.fromisoformat(ends),
                            "capacity": places,
                            "valid_from": min(today(), dt.date(2026, 1, 1)),
                        },
                    )
                    wanted.add(rule.pk)
            SlotRule.objects.filter(appointment_type=appointment_type).exclude(
                pk__in=wanted
            ).delete()
            sync_slots(appointment_type)
            types += 1
    return f"{types} appointment types at {len(offices)} Bürgerbüros"

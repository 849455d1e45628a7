"""Demo appointments for ``make run``: three Bürgerbüros with appointment types and slot rules
(``demo/appointments/appointment-types.yaml``), so that the booking pages show bookable days.
Idempotent (keyed by office and German name)."""

from __future__ import annotations

import datetime as dt

from appointments.models import AppointmentType, SlotRule
from appointments.slots import sync_slots, today
from munich_portal.portal.demo.data import de, en, load_yaml, time_of_day
from services.models import Office, Service


def load_appointments() -> str:
    data = load_yaml("appointments/appointment-types.yaml")
    offices = list(Office.objects.filter(slug__in=data["offices"]))
    types = 0
    for office in offices:
        for position, spec in enumerate(data["types"]):
            appointment_type, _created = AppointmentType.objects.update_or_create(
                office=office,
                name_de=de(spec["name"]),
                defaults={
                    "name_en": en(spec["name"]),
                    "duration_minutes": spec["minutes"],
                    "position": position,
                    "active": True,
                },
            )
            appointment_type.services.set(Service.objects.filter(slug__in=spec["services"]))
            wanted = set()
            for rule_spec in spec["rules"]:
                starts, ends = rule_spec["from"], rule_spec["to"]
                for weekday in rule_spec["weekdays"]:
                    rule, _created = SlotRule.objects.update_or_create(
                        appointment_type=appointment_type,
                        weekday=weekday,
                        starts=time_of_day(starts),
                        defaults={
                            "ends": time_of_day(ends),
                            "capacity": rule_spec["places"],
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

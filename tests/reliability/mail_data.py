"""What the e-mail fault tests need in their server's database, made with the suite's factories.

``manage.py shell -c "from tests.reliability.mail_data import create; create()"`` runs
:func:`create` with the server's (production) environment: an event open to guests, a Bürgerbüro
appointment type with free slots and a resident's account (for the password reset). It prints
the addresses the tests need as one JSON line.
"""

import datetime as dt
import json

#: The account whose password the tests reset.
RESIDENT_EMAIL = "konto@example.org"


def create() -> None:
    from django.urls import reverse

    from appointments import models as appointment_models
    from munich_portal.core.timezone import MUNICH
    from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
    from tests.factories import UserFactory
    from tests.participation.factories import ConsentTextFactory, EventFactory

    ConsentTextFactory()
    event = EventFactory(slug="werkstatt-ausfall", capacity=1000, waiting_list_enabled=False)
    appointment_type = AppointmentTypeFactory()
    first = in_days(3, 8)
    for n in range(6):
        SlotFactory(
            appointment_type=appointment_type,
            starts_at=first + dt.timedelta(minutes=20 * n),
            capacity=100,
        )
    assert appointment_models.Slot.objects.filter(appointment_type=appointment_type).count() == 6
    UserFactory(email=RESIDENT_EMAIL)
    day = first.astimezone(MUNICH).date()
    print(
        json.dumps(
            {
                "event": reverse("participation:event", kwargs={"slug": event.slug}),
                "booking": (
                    reverse("appointments:book", kwargs={"slug": appointment_type.office.slug})
                    + f"?art={appointment_type.pk}&tag={day.isoformat()}"
                ),
            }
        )
    )

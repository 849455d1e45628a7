"""Factories of the participation app: a published process with an event that has places."""

import datetime as dt

import factory
from django.db.models import F
from django.utils import timezone

from munich_portal.core.channels import Channel
from munich_portal.core.models import Department
from participation.models import (
    ConsentText,
    Event,
    Phase,
    Process,
    ProcessStatus,
    Registration,
    RegistrationStatus,
    Topic,
)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "PLAN"
    name = "Referat für Stadtplanung und Bauordnung"
    name_en = "Department of Urban Planning"
    email = "plan@muenchen.de"


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"verfahren-{n}")
    title_de = factory.Sequence(lambda n: f"Beteiligungsverfahren {n}")
    title_en = factory.Sequence(lambda n: f"Participation process {n}")
    summary_de = "Wie soll sich die Innenstadt entwickeln? Reden Sie mit."
    summary_en = "How should the city centre develop? Have your say."
    description_de = "Die Stadt erarbeitet ein Konzept und fragt die Münchnerinnen und Münchner."
    topic = Topic.URBAN_DEVELOPMENT
    department = factory.SubFactory(DepartmentFactory)
    contact_email = "beteiligung@muenchen.de"
    status = ProcessStatus.PUBLISHED

    @factory.post_generation
    def stadtbezirke(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.stadtbezirke.set(extracted)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    kind = Phase.Kind.PARTICIPATION
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        django_get_or_create = ("slug",)

    process = factory.SubFactory(ProcessFactory)
    slug = factory.Sequence(lambda n: f"veranstaltung-{n}")
    title_de = factory.Sequence(lambda n: f"Werkstatt {n}")
    title_en = factory.Sequence(lambda n: f"Workshop {n}")
    kind = Event.Kind.WORKSHOP
    place_name = "Alte Kongresshalle"
    place_address = "Theresienhöhe 15, 80339 München"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    capacity = 10
    waiting_list_enabled = True
    sign_language = True
    step_free = True


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText
        django_get_or_create = ("version",)

    version = "2026-11"
    text_de = "Ich willige ein, dass die Stadt meine Angaben für diese Veranstaltung verwendet."
    text_en = "I agree that the city uses my details for this event."
    valid_from = dt.date(2026, 1, 1)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A bare row; tests of the capacity use participation.actions.register instead."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    channel = Channel.ONLINE
    status = RegistrationStatus.CONFIRMED
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Huber{n}")
    email = factory.Sequence(lambda n: f"anna{n}@example.org")
    consent_version = "2026-11"


class HeldRegistrationFactory(RegistrationFactory):
    """A confirmed row that holds its places, as one made by ``actions.register`` does: the
    event's ``confirmed_places`` counts it. For tests whose code cancels it (erasure does)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def hold_places(obj, create, extracted, **kwargs):
        if create and obj.status == RegistrationStatus.CONFIRMED:
            Event.objects.filter(pk=obj.event_id).update(
                confirmed_places=F("confirmed_places") + obj.number_of_people
            )
            obj.event.refresh_from_db(fields=["confirmed_places"])


def person(n: int = 0, **overrides) -> dict:
    """The person dict of actions.register."""
    values = {
        "first_name": "Maria",
        "last_name": f"Schmid{n}",
        "email": f"maria{n}@example.org",
        "phone": "",
        "street": "Sendlinger Straße 1",
        "postal_code": "80331",
        "city": "München",
    }
    values.update(overrides)
    return values

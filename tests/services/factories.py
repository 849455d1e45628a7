"""Factories of the catalogue: published by default, ``status="draft"`` for drafts."""

import datetime as dt

import factory

from munich_portal.core.models import Department
from services.models import (
    LifeSituation,
    Office,
    OpeningException,
    OpeningHours,
    PublicationStatus,
    Service,
    Topic,
)


class LifeSituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeSituation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"lebenslage-{n}")
    name_de = factory.Sequence(lambda n: f"Lebenslage {n}")
    name_en = factory.Sequence(lambda n: f"Life situation {n}")
    description_de = "Was Sie in dieser Lebenslage erledigen müssen."
    description_en = "What you need to do in this situation."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"thema-{n}")
    name_de = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"buergerbuero-{n}")
    name_de = factory.Sequence(lambda n: f"Bürgerbüro {n}")
    name_en = factory.Sequence(lambda n: f"Citizens' office {n}")
    kind = Office.Kind.CITIZENS_OFFICE
    status = PublicationStatus.PUBLISHED
    # The Bürgerbüros belong to the KVR: staff of the KVR see their bookings (row scopes).
    department = factory.LazyFunction(
        lambda: Department.objects.get_or_create(
            code="KVR", defaults={"name": "Kreisverwaltungsreferat"}
        )[0]
    )
    street = "Ruppertstraße 19"
    postal_code = "80337"
    latitude = 48.123456
    longitude = 11.554321
    phone = "089 233-96000"
    email = "buergerbuero@muenchen.de"
    transport_de = "U3/U6 Poccistraße"
    transport_en = "U3/U6 Poccistraße"
    step_free_entrance = True
    lift = True
    accessible_toilet = True
    induction_loop = False
    disabled_parking = None

    @factory.post_generation
    def weekday_hours(obj, create, extracted, **kwargs):
        """Monday to Friday 08:00 to 12:00 unless ``weekday_hours=[(weekday, opens, closes)]``."""
        if not create:
            return
        hours = (
            extracted
            if extracted is not None
            else [(day, dt.time(8), dt.time(12)) for day in range(5)]
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(office=obj, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in hours
        )


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    office = factory.SubFactory(OfficeFactory)
    date = dt.date(2026, 12, 24)
    closed = True
    note_de = "Heiligabend"
    note_en = "Christmas Eve"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"dienstleistung-{n}")
    name_de = factory.Sequence(lambda n: f"Dienstleistung {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    status = PublicationStatus.PUBLISHED
    short_text_de = "Kurzbeschreibung der Leistung."
    short_text_en = "Short description of the service."
    full_text_de = "Ausführliche Beschreibung."
    full_text_en = "Full description."
    fees_de = "Gebührenfrei"
    fees_en = "Free of charge"
    reviewed_at = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))

    @factory.post_generation
    def life_situations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.life_situations.set(extracted)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)

    @factory.post_generation
    def offices(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.offices.set(extracted)

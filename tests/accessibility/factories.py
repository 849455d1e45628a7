"""Factories of the accessibility app."""

import datetime as dt

import factory
from django.utils import timezone

from accessibility.initial_content import SIGN_LANGUAGE_VIDEO, STATEMENT
from accessibility.models import (
    AccessibilityStatement,
    BarrierReason,
    BarrierReport,
    KnownBarrier,
    SignLanguageVideo,
)


class StatementFactory(factory.django.DjangoModelFactory):
    """A statement with the initial content; ``published=True`` puts it on the site."""

    class Meta:
        model = AccessibilityStatement

    class Params:
        published = factory.Trait(
            is_published=True, published_at=factory.LazyFunction(timezone.now)
        )

    conformance = STATEMENT["conformance"]
    conformance_text_de = STATEMENT["conformance_text_de"]
    conformance_text_en = STATEMENT["conformance_text_en"]
    alternatives_de = STATEMENT["alternatives_de"]
    alternatives_en = STATEMENT["alternatives_en"]
    assessment_date = factory.LazyFunction(timezone.localdate)
    assessment_details_de = STATEMENT["assessment_details_de"]
    assessment_details_en = STATEMENT["assessment_details_en"]
    prepared_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    reviewed_on = factory.LazyFunction(timezone.localdate)
    feedback_email = "barrierefreiheit@muenchen.example"
    feedback_phone = "115"
    feedback_postal_address = STATEMENT["feedback_postal_address"]
    enforcement_body = STATEMENT["enforcement_body"]
    enforcement_phone = STATEMENT["enforcement_phone"]
    enforcement_email = STATEMENT["enforcement_email"]


class KnownBarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnownBarrier

    statement = factory.SubFactory(StatementFactory)
    description_de = "Die Karte der Bürgerbüros ist nicht mit der Tastatur bedienbar."
    description_en = "The map of the citizens' offices cannot be used with the keyboard."
    reason = BarrierReason.BEING_FIXED
    fixed_by = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    alternative_de = "Die Adressen stehen als Liste unter der Karte."
    alternative_en = "The addresses are listed below the map."


class BarrierReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierReport

    page = "/kontakt/"
    description = "Das Formular lässt sich mit dem Screenreader nicht absenden."
    name = "Anna Huber"
    email = "anna.huber@example.org"


class SignLanguageVideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignLanguageVideo

    title_de = SIGN_LANGUAGE_VIDEO["title_de"]
    title_en = SIGN_LANGUAGE_VIDEO["title_en"]
    transcript_de = SIGN_LANGUAGE_VIDEO["transcript_de"]
    transcript_en = SIGN_LANGUAGE_VIDEO["transcript_en"]
    duration_seconds = 30
    is_published = True
